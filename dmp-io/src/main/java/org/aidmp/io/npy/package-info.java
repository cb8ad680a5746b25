/**
 * NumPy {@code .npy} files for {@link org.ejml.data.FMatrixRMaj} ({@link org.aidmp.io.npy.Npy}), so
 * matrices travel to and from Python tools and benchmarks run on the same files as their peers.
 *
 * <pre>{@code
 * FMatrixRMaj x = Npy.read(Path.of("X.npy"));
 * Npy.writeFloat32(Path.of("out.npy"), x);
 * }</pre>
 */
package org.aidmp.io.npy;
