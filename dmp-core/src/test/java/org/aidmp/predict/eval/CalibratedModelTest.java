package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.aidmp.stage.ScoreModel;
import org.junit.jupiter.api.Test;

class CalibratedModelTest {
  @Test
  void scoresThroughTheCalibrator() {
    ScoreModel raw =
        new ScoreModel() {
          @Override
          public int dimensions() {
            return 1;
          }

          @Override
          public double score(float[] row, int offset) {
            return row[offset];
          }
        };
    CalibratedModel m = new CalibratedModel(raw, s -> s / 2);
    assertEquals(0.25, m.score(new float[] {9, 0.5f}, 1), 1e-12);
    assertEquals(1, m.dimensions());
  }
}
