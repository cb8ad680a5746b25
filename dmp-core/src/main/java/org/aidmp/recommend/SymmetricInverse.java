package org.aidmp.recommend;

import java.util.concurrent.atomic.AtomicInteger;
import org.aidmp.internal.kernels.Tuning;
import org.aidmp.internal.parallel.WorkerPool;

/**
 * In-place inverse of a symmetric positive definite matrix by the blocked sweep (block Gauss–Jordan
 * without pivoting, which is stable for such matrices): n³ flops, all but a vanishing part in one
 * rank-b update of the lower triangle, written so that the JIT vectorises it and shared out by row
 * pairs between threads.
 *
 * <pre>{@code
 * double[] a = gram.clone();               // n × n, row-major, symmetric positive definite
 * SymmetricInverse.invertInPlace(a, n, 2); // a now holds the inverse (lower triangle and mirror)
 * }</pre>
 *
 * <p>Sweeping the pivot block K with D = A_KK⁻¹ sets A_RR ← A_RR − A_RK·D·A_KR, A_RK ← A_RK·D and
 * A_KK ← −D; after every block the matrix holds −A⁻¹. Each element's arithmetic is the same
 * whatever the thread count, so the result is too.
 */
final class SymmetricInverse {
  /** Columns per chunk of the update: 2 row pairs of 512 doubles and a 64 × 512 panel fit L2. */
  private static final int COLUMN_CHUNK = 512;

  private SymmetricInverse() {}

  /**
   * Replaces {@code a} (n × n, row-major, symmetric positive definite; only the lower triangle is
   * read) with its inverse, both triangles filled.
   *
   * @param a modified: the matrix, then its inverse
   * @throws IllegalStateException when a pivot is not positive (the matrix is not positive
   *     definite, or too ill-conditioned for double precision)
   */
  static void invertInPlace(double[] a, int n, int threads) {
    int bs = Tuning.INVERSE_BLOCK;
    double[] panel = new double[bs * n];
    double[] w = new double[bs * n];
    double[] dinv = new double[bs * bs];
    int workers = n < Tuning.INVERSE_PARALLEL_MIN_ORDER ? 1 : Math.max(1, threads);
    try (WorkerPool pool = WorkerPool.create("inverse", workers, null)) {
      for (int k0 = 0; k0 < n; k0 += bs) {
        int b = Math.min(bs, n - k0);
        // The pivot rows, read from the lower triangle: panel[t][j] = A[k0 + t][j].
        for (int t = 0; t < b; t++) {
          int r = k0 + t;
          for (int j = 0; j < n; j++) {
            panel[t * n + j] = j <= r ? a[r * n + j] : a[j * n + r];
          }
        }
        for (int t = 0; t < b; t++) {
          for (int s = 0; s < b; s++) {
            dinv[t * b + s] = panel[t * n + k0 + s];
          }
        }
        invertSmall(dinv, b, k0);
        // w = D · panel, the pivot rows scaled: w[t][j] = (A_KK⁻¹ A_K·)[t][j].
        java.util.Arrays.fill(w, 0, b * n, 0.0);
        for (int t = 0; t < b; t++) {
          for (int s = 0; s < b; s++) {
            double f = dinv[t * b + s];
            int wo = t * n;
            int po = s * n;
            for (int j = 0; j < n; j++) {
              w[wo + j] = Math.fma(f, panel[po + j], w[wo + j]);
            }
          }
        }
        update(a, n, panel, w, k0, b, pool);
        // A_RK ← A_RK·D (= wᵀ, D being symmetric) and A_KK ← −D, in the lower triangle.
        for (int t = 0; t < b; t++) {
          int r = k0 + t;
          for (int j = 0; j < n; j++) {
            if (j >= k0 && j < k0 + b) {
              if (j <= r) {
                a[r * n + j] = -dinv[t * b + (j - k0)];
              }
            } else if (j < r) {
              a[r * n + j] = w[t * n + j];
            } else {
              a[j * n + r] = w[t * n + j];
            }
          }
        }
      }
    }
    // The sweep left −A⁻¹ in the lower triangle: negate and mirror.
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = -a[i * n + j];
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
  }

  /** A_RR ← A_RR − A_RK·w over the lower triangle, rows outside the pivot block. */
  private static void update(
      double[] a, int n, double[] panel, double[] w, int k0, int b, WorkerPool pool) {
    int pairs = (n + 1) / 2;
    AtomicInteger next = new AtomicInteger();
    // Pairs are handed out from the bottom, where rows are longest, so the last ones are short.
    pool.run(
        pool.threads(),
        worker -> {
          for (int p = next.getAndIncrement(); p < pairs; p = next.getAndIncrement()) {
            int i0 = n - 2 - 2 * p;
            updatePair(a, n, panel, w, k0, b, i0);
          }
        });
  }

  /**
   * Rows i0 and i0 + 1 (i0 may be −1 for the first row alone): each panel row is read once for
   * both, and four panel rows are folded per pass, so one load and store of A serve eight fused
   * multiply-adds. Rows in the pivot block are skipped; the sweep rewrites them afterwards.
   */
  private static void updatePair(
      double[] a, int n, double[] panel, double[] w, int k0, int b, int i0) {
    int i1 = i0 + 1;
    boolean do0 = i0 >= 0 && (i0 < k0 || i0 >= k0 + b);
    boolean do1 = i1 < k0 || i1 >= k0 + b;
    if (!do0 && !do1) {
      return;
    }
    for (int c0 = 0; c0 <= i1; c0 += COLUMN_CHUNK) {
      int c1 = Math.min(i1 + 1, c0 + COLUMN_CHUNK);
      int e0 = Math.min(c1, i0 + 1); // row i0 ends at column i0
      int t = 0;
      for (; t + 3 < b; t += 4) {
        int p0 = t * n;
        int p1 = p0 + n;
        int p2 = p1 + n;
        int p3 = p2 + n;
        if (do1) {
          double u0 = -panel[p0 + i1];
          double u1 = -panel[p1 + i1];
          double u2 = -panel[p2 + i1];
          double u3 = -panel[p3 + i1];
          int ro = i1 * n;
          for (int j = c0; j < c1; j++) {
            double s = a[ro + j];
            s = Math.fma(u0, w[p0 + j], s);
            s = Math.fma(u1, w[p1 + j], s);
            s = Math.fma(u2, w[p2 + j], s);
            s = Math.fma(u3, w[p3 + j], s);
            a[ro + j] = s;
          }
        }
        if (do0) {
          double u0 = -panel[p0 + i0];
          double u1 = -panel[p1 + i0];
          double u2 = -panel[p2 + i0];
          double u3 = -panel[p3 + i0];
          int ro = i0 * n;
          for (int j = c0; j < e0; j++) {
            double s = a[ro + j];
            s = Math.fma(u0, w[p0 + j], s);
            s = Math.fma(u1, w[p1 + j], s);
            s = Math.fma(u2, w[p2 + j], s);
            s = Math.fma(u3, w[p3 + j], s);
            a[ro + j] = s;
          }
        }
      }
      for (; t < b; t++) {
        int p0 = t * n;
        if (do1) {
          double u0 = -panel[p0 + i1];
          int ro = i1 * n;
          for (int j = c0; j < c1; j++) {
            a[ro + j] = Math.fma(u0, w[p0 + j], a[ro + j]);
          }
        }
        if (do0) {
          double u0 = -panel[p0 + i0];
          int ro = i0 * n;
          for (int j = c0; j < e0; j++) {
            a[ro + j] = Math.fma(u0, w[p0 + j], a[ro + j]);
          }
        }
      }
    }
  }

  /** In-place inverse of a small SPD block by the unblocked sweep; −D then negated back. */
  private static void invertSmall(double[] m, int b, int offset) {
    for (int p = 0; p < b; p++) {
      double piv = m[p * b + p];
      if (!(piv > 0) || Double.isInfinite(piv)) {
        throw new IllegalStateException(
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
