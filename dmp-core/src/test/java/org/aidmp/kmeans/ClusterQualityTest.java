package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class ClusterQualityTest {
  // Two clusters on a line: {0, 1} and {10, 11}.
  private static final FMatrixRMaj X = new FMatrixRMaj(new float[][] {{0}, {1}, {10}, {11}});
  private static final int[] LABELS = {0, 0, 1, 1};

  @Test
  void silhouetteMatchesHandComputation() {
    // Row 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5; row 1: a = 1, b = 9.5, s = 8.5/9.5.
    double s0 = 9.5 / 10.5;
    double s1 = 8.5 / 9.5;
    assertEquals((s0 + s1) / 2, ClusterQuality.silhouette(X, LABELS, 100, 1), 1e-12);
  }

  @Test
  void daviesBouldinMatchesHandComputation() {
    // s = 0.5 each, centres 0.5 and 10.5: (0.5 + 0.5) / 10 = 0.1.
    assertEquals(0.1, ClusterQuality.daviesBouldin(X, LABELS), 1e-12);
  }

  @Test
  void calinskiHarabaszMatchesHandComputation() {
    // Between: 2·25 + 2·25 = 100 over k−1 = 1; within: 4·0.25 = 1 over n−k = 2 → 200.
    assertEquals(200.0, ClusterQuality.calinskiHarabasz(X, LABELS), 1e-9);
  }

  @Test
  void sampledSilhouetteIsSeededAndClose() {
    FMatrixRMaj x = Blobs.blobs(3, 3000, 3, 4, 1.0);
    int[] labels = KMeans.builder().setK(4).get().fit(x).labels();
    double exact = ClusterQuality.silhouette(x, labels, 5000, 1);
    double a = ClusterQuality.silhouette(x, labels, 800, 7);
    double b = ClusterQuality.silhouette(x, labels, 800, 7);
    assertEquals(a, b, 0.0);
    assertEquals(exact, a, 0.05);
  }

  @Test
  void degenerateInputsHaveDefinedValues() {
    int[] one = {0, 0, 0, 0};
    assertEquals(0.0, ClusterQuality.silhouette(X, one, 100, 1), 0.0);
    assertEquals(0.0, ClusterQuality.daviesBouldin(X, one), 0.0);
    assertEquals(0.0, ClusterQuality.calinskiHarabasz(X, one), 0.0);
    FMatrixRMaj same = new FMatrixRMaj(new float[][] {{1}, {1}, {5}, {5}});
    assertTrue(Double.isInfinite(ClusterQuality.calinskiHarabasz(same, LABELS)));
  }
}
