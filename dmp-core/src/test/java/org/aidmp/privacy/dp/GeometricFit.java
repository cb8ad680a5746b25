package org.aidmp.privacy.dp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Chi-square goodness of fit of integer draws against the exact two-sided geometric pmf {@code P(y)
 * = (1 − α)/(1 + α)·α^|y|}, with bins merged until each expects at least 20 draws.
 */
final class GeometricFit {
  private GeometricFit() {}

  /** P(Y = y). */
  static double pmf(double alpha, long y) {
    return (1 - alpha) / (1 + alpha) * Math.pow(alpha, Math.abs(y));
  }

  /** P(Y > b) = P(Y < −b) for b ≥ 0. */
  static double tail(double alpha, long b) {
    return Math.pow(alpha, b + 1) / (1 + alpha);
  }

  /** The p-value of {@code draws} samples of {@code sampler} against the pmf with {@code alpha}. */
  static double pValue(LongSupplier sampler, int draws, double alpha) {
    long[] samples = new long[draws];
    for (int i = 0; i < draws; i++) {
      samples[i] = sampler.getAsLong();
    }
    return pValue(samples, alpha);
  }

  static double pValue(long[] samples, double alpha) {
    int n = samples.length;
    // Bins: (-inf, -B-1], then runs of consecutive values each expecting >= 20, then [B+1, inf).
    long b = 0;
    while (tail(alpha, b) * n >= 20) {
      b++;
    }
    b--; // now tail(alpha, b) * n >= 20
    List<long[]> bins = new ArrayList<>(); // {lo, hi}
    long lo = -b;
    double acc = 0;
    for (long y = -b; y <= b; y++) {
      acc += pmf(alpha, y) * n;
      if (acc >= 20 || y == b) {
        bins.add(new long[] {lo, y});
        lo = y + 1;
        acc = 0;
      }
    }
    int k = bins.size() + 2;
    double[] expected = new double[k];
    long[] observed = new long[k];
    expected[0] = tail(alpha, b) * n;
    expected[k - 1] = tail(alpha, b) * n;
    for (int i = 0; i < bins.size(); i++) {
      for (long y = bins.get(i)[0]; y <= bins.get(i)[1]; y++) {
        expected[i + 1] += pmf(alpha, y) * n;
      }
    }
    for (long s : samples) {
      if (s < -b) {
        observed[0]++;
      } else if (s > b) {
        observed[k - 1]++;
      } else {
        int idx = 0;
        while (bins.get(idx)[1] < s) {
          idx++;
        }
        observed[idx + 1]++;
      }
    }
    return new ChiSquareTest().chiSquareTest(expected, observed);
  }
}
