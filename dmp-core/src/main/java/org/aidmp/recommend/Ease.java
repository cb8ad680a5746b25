package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.aidmp.internal.kernels.Tuning;
import org.aidmp.internal.linalg.SymmetricInverse;
import org.aidmp.internal.parallel.WorkerPool;

/**
 * The EASE trainer behind {@link RecommenderTrainer#ease(double, int)}, which documents the model;
 * its fitted model keeps B in float and scores a user by their interaction row times B.
 */
final class Ease implements RecommenderTrainer {
  private final double lambda;
  private final int threads;

  Ease(double lambda, int threads) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda (" + lambda + ") must be positive and finite; 100 to 1000 is usual");
    }
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("threads is " + threads + "; use 1 to 1024");
    }
    this.lambda = lambda;
    this.threads = threads;
  }

  /** Threads that fit the model, the caller's included. */
  int threads() {
    return threads;
  }

  /** The L2 regularisation λ. */
  double lambda() {
    return lambda;
  }

  @Override
  public Recommender fit(Interactions x) {
    Objects.requireNonNull(x, "interactions");
    int n = x.itemCount();
    if (x.nonZeros() == 0) {
      throw new IllegalArgumentException("no interactions to learn from; add events first");
    }
    if (n > EASE_MAX_ITEMS) {
      throw new IllegalArgumentException(
          "EASE inverts an items x items matrix; "
              + n
              + " items exceed "
              + EASE_MAX_ITEMS
              + "; keep the most popular items or use RecommenderTrainer.itemKnn");
    }
    double[] gd = new double[n * n];
    float[] b;
    int workers = n < Tuning.INVERSE_PARALLEL_MIN_ORDER ? 1 : threads;
    try (WorkerPool pool = WorkerPool.create("ease", workers, null)) {
      gram(x, gd, pool);
      for (int i = 0; i < n; i++) {
        gd[i * n + i] += lambda;
      }
      try {
        SymmetricInverse.invertInPlace(gd, n, threads);
      } catch (ArithmeticException e) {
        // Only a failed pivot: an interrupt or a worker's failure is not about lambda.
        throw new IllegalStateException(
            "XᵀX + λI (λ = " + lambda + ") could not be inverted; raise lambda", e);
      }
      b = weights(gd, n, pool);
    }
    return new Model(x, b);
  }

  /**
   * The lower triangle of XᵀX into {@code g}, row by row from the item-major copy of the
   * interactions, so that the row being summed stays in L1; each element adds its users' products
   * in user order, whatever the thread count.
   */
  private static void gram(Interactions x, double[] g, WorkerPool pool) {
    int n = x.itemCount();
    int[] items = x.userItemArray();
    float[] values = x.userValueArray();
    int[] users = x.itemUserArray();
    float[] weights = x.itemValueArray();
    int rowsPerTask = 16;
    pool.run(
        (n + rowsPerTask - 1) / rowsPerTask,
        task -> {
          int end = Math.min(n, (task + 1) * rowsPerTask);
          for (int i = task * rowsPerTask; i < end; i++) {
            int row = i * n;
            for (int e = x.itemStart(i); e < x.itemEnd(i); e++) {
              int u = users[e];
              double wi = weights[e];
              for (int a = x.userStart(u); a < x.userEnd(u); a++) {
                int j = items[a];
                // The lower triangle only, the inverse reads no other; a user's items are in
                // ascending order (Interactions sorts them).
                if (j > i) {
                  break;
                }
                g[row + j] += wi * values[a];
              }
            }
          }
        });
  }

  /** B from P = (XᵀX + λI)⁻¹: B_ij = −P_ij / P_jj off the diagonal, 0 on it; in float. */
  private static float[] weights(double[] p, int n, WorkerPool pool) {
    float[] b = new float[n * n];
    double[] diag = new double[n];
    for (int j = 0; j < n; j++) {
      diag[j] = p[j * n + j];
    }
    pool.forRange(
        n,
        true,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
              b[row + j] = (float) (-p[row + j] / diag[j]);
            }
            b[row + i] = 0f;
          }
        });
    return b;
  }

  @Override
  public String toString() {
    return "Ease[lambda=" + lambda + ", threads=" + threads + "]";
  }

  private static final class Model implements Recommender {
    private final Interactions x;
    private final float[] b;

    Model(Interactions x, float[] b) {
      this.x = x;
      this.b = b;
    }

    @Override
    public Interactions interactions() {
      return x;
    }

    private int user(String userId) {
      int u = x.userIndex(Objects.requireNonNull(userId, "userId"));
      if (u < 0) {
        throw new IllegalArgumentException(
            "unknown user id (no interactions in training); use RecommenderTrainer.popularity() for cold start");
      }
      return u;
    }

    @Override
    public void score(String userId, float[] out) {
      int u = user(userId);
      int n = x.itemCount();
      java.util.Arrays.fill(out, 0, n, 0f);
      int[] items = x.userItemArray();
      float[] values = x.userValueArray();
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        int row = items[e] * n;
        float w = values[e];
        for (int j = 0; j < n; j++) {
          out[j] += w * b[row + j];
        }
      }
    }

    @Override
    public List<Contribution> explain(String userId, String itemId, int limit) {
      int u = user(userId);
      int i = x.itemIndex(itemId);
      if (i < 0) {
        throw new IllegalArgumentException("unknown item id; it has no interactions");
      }
      int n = x.itemCount();
      int[] items = x.userItemArray();
      float[] values = x.userValueArray();
      List<Contribution> out = new ArrayList<>();
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        float c = values[e] * b[items[e] * n + i];
        if (c != 0) {
          out.add(new Contribution(Contribution.Kind.ITEM, x.itemId(items[e]), c));
        }
      }
      out.sort(
          Comparator.comparing((Contribution c) -> -c.amount()).thenComparing(Contribution::id));
      return out.subList(0, Math.min(limit, out.size()));
    }
  }
}
