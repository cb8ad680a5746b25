package org.aidmp.campaign;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A difference of two proportions with a confidence interval by Newcombe's hybrid score method
 * (method 10 in Newcombe 1998), built from the Wilson intervals of each side. Unlike the plain Wald
 * interval it stays inside [−1, 1] and does not collapse to a point when a rate is 0 or 1, which is
 * common for small segments.
 *
 * <pre>{@code
 * Uplift u = Uplift.of(60, 1000, 40, 1000, 0.95);   // 6% vs 4%
 * u.difference();  // 0.02
 * }</pre>
 *
 * @param difference p1 − p0, or NaN if either side has no trials
 * @param low lower confidence bound, or NaN
 * @param high upper confidence bound, or NaN
 */
public record Uplift(double difference, double low, double high) {
  /**
   * The uplift of successes1/trials1 over successes0/trials0 at the given confidence level.
   *
   * @throws IllegalArgumentException if counts are negative, successes exceed trials or the
   *     confidence is outside (0, 1)
   */
  public static Uplift of(
      long successes1, long trials1, long successes0, long trials0, double confidence) {
    check(successes1, trials1);
    check(successes0, trials0);
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence (" + confidence + ") must be in (0, 1)");
    }
    if (trials1 == 0 || trials0 == 0) {
      return new Uplift(Double.NaN, Double.NaN, Double.NaN);
    }
    double z = zFor(confidence);
    double p1 = (double) successes1 / trials1;
    double p0 = (double) successes0 / trials0;
    double[] w1 = wilson(p1, trials1, z);
    double[] w0 = wilson(p0, trials0, z);
    double d = p1 - p0;
    double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w0[1] - p0));
    double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p0 - w0[0]));
    return new Uplift(d, low, high);
  }

  /** The two-sided standard normal quantile for a confidence level. */
  static double zFor(double confidence) {
    return new NormalDistribution().inverseCumulativeProbability(0.5 + confidence / 2);
  }

  /** The Wilson score interval {low, high} of a proportion p over n trials. */
  static double[] wilson(double p, long n, double z) {
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  private static double sq(double x) {
    return x * x;
  }

  private static void check(long successes, long trials) {
    if (successes < 0 || trials < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "successes (" + successes + ") must be in [0, trials (" + trials + ")]");
    }
  }
}
