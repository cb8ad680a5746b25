package org.aidmp.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.stage.ScoreModel;
import org.junit.jupiter.api.Test;

class PropensityTargetingTest {
  private static final ScoreModel FIRST_COLUMN =
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

  @Test
  void onlyUsersAboveTheThresholdEnterAndAreServed() {
    CampaignOptimizer o =
        CampaignOptimizer.create(
            CampaignConfig.builder().setArms(List.of("a", "b")).setSegments(1).setSeed(1).get());
    PropensityTargeting t = PropensityTargeting.of(o, FIRST_COLUMN, 0.5);
    assertTrue(t.choose(0, "low", new float[] {0.2f}, 0).isEmpty());
    assertTrue(t.choose(0, "high", new float[] {0.7f}, 0).isPresent());
    long served = 0;
    for (long v : o.snapshot().counts(0)[0]) {
      served += v;
    }
    assertEquals(1, served, "only the eligible request was served");
    assertThrows(
        IllegalArgumentException.class, () -> PropensityTargeting.of(o, FIRST_COLUMN, Double.NaN));
  }
}
