package org.aidmp.predict.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Isotonic calibration: the non-decreasing step function of the score closest to the labels in
 * squared error (pool-adjacent-violators), read between steps by linear interpolation and clipped
 * outside the fitted range, as scikit-learn's {@code IsotonicRegression} does.
 *
 * <pre>{@code
 * Calibrator iso = Calibrator.isotonic(scores, labels);
 * double p = iso.calibrate(score);
 * }</pre>
 */
final class IsotonicCalibration implements Calibrator {
  private final double[] x;
  private final double[] y;

  private IsotonicCalibration(double[] x, double[] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * Fits the step function.
   *
   * @param scores finite scores; not modified
   * @param labels 0 or 1 (any real target works); not modified
   */
  public static IsotonicCalibration fit(double[] scores, double[] labels) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(labels, "labels");
    int n = scores.length;
    if (n != labels.length || n == 0) {
      throw new IllegalArgumentException(
          "scores (" + n + ") and labels (" + labels.length + ") must be equal and non-empty");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i]) || !Double.isFinite(labels[i])) {
        throw new IllegalArgumentException("score or label at row " + i + " is not finite");
      }
    }
    int[] order = Metrics.order(scores);
    // Ties in the score are pooled first: one point per distinct score.
    double[] bx = new double[n];
    double[] by = new double[n];
    double[] bw = new double[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (m > 0 && bx[m - 1] == scores[i]) {
        by[m - 1] += labels[i];
        bw[m - 1] += 1;
      } else {
        bx[m] = scores[i];
        by[m] = labels[i];
        bw[m] = 1;
        m++;
      }
    }
    for (int j = 0; j < m; j++) {
      by[j] /= bw[j];
    }
    // Pool adjacent violators: a stack of blocks with weighted means kept non-decreasing.
    double[] mean = new double[m];
    double[] weight = new double[m];
    int[] start = new int[m];
    int blocks = 0;
    for (int j = 0; j < m; j++) {
      mean[blocks] = by[j];
      weight[blocks] = bw[j];
      start[blocks] = j;
      blocks++;
      while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
        double w = weight[blocks - 2] + weight[blocks - 1];
        mean[blocks - 2] =
            (mean[blocks - 2] * weight[blocks - 2] + mean[blocks - 1] * weight[blocks - 1]) / w;
        weight[blocks - 2] = w;
        blocks--;
      }
    }
    double[] fx = new double[m];
    double[] fy = new double[m];
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? start[b + 1] : m;
      for (int j = start[b]; j < end; j++) {
        fx[j] = bx[j];
        fy[j] = mean[b];
      }
    }
    return new IsotonicCalibration(fx, fy);
  }

  @Override
  public double calibrate(double score) {
    if (score <= x[0]) {
      return y[0];
    }
    int last = x.length - 1;
    if (score >= x[last]) {
      return y[last];
    }
    int i = Arrays.binarySearch(x, score);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (score - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + t * (y[hi] - y[lo]);
  }

  /** The number of distinct scores the function passes through. */
  public int points() {
    return x.length;
  }
}
