package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.aidmp.feedback.FeatureEncoder;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class LiveModelTest {
  static final FeatureEncoder ENC = FeatureEncoder.logCounts(new double[2], new double[] {1, 1});

  @Test
  void copiesItsCentroids() {
    FMatrixRMaj c = new FMatrixRMaj(3, 2);
    LiveModel m = LiveModel.builder(4, c, ENC).setSegmentSizes(new long[] {1, 2, 3}).get();
    c.set(0, 0, 9);
    assertEquals(0, m.centroids().get(0, 0));
    assertEquals(3, m.segments());
    assertEquals(2, m.dimension());
    assertEquals(4, m.version());
  }

  @Test
  void rejectsBadVersionsShapesAndSizes() {
    assertThrows(
        IllegalArgumentException.class, () -> LiveModel.builder(0, new FMatrixRMaj(1, 1), ENC));
    assertThrows(
        IllegalArgumentException.class, () -> LiveModel.builder(1, new FMatrixRMaj(0, 1), ENC));
    assertThrows(
        IllegalArgumentException.class,
        () -> LiveModel.builder(1, new FMatrixRMaj(2, 1), ENC).setSegmentSizes(new long[3]).get());
  }
}
