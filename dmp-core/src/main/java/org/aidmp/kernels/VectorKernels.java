package org.aidmp.kernels;

/**
 * Float kernels on slices of arrays, so they work on the rows of a row-major matrix without
 * copies. Implementations do not allocate and do not check bounds: callers do, once, at their
 * public entry points. No argument array is modified unless its javadoc says so.
 */
public interface VectorKernels {
  /** A short name for logs and provenance: "scalar" or "panama-256" and the like. */
  String name();

  /** Σ a[aOff+i]·b[bOff+i] for i in [0, len). */
  float dot(float[] a, int aOff, float[] b, int bOff, int len);

  /** Σ a[off+i]² for i in [0, len). */
  float squaredNorm(float[] a, int off, int len);

  /** Σ (a[aOff+i] − b[bOff+i])² for i in [0, len). */
  float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len);

  /**
   * Dot products of a tile of rows: {@code out[outOff + i*bRows + j] = dot(a row i, b row j)} for
   * i in [0, aRows), j in [0, bRows), where row i of {@code a} starts at {@code aOff + i*d} and row
   * j of {@code b} at {@code bOff + j*d}.
   *
   * @param out modified: receives aRows × bRows dot products, row-major
   */
  void dotTile(
      float[] a, int aOff, int aRows, float[] b, int bOff, int bRows, int d, float[] out,
      int outOff);
}
