/**
 * Internal: the numeric kernels under K-Means and kNN, a tuned scalar implementation and a SIMD one
 * on the JDK's Vector API, picked once by {@link org.aidmp.internal.kernels.VectorKernelsProvider}.
 * Not a public API: signatures may change between releases.
 */
package org.aidmp.internal.kernels;
