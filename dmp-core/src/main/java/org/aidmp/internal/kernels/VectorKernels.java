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
   * Centroids per panel in the layout {@link #nearestCentroids} reads, and the multiple the padded
   * centroid count is rounded up to: 16 floats covers every vector width up to 512 bits.
   */
  int CENTROID_STRIDE_MULTIPLE = 16;

  /**
   * Where coordinate j of centroid c sits in the layout {@link #nearestCentroids} reads. The
   * centroids are cut into panels of {@link #CENTROID_STRIDE_MULTIPLE}, and each panel is stored
   * transposed, coordinate after coordinate: one vector load takes one coordinate of neighbouring
   * centroids, and a kernel that walks the coordinates of a panel reads consecutive memory. (A
   * plain transpose, coordinate j of all k centroids in one row, puts the coordinates a kernel
   * walks 4·k bytes apart: at k = 256 every step lands on a new cache line in one of a few L1 sets,
   * and the panel is evicted before it is used again.)
   *
   * <pre>{@code
   * float[] ct = new float[d * kStride];
   * VectorKernels.packCentroids(centroids, k, d, ct);
   * float c3j = ct[VectorKernels.centroidIndex(3, j, d)];
   * }</pre>
   */
  static int centroidIndex(int c, int j, int d) {
    int p = CENTROID_STRIDE_MULTIPLE;
    return (c / p) * p * d + j * p + c % p;
  }

  /**
   * Writes k row-major centroids ({@code d} coordinates each, from offset 0) into {@code ct} in the
   * panel layout of {@link #centroidIndex}. Padding lanes past k are left as they are (0 in a fresh
   * array).
   */
  static void packCentroids(float[] centroids, int k, int d, float[] ct) {
    for (int c = 0; c < k; c++) {
      int o = centroidIndex(c, 0, d);
      for (int j = 0; j < d; j++, o += CENTROID_STRIDE_MULTIPLE) {
        ct[o] = centroids[c * d + j];
      }
    }
  }

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
   * @param ct centroids in panels, as {@link #packCentroids} writes them: coordinate j of centroid
   *     c at {@link #centroidIndex centroidIndex(c, j, d)}; padding lanes hold 0
   * @param kStride the centroid count padded to a multiple of {@link #CENTROID_STRIDE_MULTIPLE}:
   *     {@code ct} holds {@code d·kStride} floats
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

  /**
   * {@link #nearestCentroids(float[], int, int, int, float[], int, float[], int, int[], int,
   * float[], int)} for a caller that already holds each point's squared norm: {@code
   * xNorms[xNormsOff + i]} must be the sequential fused multiply-add sum of point i's squares, as
   * {@link #sequentialSquaredNorm} computes it, so the results are bit-identical. Recomputing the
   * norm is a serial chain of d fused multiply-adds per point, which costs more than the scan
   * itself when there are few centroids.
   */
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
   * {@code sums[sOff + j] += x[xOff + j]} for j in [0, d): each coordinate widened to double and
   * added on its own, so the sums are the scalar loop's bit for bit. K-Means adds every point to
   * its cluster's sums this way; on Java 17 the JIT leaves the float-to-double loop scalar.
   */
  void addTo(double[] sums, int sOff, float[] x, int xOff, int d);

  /**
   * {@code sums[sOff + j] += w * x[xOff + j]} for j in [0, d): the product rounded to double, then
   * added (no fused multiply-add), as the scalar loop does.
   */
  void addScaledTo(double[] sums, int sOff, double w, float[] x, int xOff, int d);

  /**
   * Queries per group in the layout {@link #scorePanels} reads: six queries take twelve
   * accumulators against two row vectors, which with the two rows and one broadcast fit the 16
   * registers of AVX2.
   */
  int QUERY_GROUP = 6;

  /** Rows per bit of the hit masks {@link #scorePanels} reports. */
  int HIT_GROUP = 4;

  /**
   * Copies n queries (row-major, d coordinates each, from {@code qOff}) into groups of {@link
   * #QUERY_GROUP}, each group transposed: coordinate t of query i lands at {@code out[outOff +
   * (i/G)·G·d + t·G + i%G]}. A kernel then reads one coordinate of a whole group from consecutive
   * floats with a single index, instead of one index per query. The last group is padded with
   * zeros; {@code out} needs {@code ceil(n/G)·G·d} floats from {@code outOff}.
   */
  static void packQueries(float[] q, int qOff, int n, int d, float[] out, int outOff) {
    int g = QUERY_GROUP;
    int groups = (n + g - 1) / g;
    java.util.Arrays.fill(out, outOff, outOff + groups * g * d, 0f);
    for (int i = 0; i < n; i++) {
      int o = outOff + (i / g) * g * d + i % g;
      for (int t = 0; t < d; t++) {
        out[o + t * g] = q[qOff + i * d + t];
      }
    }
  }

  /**
   * Scores groups of queries against panels of rows for a top-k scan, which needs only the scores
   * that can still enter each query's heap. The queries are {@code groups} groups packed by {@link
   * #packQueries} from {@code qOff}; query i of the call is query i%G of group i/G, and the rows
   * are the {@code panels} consecutive panels from {@code pOff}. The score of query i and row j is
   * dot(query i, row j).
   *
   * <p>The call's rows are taken in groups of {@link #HIT_GROUP}; for query i, every group holding
   * a score of at least {@code floors[floorsOff + i]} has bit g (g = the group's index in the call)
   * set in {@code hits[hitsOff + i]}, which is overwritten, and its scores written to {@code
   * out[outOff + i*outStride + j]}. A kernel may report more groups than those (it tests a vector
   * of rows at once); the scores of groups it does not report are not defined. Most tiles of a
   * large scan hold no candidate, so they are neither stored nor read back.
   *
   * @param floors the least score of interest per query ({@code -Infinity} takes every row, {@code
   *     +Infinity} none, e.g. for the padding queries of a last group)
   * @param hits modified: one mask per query; {@code panels·PANEL_WIDTH} must be at most {@code
   *     64·HIT_GROUP}
   * @param out modified: the scores of the reported groups, {@code groups·G} rows of {@code
   *     outStride}
   */
  void scorePanels(
      float[] q,
      int qOff,
      int groups,
      float[] p,
      int pOff,
      int panels,
      int d,
      float[] floors,
      int floorsOff,
      long[] hits,
      int hitsOff,
      float[] out,
      int outOff,
      int outStride);
}
