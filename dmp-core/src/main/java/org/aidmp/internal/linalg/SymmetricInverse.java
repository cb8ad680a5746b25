package org.aidmp.internal.linalg;

import java.util.Arrays;
import org.aidmp.internal.kernels.DenseKernels;
import org.aidmp.internal.kernels.DenseKernelsProvider;
import org.aidmp.internal.kernels.Tuning;
import org.aidmp.internal.parallel.WorkerPool;

/**
 * In-place inverse of a symmetric positive definite matrix by the blocked sweep (block Gauss–Jordan
 * without pivoting, which is stable for such matrices): n³ flops plus 2n²·b for the pivot rows,
 * nearly all of them in packed matrix products run by the register-tiled {@link DenseKernels}, and
 * shared out between threads by row blocks.
 *
 * <pre>{@code
 * double[] a = gram.clone();               // n × n, row-major, symmetric positive definite
 * SymmetricInverse.invertInPlace(a, n, 2); // a now holds the inverse (lower triangle and mirror)
 * }</pre>
 *
 * <p>Sweeping the pivot block K (b rows) with D = A_KK⁻¹ and R the other rows sets W = D·A_KR, A_RR
 * ← A_RR − A_RK·W, A_RK ← Wᵀ and A_KK ← −D; after the last block the matrix holds −A⁻¹. Only the
 * lower triangle is read or updated. Both products are tiled by the kernels' MR × NR tile over
 * packed copies of their operands (W and A_KR in micro-panels of NR columns, D and −A_RK in
 * micro-panels of MR rows); a tile of the update reads its slice of A once, adds a rank-b product
 * in registers and writes it back once. Every element is the same sequence of fused multiply-adds
 * whatever the thread count, the kernels or the tile shape, so the result is too, bit for bit.
 */
public final class SymmetricInverse {
  /** Pivot blocks of this order or less are inverted by the unblocked sweep. */
  private static final int UNBLOCKED_MAX = 32;

  private SymmetricInverse() {}

  /**
   * Replaces {@code a} (n × n, row-major, symmetric positive definite; only the lower triangle is
   * read) with its inverse, both triangles filled, on up to {@code threads} threads (the caller's
   * included), with the block size of {@link Tuning#INVERSE_BLOCK} and this JVM's kernels.
   *
   * @param a modified: the matrix, then its inverse
   * @throws ArithmeticException when a pivot is not positive (the matrix is not positive definite,
   *     or too ill-conditioned for double precision); any other exception, such as an interrupt of
   *     the waiting caller, is not about the matrix
   */
  public static void invertInPlace(double[] a, int n, int threads) {
    invertInPlace(a, n, threads, Tuning.INVERSE_BLOCK, DenseKernelsProvider.get());
  }

  /**
   * As {@link #invertInPlace(double[], int, int)} with the pivot block size and the kernels given:
   * for tests and benchmarks. The result does not depend on {@code kernels}; it does on {@code
   * block} (in the last bits).
   *
   * @param a modified: the matrix, then its inverse
   */
  public static void invertInPlace(
      double[] a, int n, int threads, int block, DenseKernels kernels) {
    if (n < 0 || a.length < (long) n * n) {
      throw new IllegalArgumentException(
          "a holds " + a.length + " values, fewer than n² for n = " + n + "; pass an n × n array");
    }
    if (block < 1) {
      throw new IllegalArgumentException("block is " + block + "; use 1 or more");
    }
    int workers = n < Tuning.INVERSE_PARALLEL_MIN_ORDER ? 1 : Math.max(1, threads);
    try (WorkerPool pool = WorkerPool.create("inverse", workers, null)) {
      new Sweep(a, n, block, kernels, pool, 0).run();
    }
  }

  /** One inversion: the matrix, its buffers and the tilings of the current pivot block. */
  private static final class Sweep {
    private final double[] a;
    private final int n;
    private final int bs;
    private final DenseKernels k;
    private final int mr;
    private final int nr;
    private final WorkerPool pool;
    private final int offset;

    private final double[] dinv;

    /** −A_RK in micro-panels of MR rows of R. */
    private final double[] uPack;

    /** W = D·A_KR in micro-panels of NR columns of R. */
    private final double[] wPack;

    private final double[] dPack;
    private final int[] rowStart;
    private final int[] rowLen;
    private final int[] colStart;
    private final int[] colLen;
    private final int[] dStart;
    private final int[] dLen;

    Sweep(double[] a, int n, int bs, DenseKernels k, WorkerPool pool, int offset) {
      this.a = a;
      this.n = n;
      this.bs = Math.min(bs, Math.max(1, n));
      this.k = k;
      this.mr = k.tileRows();
      this.nr = k.tileColumns();
      this.pool = pool;
      this.offset = offset;
      int b = this.bs;
      this.dinv = new double[b * b];
      int rowTiles = n / mr + 2;
      int colTiles = n / nr + 2;
      int dTiles = b / mr + 1;
      this.uPack = new double[b * mr * rowTiles];
      this.wPack = new double[b * nr * colTiles];
      this.dPack = new double[b * mr * dTiles];
      this.rowStart = new int[rowTiles];
      this.rowLen = new int[rowTiles];
      this.colStart = new int[colTiles];
      this.colLen = new int[colTiles];
      this.dStart = new int[dTiles];
      this.dLen = new int[dTiles];
    }

    void run() {
      for (int k0 = 0; k0 < n; k0 += bs) {
        step(k0, Math.min(bs, n - k0));
      }
      negateAndMirror();
    }

    private void step(int k0, int b) {
      // D = A_KK⁻¹, from the lower triangle of the pivot block.
      for (int t = 0; t < b; t++) {
        for (int s = 0; s < b; s++) {
          dinv[t * b + s] = s <= t ? a[(k0 + t) * n + k0 + s] : a[(k0 + s) * n + k0 + t];
        }
      }
      invertBlock(dinv, b, offset + k0);
      int rows = tiles(k0, k0 + b, n, mr, rowStart, rowLen);
      int cols = tiles(k0, k0 + b, n, nr, colStart, colLen);
      int dRows = tiles(b, b, b, mr, dStart, dLen);
      for (int d = 0; d < dRows; d++) {
        // Row t of D is column t of the kernel's operand.
        pack(dinv, dStart[d] * b, 1, b, b, dLen[d], mr, 1.0, dPack, d * b * mr);
      }
      // Three parallel phases per block, each task packing the operands it alone reads, so that
      // the workers meet three times per block: on a loaded machine every meeting waits for the
      // slowest descheduled worker.
      // 1. W = D·A_KR, by groups of column tiles, written straight into W's micro-panels.
      int group = Math.max(1, Tuning.INVERSE_UPDATE_ROWS / nr);
      pool.run(
          (cols + group - 1) / group,
          g -> {
            double[] tmp = new double[mr * nr];
            double[] panel = new double[b * nr];
            int end = Math.min(cols, (g + 1) * group);
            for (int c = g * group; c < end; c++) {
              int cl = colLen[c];
              int wOff = c * b * nr;
              packPanel(k0, b, colStart[c], cl, nr, 1.0, panel, 0);
              Arrays.fill(wPack, wOff, wOff + b * nr, 0.0);
              for (int d = 0; d < dRows; d++) {
                tile(
                    dPack,
                    d * b * mr,
                    panel,
                    0,
                    b,
                    wPack,
                    wOff,
                    nr,
                    dStart[d],
                    0,
                    dLen[d],
                    cl,
                    false,
                    tmp);
              }
            }
          });
      // 2. A_RR ← A_RR − A_RK·W; reads A_RK, which phase 3 then overwrites.
      update(k0, b, rows, cols);
      // 3. A_RK ← Wᵀ and A_KK ← −D in the lower triangle: rows of K (left of it), then the rows
      // below K.
      int tilesLeft = (k0 + nr - 1) / nr;
      int below = n - k0 - b;
      int perTask = 32;
      pool.run(
          (b + below + perTask - 1) / perTask,
          task -> {
            int end = Math.min(b + below, (task + 1) * perTask);
            for (int x = task * perTask; x < end; x++) {
              if (x < b) {
                int r = (k0 + x) * n;
                for (int c = 0; c < tilesLeft; c++) {
                  System.arraycopy(wPack, c * b * nr + x * nr, a, r + colStart[c], colLen[c]);
                }
                for (int s = 0; s <= x; s++) {
                  a[r + k0 + s] = -dinv[x * b + s];
                }
              } else {
                int j = x - b;
                int src = (tilesLeft + j / nr) * b * nr + j % nr;
                int r = (k0 + x) * n + k0;
                for (int t = 0; t < b; t++) {
                  a[r + t] = wPack[src + t * nr];
                }
              }
            }
          });
    }

    /**
     * A_RR ← A_RR − A_RK·W over the lower triangle. Tasks are blocks of row tiles: each packs its
     * rows of −A_RK, which stay in L2 while one micro-panel of W at a time passes through L1. Tasks
     * are handed out from the bottom, where rows are longest, so the last ones are short.
     */
    private void update(int k0, int b, int rows, int cols) {
      int unit = Math.max(1, Tuning.INVERSE_UPDATE_ROWS / mr);
      pool.run(
          (rows + unit - 1) / unit,
          task -> {
            double[] tmp = new double[mr * nr];
            int hi = rows - task * unit;
            int lo = Math.max(0, hi - unit);
            for (int r = lo; r < hi; r++) {
              packPanel(k0, b, rowStart[r], rowLen[r], mr, -1.0, uPack, r * b * mr);
            }
            int lastRow = rowStart[hi - 1] + rowLen[hi - 1] - 1;
            for (int c = 0; c < cols && colStart[c] <= lastRow; c++) {
              int cs = colStart[c];
              for (int r = lo; r < hi; r++) {
                if (cs <= rowStart[r] + rowLen[r] - 1) {
                  tile(
                      uPack,
                      r * b * mr,
                      wPack,
                      c * b * nr,
                      b,
                      a,
                      0,
                      n,
                      rowStart[r],
                      cs,
                      rowLen[r],
                      colLen[c],
                      true,
                      tmp);
                }
              }
            }
          });
    }

    /**
     * One tile of the matrix c (element (i, j) at {@code cBase + i·ldc + j}) at (row, col), rows ×
     * cols of it valid; with {@code lowerOnly} only its elements on or below the diagonal. Whole
     * tiles go straight to the kernel; the others through {@code tmp}, which gives each valid
     * element the same arithmetic.
     */
    private void tile(
        double[] u,
        int uOff,
        double[] wp,
        int wOff,
        int depth,
        double[] c,
        int cBase,
        int ldc,
        int row,
        int col,
        int rows,
        int cols,
        boolean lowerOnly,
        double[] tmp) {
      if (rows == mr && cols == nr && (!lowerOnly || col + nr - 1 <= row)) {
        k.multiplyAddTile(u, uOff, wp, wOff, depth, c, cBase + row * ldc + col, ldc);
        return;
      }
      for (int r = 0; r < mr; r++) {
        for (int j = 0; j < nr; j++) {
          boolean in = r < rows && j < cols && (!lowerOnly || col + j <= row + r);
          tmp[r * nr + j] = in ? c[cBase + (row + r) * ldc + col + j] : 0.0;
        }
      }
      k.multiplyAddTile(u, uOff, wp, wOff, depth, tmp, 0, nr);
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < cols; j++) {
          if (!lowerOnly || col + j <= row + r) {
            c[cBase + (row + r) * ldc + col + j] = tmp[r * nr + j];
          }
        }
      }
    }

    /**
     * Packs {@code sign}·A_K,j for the len indices j from j0 (all left of K or all right of it),
     * read from the lower triangle: A[k0 + t][j] left of K, A[j][k0 + t] right of it.
     */
    private void packPanel(
        int k0, int b, int j0, int len, int width, double sign, double[] dst, int dstOff) {
      if (j0 < k0) {
        pack(a, k0 * n + j0, n, 1, b, len, width, sign, dst, dstOff);
      } else {
        pack(a, j0 * n + k0, 1, n, b, len, width, sign, dst, dstOff);
      }
    }

    /**
     * {@code dst[dstOff + t·width + r] = sign·src[srcOff + t·kStride + r·iStride]} for t < depth, r
     * < len, and 0 for r in [len, width).
     */
    private static void pack(
        double[] src,
        int srcOff,
        int kStride,
        int iStride,
        int depth,
        int len,
        int width,
        double sign,
        double[] dst,
        int dstOff) {
      if (iStride == 1) {
        for (int t = 0; t < depth; t++) {
          int s = srcOff + t * kStride;
          int d = dstOff + t * width;
          for (int r = 0; r < len; r++) {
            dst[d + r] = sign * src[s + r];
          }
        }
      } else {
        // Rows of the source are contiguous along the depth: read them in order.
        for (int r = 0; r < len; r++) {
          int s = srcOff + r * iStride;
          for (int t = 0; t < depth; t++) {
            dst[dstOff + t * width + r] = sign * src[s + t * kStride];
          }
        }
      }
      if (len < width) {
        for (int t = 0; t < depth; t++) {
          Arrays.fill(dst, dstOff + t * width + len, dstOff + (t + 1) * width, 0.0);
        }
      }
    }

    /** Tiles of {@code width} over [0, gapStart) and [gapEnd, end); returns their number. */
    private static int tiles(int gapStart, int gapEnd, int end, int width, int[] start, int[] len) {
      int q = 0;
      for (int s = 0; s < gapStart; s += width, q++) {
        start[q] = s;
        len[q] = Math.min(width, gapStart - s);
      }
      for (int s = gapEnd; s < end; s += width, q++) {
        start[q] = s;
        len[q] = Math.min(width, end - s);
      }
      return q;
    }

    /** The pivot block's inverse in place: blocked sweep on one thread, unblocked when small. */
    private void invertBlock(double[] m, int b, int at) {
      if (b <= UNBLOCKED_MAX) {
        invertSmall(m, b, at);
        return;
      }
      try (WorkerPool one = WorkerPool.create("inverse", 1, null)) {
        new Sweep(m, b, UNBLOCKED_MAX, k, one, at).run();
      }
    }

    /** The sweep left −A⁻¹ in the lower triangle: negate, and mirror by square blocks. */
    private void negateAndMirror() {
      int blk = 64;
      int blocks = (n + blk - 1) / blk;
      pool.run(
          blocks,
          bi -> {
            int i0 = bi * blk;
            int i1 = Math.min(n, i0 + blk);
            for (int j0 = 0; j0 <= i0; j0 += blk) {
              for (int i = i0; i < i1; i++) {
                int j1 = Math.min(i + 1, j0 + blk);
                for (int j = j0; j < j1; j++) {
                  double v = -a[i * n + j];
                  a[i * n + j] = v;
                  a[j * n + i] = v;
                }
              }
            }
          });
    }
  }

  /** In-place inverse of a small SPD block by the unblocked sweep; −D then negated back. */
  private static void invertSmall(double[] m, int b, int offset) {
    for (int p = 0; p < b; p++) {
      double piv = m[p * b + p];
      if (!(piv > 0) || Double.isInfinite(piv)) {
        throw new ArithmeticException(
            "pivot " + (offset + p) + " is " + piv + "; the matrix is not positive definite");
      }
      double inv = 1.0 / piv;
      for (int i = 0; i < b; i++) {
        if (i == p) {
          continue;
        }
        double f = m[i * b + p] * inv;
        if (f == 0) {
          continue;
        }
        for (int j = 0; j < b; j++) {
          if (j != p) {
            m[i * b + j] -= f * m[p * b + j];
          }
        }
      }
      for (int i = 0; i < b; i++) {
        if (i != p) {
          m[i * b + p] *= inv;
          m[p * b + i] *= inv;
        }
      }
      m[p * b + p] = -inv;
    }
    for (int t = 0; t < b * b; t++) {
      m[t] = -m[t];
    }
  }
}
