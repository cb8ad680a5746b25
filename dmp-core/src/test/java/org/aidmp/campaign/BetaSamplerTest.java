package org.aidmp.campaign;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.junit.jupiter.api.Test;

class BetaSamplerTest {
  /** Kolmogorov–Smirnov distance of our draws against commons-math3's exact Beta CDF. */
  @Test
  void drawsFollowTheBetaDistributionOfCommonsMath() {
    double[][] shapes = {{1, 1}, {0.5, 0.5}, {2, 30}, {30, 2}, {0.3, 5}, {120, 880}, {1, 1000}};
    int n = 20_000;
    // 1.63/sqrt(n) is the 1% critical value of the one-sample KS statistic.
    double critical = 1.63 / Math.sqrt(n);
    SplitMix64 rng = new SplitMix64(7);
    for (double[] ab : shapes) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = BetaSampler.beta(rng, ab[0], ab[1]);
      }
      Arrays.sort(x);
      BetaDistribution ref = new BetaDistribution(ab[0], ab[1]);
      double d = 0;
      for (int i = 0; i < n; i++) {
        double f = ref.cumulativeProbability(x[i]);
        d = Math.max(d, Math.max(Math.abs(f - (double) i / n), Math.abs(f - (i + 1.0) / n)));
      }
      assertTrue(
          d < critical, "Beta(" + ab[0] + ", " + ab[1] + "): KS distance " + d + " >= " + critical);
    }
  }

  @Test
  void gammaMeanMatchesShape() {
    SplitMix64 rng = new SplitMix64(11);
    for (double shape : new double[] {0.2, 1, 3.5, 50}) {
      int n = 50_000;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += BetaSampler.gamma(rng, shape);
      }
      double mean = sum / n;
      // Var = shape, so the mean's standard error is sqrt(shape / n); allow five of them.
      assertTrue(
          Math.abs(mean - shape) < 5 * Math.sqrt(shape / n), "Gamma(" + shape + ") mean " + mean);
    }
  }

  @Test
  void sameSeedSameDraws() {
    SplitMix64 a = new SplitMix64(3);
    SplitMix64 b = new SplitMix64(3);
    for (int i = 0; i < 1000; i++) {
      double x = BetaSampler.beta(a, 2.5, 7);
      double y = BetaSampler.beta(b, 2.5, 7);
      assertTrue(x == y, "draw " + i + " differs: " + x + " vs " + y);
    }
  }
}
