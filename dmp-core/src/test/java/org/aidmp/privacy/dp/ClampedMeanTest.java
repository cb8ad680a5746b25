package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClampedMeanTest {
  private static ClampedMean mean(double lo, double hi, double eps, long seed) {
    return ClampedMean.builder()
        .setBounds(lo, hi)
        .setEpsilon(Epsilon.of(eps))
        .setRandom(new SplittableRandom(seed))
        .get();
  }

  @Test
  void largeGroupsGetAMeanCloseToTheTruth() {
    SplittableRandom r = new SplittableRandom(1);
    double[] v = new double[100_000];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextDouble(0, 100);
      sum += v[i];
    }
    ClampedMean.Result res = mean(0, 100, 1, 2).release(v);
    assertEquals(sum / v.length, res.mean(), 0.05);
    assertEquals(v.length, res.noisyCount(), 50);
    assertEquals(Epsilon.of(1), res.epsilon());
  }

  @Test
  void valuesAreClampedAndNaNLeftOut() {
    double[] v = new double[20_000];
    java.util.Arrays.fill(v, 1e9);
    v[0] = Double.NaN;
    ClampedMean.Result res = mean(0, 10, 2, 3).release(v);
    assertEquals(10, res.mean(), 0.01);
    assertTrue(res.mean() <= 10);
  }

  @Test
  void noiseOnTheSumMatchesItsSensitivity() {
    // One value per release, many releases: the spread of noisy means of a tiny group is the
    // noise itself, which must be of the order (upper - lower) / (eps / 2) per user.
    double[] one = {5};
    ClampedMean m = mean(0, 10, 1, 9);
    int n = 4000;
    int wide = 0;
    for (int i = 0; i < n; i++) {
      double x = m.release(one).mean();
      assertTrue(x >= 0 && x <= 10);
      if (x == 0 || x == 10) {
        wide++;
      }
    }
    assertTrue(wide > n / 10, "noise should often push a single value to a bound: " + wide);
  }

  @Test
  void configurationIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> ClampedMean.builder().setBounds(1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> ClampedMean.builder().setBounds(0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ClampedMean.builder().setSteps(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClampedMean.builder().setEpsilon(Epsilon.of(1)).get());
    assertThrows(IllegalArgumentException.class, () -> ClampedMean.builder().setBounds(0, 1).get());
    assertEquals(0, mean(0, 10, 1, 1).toGrid(-3));
    assertEquals(4096, mean(0, 10, 1, 1).toGrid(11));
  }
}
