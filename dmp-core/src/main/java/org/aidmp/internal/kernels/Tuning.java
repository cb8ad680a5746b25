package org.aidmp.internal.kernels;

/**
 * Every tuning threshold of the hot loops, in one place, each with the measurement behind it. The
 * values change speed only, never results: the K-Means blocks depend on n, k and d alone, so a
 * model stays bit-identical on any thread count whatever these are.
 *
 * <pre>{@code
 * int blocks = Math.min(Tuning.KMEANS_MAX_BLOCKS, n / Tuning.KMEANS_MIN_BLOCK_ROWS);
 * }</pre>
 */
public final class Tuning {
  /**
   * System property naming the vector register count (16 or 32) when the guess from the
   * architecture and vector width is wrong, e.g. a virtual CPU that hides AVX-512.
   */
  public static final String REGISTERS_PROPERTY = "dmp.vector.registers";

  /**
   * System property choosing the kernels: {@code scalar} forces the plain-Java ones, anything else
   * (or unset) takes the Vector API ones when the JVM has {@code jdk.incubator.vector}.
   */
  public static final String KERNELS_PROPERTY = "dmp.kernels";

  /**
   * K-Means: upper bound on the doubles held by the per-block partial centroid sums (32 MB); caps
   * the block count at large k·d.
   */
  public static final int KMEANS_PARTIAL_SUM_BUDGET = 4_000_000;

  /**
   * K-Means blocks never get smaller than this many rows: below it the task hand-off costs more
   * than the assignment of the block at k = 8, d = 2.
   */
  public static final int KMEANS_MIN_BLOCK_ROWS = 1024;

  /** K-Means: at most this many blocks, enough to balance two to eight workers. */
  public static final int KMEANS_MAX_BLOCKS = 64;

  /**
   * K-Means: a Lloyd block is assigned and summed this many bytes of rows at a time, so the sums
   * read rows the assignment just brought into L2 instead of streaming the block from memory again
   * (a block at n = 10⁶, d = 64 is 4 MB).
   */
  public static final int KMEANS_CHUNK_BYTES = 64 * 1024;

  /**
   * Cosine kNN: queries that share one pass over the rows, so that the rows come from memory once
   * per this many queries (at n = 10⁶, d = 64 a pass reads 256 MB). A multiple of {@link
   * #KNN_QUERY_TILE}, so that every tile but the batch's last starts a packed query group.
   */
  public static final int KNN_QUERY_BLOCK = 252;

  /**
   * Cosine kNN: queries scored together in one tile call, six groups of {@link
   * VectorKernels#QUERY_GROUP}; with {@link #KNN_ROW_BLOCK} the scores make a 36 KB tile, which
   * stays in L1/L2 while the heaps read it.
   */
  public static final int KNN_QUERY_TILE = 36;

  /**
   * Cosine kNN: rows per tile, a multiple of the panel width; 256 rows of d = 64 floats (64 KB)
   * stay in L2 while every query tile of the block passes over them.
   */
  public static final int KNN_ROW_BLOCK = 256;

  /**
   * Dense inversion (EASE): the pivot block of the blocked sweep, the depth of its rank-b updates.
   * Deeper blocks read and write the matrix fewer times (n/b passes) but add 2n²·b flops for the
   * pivot rows.
   */
  public static final int INVERSE_BLOCK = 128;

  /**
   * Dense inversion: rows of the matrix per task of the rank-b update; their packed pivot columns
   * (rows × {@link #INVERSE_BLOCK} doubles, 96 KB) stay in L2 while the tiles pass over them.
   */
  public static final int INVERSE_UPDATE_ROWS = 96;

  /** Dense inversion: below this order a single thread is faster than handing out work. */
  public static final int INVERSE_PARALLEL_MIN_ORDER = 256;

  private Tuning() {}

  /**
   * Vector registers of the CPU: the value of {@link #REGISTERS_PROPERTY} when set to 16 or 32,
   * otherwise 32 on AArch64 (NEON and SVE both have 32) and on x86 with 512-bit vectors (AVX-512
   * has 32 zmm registers), and 16 elsewhere (AVX2 and SSE have 16).
   *
   * @param arch the {@code os.arch} system property
   * @param vectorBits the vector width the kernels use
   */
  public static int vectorRegisters(String arch, int vectorBits) {
    String forced = System.getProperty(REGISTERS_PROPERTY);
    if ("16".equals(forced) || "32".equals(forced)) {
      return Integer.parseInt(forced);
    }
    String a = arch == null ? "" : arch.toLowerCase(java.util.Locale.ROOT);
    if (a.equals("aarch64") || a.equals("arm64")) {
      return 32;
    }
    return vectorBits >= 512 ? 32 : 16;
  }
}
