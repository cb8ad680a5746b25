package org.aidmp.internal.kernels;

/**
 * Float kernels on slices of arrays, so they work on the rows of a row-major matrix without copies.
 * Implementations do not allocate and do not check bounds: callers do, once, at their public entry
 * points. No argument array is modified unless its javadoc says so.
 *
 * <pre>{@code
 * VectorKernels kernels = VectorKernelsProvider.get();
 * float d = kernels.dot(x.data, row * x.numCols, y.data, 0, x.numCols);
 * }</pre>
 */
public interface VectorKernels {
  /**
   * The centroid stride of the transposed layout that {@link #nearestCentroids} reads must be a
   * multiple of this: 16 floats covers every vector width up to 512 bits.
   */
  int CENTROID_STRIDE_MULTIPLE = 16;

  /** A short name for logs and provenance: "scalar" or "panama-256" and the like. */
  String name();

  /**
   * The vector width, register count and tile shapes, chosen once when the kernels were made; for
   * the start-up log line.
   */
  String shape();

  /** Σ a[aOff+i]·b[bOff+i] for i in [0, len). */
  float dot(float[] a, int aOff, float[] b, int bOff, int len);

  /** Σ a[off+i]² for i in [0, len). */
  float squaredNorm(float[] a, int off, int len);

  /** Σ (a[aOff+i] − b[bOff+i])² for i in [0, len). */
  float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len);

  /**
   * Dot products of a tile of rows: {@code out[outOff + i*bRows + j] = dot(a row i, b row j)} for i
   * in [0, aRows), j in [0, bRows), where row i of {@code a} starts at {@code aOff + i*d} and row j
   * of {@code b} at {@code bOff + j*d}.
   *
   * @param out modified: receives aRows × bRows dot products, row-major
   */
  void dotTile(
      float[] a,
      int aOff,
      int aRows,
      float[] b,
      int bOff,
      int bRows,
      int d,
      float[] out,
      int outOff);

  /**
   * The fused K-Means assignment: for each of {@code rows} points (point i starts at {@code xOff +
   * i*d}) finds the centroid c in [0, k) that minimises {@code ‖c‖² − 2·x·c}, ties going to the
   * lowest index, and stores it with the squared distance {@code max(0, ‖x‖² + ‖c‖² − 2·x·c)}. No
   * point × centroid matrix is written.
   *
   * <p>The result for one point does not depend on the other points of the call, on {@code rows},
   * or on the implementation: every dot product is the sequence of fused multiply-adds over the
   * coordinates in order, so the scalar and SIMD kernels and any split of the points into calls
   * give bit-identical labels and distances.
   *
   * @param ct centroids transposed: coordinate j of centroid c at {@code ct[j*kStride + c]}; {@code
   *     kStride} is a multiple of {@link #CENTROID_STRIDE_MULTIPLE}, padding lanes hold 0
   * @param cNorms ‖c‖² for c in [0, kStride); padding entries must be {@code +Infinity}
   * @param labels modified: receives the nearest centroid of point i at {@code labelsOff + i}
   * @param dist modified: receives its squared distance at {@code distOff + i}
   */
  void nearestCentroids(
      float[] x,
      int xOff,
      int rows,
      int d,
      float[] ct,
      int kStride,
      float[] cNorms,
      int k,
      int[] labels,
      int labelsOff,
      float[] dist,
      int distOff);

  /**
   * {@link #nearestCentroids(float[], int, int, int, float[], int, float[], int, int[], int,
   * float[], int)} for a caller that already holds each point's squared norm: {@code
   * xNorms[xNormsOff + i]} must be the sequential fused multiply-add sum of point i's squares, as
   * {@link #sequentialSquaredNorm} computes it, so the results are bit-identical. Recomputing the
   * norm is a serial chain of d fused multiply-adds per point, which costs more than the scan
   * itself when there are few centroids.
   */
  /**
   * ‖x‖² as one fused multiply-add chain in coordinate order: the norm every assignment distance is
   * built on, in both kernels and in the callers that hand norms in, so that all agree bit for bit.
   */
  static float sequentialSquaredNorm(float[] x, int off, int d) {
    float s = 0;
    for (int j = 0; j < d; j++) {
      s = Math.fma(x[off + j], x[off + j], s);
    }
    return s;
  }

  default void nearestCentroids(
      float[] x,
      int xOff,
      int rows,
      int d,
      float[] ct,
      int kStride,
      float[] cNorms,
      int k,
      float[] xNorms,
      int xNormsOff,
      int[] labels,
      int labelsOff,
      float[] dist,
      int distOff) {
    nearestCentroids(x, xOff, rows, d, ct, kStride, cNorms, k, labels, labelsOff, dist, distOff);
  }

  /**
   * Rows per panel in the transposed layout of {@link #scorePanels}: one 512-bit vector of floats,
   * two 256-bit ones. A panel holds this many rows transposed: coordinate t of the panel's row r is
   * at {@code panelStart + t*PANEL_WIDTH + r}, so one SIMD vector holds one coordinate of many rows
   * and a query's scores accumulate lane-wise with one fused multiply-add per coordinate and no
   * horizontal reduction per pair (the packing a BLAS GEMM does). The cosine index stores its rows
   * this way.
   */
  int PANEL_WIDTH = 16;

  /**
   * {@code out[outOff + i*outStride + j] = dot(query i, row j)} for i in [0, qRows) and j in [0,
   * panels*PANEL_WIDTH), where query i starts at {@code qOff + i*d} and the rows are the {@code
   * panels} consecutive panels from {@code pOff} (each {@code PANEL_WIDTH*d} floats).
   *
   * @param out modified
   */
  void scorePanels(
      float[] q,
      int qOff,
      int qRows,
      float[] p,
      int pOff,
      int panels,
      int d,
      float[] out,
      int outOff,
      int outStride);

  /**
   * The first index in [from, to) whose value is at least {@code threshold}, or {@code to} if none:
   * the scan skips the scores that cannot enter a heap without looking at each one.
   */
  int nextAtLeast(float[] a, int from, int to, float threshold);
}
