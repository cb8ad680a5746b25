package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CalibrationTableTest {
  @Test
  void binsByPredictedProbability() {
    double[] p = {0.05, 0.05, 0.95, 0.95, 1.0};
    double[] y = {0, 1, 1, 1, 1};
    CalibrationTable t = CalibrationTable.of(p, y, 10);
    assertEquals(2, t.bins().size());
    assertEquals(0.5, t.bins().get(0).observedRate(), 1e-12);
    assertEquals(3, t.bins().get(1).count());
    assertEquals(
        (2 * 0.45 + 3 * Math.abs((0.95 + 0.95 + 1.0) / 3 - 1)) / 5,
        t.expectedCalibrationError(),
        1e-12);
  }
}
