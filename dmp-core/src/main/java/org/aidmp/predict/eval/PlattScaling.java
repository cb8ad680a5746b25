package org.aidmp.predict.eval;

import java.util.Objects;

/**
 * Platt scaling: {@code p = 1 / (1 + exp(a·s + b))} fitted by Newton's method on held-out scores,
 * with Platt's smoothed targets {@code (N₊ + 1) / (N₊ + 2)} and {@code 1 / (N₋ + 2)} so a perfectly
 * separated validation set does not give infinite parameters.
 *
 * <pre>{@code
 * Calibrator platt = Calibrator.platt(scores, labels);
 * double p = platt.calibrate(score);
 * }</pre>
 *
 * @param a the slope (negative when higher scores mean label 1)
 * @param b the offset
 */
record PlattScaling(double a, double b) implements Calibrator {
  /** Checks the parameters are finite. */
  public PlattScaling {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("Platt parameters (" + a + ", " + b + ") must be finite");
    }
  }

  @Override
  public double calibrate(double score) {
    double z = a * score + b;
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  }

  /**
   * Fits the two parameters.
   *
   * @param scores any real scores (margins or probabilities); not modified
   * @param labels 0 or 1; not modified
   */
  public static PlattScaling fit(double[] scores, double[] labels) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(labels, "labels");
    if (scores.length != labels.length || scores.length == 0) {
      throw new IllegalArgumentException(
          "scores ("
              + scores.length
              + ") and labels ("
              + labels.length
              + ") must be equal and non-empty");
    }
    double pos = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is not 0 or 1");
      }
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("score at row " + i + " is not finite");
      }
      pos += labels[i];
    }
    double neg = labels.length - pos;
    double hi = (pos + 1) / (pos + 2);
    double lo = 1 / (neg + 2);
    double a = 0;
    double b = Math.log((neg + 1) / (pos + 1));
    double f = objective(scores, labels, hi, lo, a, b);
    for (int it = 0; it < 100; it++) {
      double g1 = 0;
      double g2 = 0;
      double h11 = 1e-12;
      double h22 = 1e-12;
      double h21 = 0;
      for (int i = 0; i < scores.length; i++) {
        double t = labels[i] == 1 ? hi : lo;
        double z = a * scores[i] + b;
        // p is the probability of label 1, t its smoothed target; d(loss)/dz = t − p.
        double p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
        double q = p * (1 - p);
        double d = t - p;
        g1 += scores[i] * d;
        g2 += d;
        h11 += scores[i] * scores[i] * q;
        h22 += q;
        h21 += scores[i] * q;
      }
      if (Math.abs(g1) < 1e-10 && Math.abs(g2) < 1e-10) {
        break;
      }
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      double step = 1;
      boolean moved = false;
      while (step > 1e-10) {
        double na = a + step * da;
        double nb = b + step * db;
        double nf = objective(scores, labels, hi, lo, na, nb);
        if (nf < f + 1e-4 * step * (g1 * da + g2 * db)) {
          a = na;
          b = nb;
          f = nf;
          moved = true;
          break;
        }
        step /= 2;
      }
      if (!moved) {
        break;
      }
    }
    return new PlattScaling(a, b);
  }

  private static double objective(
      double[] s, double[] y, double hi, double lo, double a, double b) {
    double f = 0;
    for (int i = 0; i < s.length; i++) {
      double t = y[i] == 1 ? hi : lo;
      double z = a * s[i] + b;
      // −[t·log p + (1 − t)·log(1 − p)] with p = 1/(1 + e^z), stable for large |z|.
      f += z >= 0 ? t * z + Math.log1p(Math.exp(-z)) : (t - 1) * z + Math.log1p(Math.exp(z));
    }
    return f;
  }
}
