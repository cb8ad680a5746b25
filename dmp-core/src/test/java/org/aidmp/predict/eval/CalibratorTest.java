package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.aidmp.stage.ScoreModel;
import org.junit.jupiter.api.Test;

class CalibratorTest {
  private static final double[] SCORES = {0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9};
  private static final double[] LABELS = {0, 0, 1, 0, 1, 0, 1, 1};

  private static final ScoreModel FIRST_COLUMN =
      new ScoreModel() {
        @Override
        public int dimensions() {
          return 2;
        }

        @Override
        public double score(float[] row, int offset) {
          return row[offset];
        }
      };

  @Test
  void theFactoriesFitTheSameCalibratorsAsTheirClasses() {
    Calibrator platt = Calibrator.platt(SCORES, LABELS);
    Calibrator iso = Calibrator.isotonic(SCORES, LABELS);
    PlattScaling p = PlattScaling.fit(SCORES, LABELS);
    IsotonicCalibration i = IsotonicCalibration.fit(SCORES, LABELS);
    for (double s = 0; s <= 1; s += 0.05) {
      assertEquals(p.calibrate(s), platt.calibrate(s));
      assertEquals(i.calibrate(s), iso.calibrate(s));
    }
    assertThrows(IllegalArgumentException.class, () -> Calibrator.platt(SCORES, new double[] {1}));
    assertThrows(
        IllegalArgumentException.class, () -> Calibrator.isotonic(new double[0], new double[0]));
  }

  @Test
  void aCalibratedModelScoresThroughTheCalibrator() {
    Calibrator halve = s -> s / 2;
    ScoreModel calibrated = halve.applyTo(FIRST_COLUMN);
    assertEquals(2, calibrated.dimensions());
    assertEquals(0.25, calibrated.score(new float[] {9, 0.5f, 7}, 1), 1e-12);
  }
}
