package org.aidmp.predict;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;

/**
 * Small seeded classification and regression sets for the prediction tests: a numeric signal, a
 * numeric column with missing values that carry signal, a categorical column, noise and an integer
 * column.
 */
public final class Synthetic {
  /** Rows and 0/1 labels. */
  public record Data(FMatrixRMaj rows, double[] labels, double[] logits) {}

  private Synthetic() {}

  /** Categorical effects of codes 0..5 on the log-odds (column 2). */
  public static final double[] CATEGORY_EFFECT = {1.2, -1.0, 0.3, -0.4, 1.5, -1.3};

  /**
   * A binary classification set: log-odds = 1.5·x0 − x1 (missing x1 adds 1.2) + effect of the
   * category in column 2 + 0.3·x4; column 3 is noise.
   */
  public static Data classification(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FMatrixRMaj x = new FMatrixRMaj(n, 5);
    double[] y = new double[n];
    double[] logit = new double[n];
    for (int i = 0; i < n; i++) {
      float x0 = (float) r.nextGaussian();
      float x1 = r.nextDouble() < 0.2 ? Float.NaN : (float) r.nextGaussian();
      int cat = r.nextInt(6);
      float x3 = (float) r.nextGaussian();
      float x4 = r.nextInt(5);
      x.set(i, 0, x0);
      x.set(i, 1, x1);
      x.set(i, 2, cat);
      x.set(i, 3, x3);
      x.set(i, 4, x4);
      double z = 1.5 * x0 + (Float.isNaN(x1) ? 1.2 : -x1) + CATEGORY_EFFECT[cat] + 0.3 * (x4 - 2);
      logit[i] = z;
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return new Data(x, y, logit);
  }

  /** A regression set: y = 3·sin(x0) + x1² − 2·[x2 > 0.5] + noise; all columns numeric. */
  public static Data regression(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FMatrixRMaj x = new FMatrixRMaj(n, 3);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double a = r.nextDouble(-3, 3);
      double b = r.nextDouble(-2, 2);
      double c = r.nextDouble();
      x.set(i, 0, (float) a);
      x.set(i, 1, (float) b);
      x.set(i, 2, (float) c);
      y[i] = 3 * Math.sin(a) + b * b - (c > 0.5 ? 2 : 0) + 0.3 * r.nextGaussian();
    }
    return new Data(x, y, y.clone());
  }

  /** Rows {@code from..to-1} of a matrix. */
  public static FMatrixRMaj rows(FMatrixRMaj x, int from, int to) {
    FMatrixRMaj out = new FMatrixRMaj(to - from, x.numCols);
    System.arraycopy(x.data, from * x.numCols, out.data, 0, (to - from) * x.numCols);
    return out;
  }

  /** Entries {@code from..to-1}. */
  public static double[] slice(double[] a, int from, int to) {
    return java.util.Arrays.copyOfRange(a, from, to);
  }
}
