/**
 * NumPy {@code .npy} files for {@link org.ejml.data.FMatrixRMaj}, so matrices travel to and from
 * Python tools and benchmarks run on the same files as their peers.
 *
 * <pre>{@code
 * FMatrixRMaj x = NpyReader.read(Path.of("X.npy"));
 * NpyWriter.write(Path.of("out.npy"), x, NpyType.FLOAT32);
 * }</pre>
 */
package org.aidmp.io.npy;
