package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {

  /** The definition: the share of (positive, negative) pairs ordered right, ties half. */
  private static double pairAuc(double[] s, double[] y) {
    double good = 0;
    double pairs = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
    }
    return good / pairs;
  }

  @Test
  void rocAucMatchesThePairCountWithTies() {
    SplittableRandom r = new SplittableRandom(1);
    for (int trial = 0; trial < 20; trial++) {
      int n = 5 + r.nextInt(200);
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = r.nextInt(10) / 10.0;
        y[i] = r.nextDouble() < 0.3 ? 1 : 0;
      }
      y[0] = 1;
      y[1] = 0;
      assertEquals(pairAuc(s, y), Metrics.rocAuc(s, y), 1e-12, "trial " + trial);
    }
  }

  @Test
  void knownValues() {
    double[] y = {0, 0, 1, 1};
    double[] s = {0.1, 0.4, 0.35, 0.8};
    assertEquals(0.75, Metrics.rocAuc(s, y), 1e-12);
    // scikit-learn's average_precision_score on this example: 0.8333…
    assertEquals(0.8333333333, Metrics.prAuc(s, y), 1e-9);
    assertEquals(
        -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4,
        Metrics.logLoss(s, y),
        1e-12);
    assertEquals((0.01 + 0.16 + 0.4225 + 0.04) / 4, Metrics.brier(s, y), 1e-12);
  }

  @Test
  void weightedAucCountsAWeightAsRepeatedRows() {
    double[] s = {0.2, 0.5, 0.7, 0.1, 0.9};
    double[] y = {0, 1, 0, 1, 1};
    double[] w = {1, 2, 1, 1, 3};
    double[] s2 = {0.2, 0.5, 0.5, 0.7, 0.1, 0.9, 0.9, 0.9};
    double[] y2 = {0, 1, 1, 0, 1, 1, 1, 1};
    assertEquals(Metrics.rocAuc(s2, y2), Metrics.rocAuc(s, y, w), 1e-12);
  }

  @Test
  void rejectsOneClassAndMargins() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.rocAuc(new double[] {0.1, 0.2}, new double[] {1, 1}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Metrics.logLoss(new double[] {1.5}, new double[] {1}));
    assertEquals(
        "probability at row 0 is outside [0, 1]; pass probabilities, not margins", e.getMessage());
  }
}
