package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {

  @Test
  void poolsViolatorsIntoTheirMean() {
    // Scores 1..5 with targets 1, 3, 2, 4, 5: the violating pair (3, 2) pools to 2.5.
    IsotonicCalibration iso =
        IsotonicCalibration.fit(new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 2, 4, 5});
    assertEquals(1, iso.calibrate(1), 1e-12);
    assertEquals(2.5, iso.calibrate(2), 1e-12);
    assertEquals(2.5, iso.calibrate(3), 1e-12);
    assertEquals(4.5, iso.calibrate(4.5), 1e-12);
    assertEquals(1, iso.calibrate(-7), 1e-12);
    assertEquals(5, iso.calibrate(70), 1e-12);
  }

  @Test
  void isNonDecreasingAndImprovesAMiscalibratedScore() {
    SplittableRandom r = new SplittableRandom(9);
    int n = 5000;
    double[] s = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double p = r.nextDouble();
      s[i] = p * p; // squashed: over-confident towards 0
      y[i] = r.nextDouble() < p ? 1 : 0;
    }
    IsotonicCalibration iso = IsotonicCalibration.fit(s, y);
    double prev = -1;
    double[] c = new double[n];
    for (int k = 0; k <= 100; k++) {
      double v = iso.calibrate(k / 100.0);
      assertTrue(v >= prev);
      prev = v;
    }
    for (int i = 0; i < n; i++) {
      c[i] = iso.calibrate(s[i]);
    }
    assertTrue(Metrics.brier(c, y) < Metrics.brier(s, y));
  }
}
