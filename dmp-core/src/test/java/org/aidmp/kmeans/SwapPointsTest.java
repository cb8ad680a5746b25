package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aidmp.internal.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

class SwapPointsTest {
  @Test
  void layOutGroupsThePointsByClusterWithTheirNormsAndWeights() {
    // Points alternate between two far-apart centroids at x = 0 and x = 10.
    int n = 6;
    int d = 2;
    float[] x = {0, 1, 10, 1, 0, 2, 10, 2, 0, 3, 10, 3};
    double[] w = {1, 2, 3, 4, 5, 6};
    try (WorkerPool par = WorkerPool.create("kmeans", 1, null)) {
      Engine e = TestEngines.engine(x, w, n, d, 2, par);
      e.setCentroids(new float[] {0, 2, 10, 2});
      e.assignOnly();
      SwapPoints p = new SwapPoints(e);
      int[] labels = new int[n];
      p.layOut(e, labels);
      assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, labels);
      assertArrayEquals(new float[] {0, 1, 0, 2, 0, 3, 10, 1, 10, 2, 10, 3}, p.x);
      int[] from = {0, 2, 4, 1, 3, 5};
      for (int i = 0; i < n; i++) {
        assertEquals(e.xn[from[i]], p.xn[i], "float norm of " + i);
        assertEquals(
            (double) p.x[2 * i] * p.x[2 * i] + (double) p.x[2 * i + 1] * p.x[2 * i + 1],
            p.xq[i],
            "double norm of " + i);
        assertEquals(w[from[i]], p.weight(i), "weight of " + i);
      }
    }
  }

  @Test
  void permuteMovesEachPointWithItsNormsAndWeight() {
    int n = 3;
    float[] x = {1, 0, 0, 2, 3, 3};
    double[] w = {1, 0, 5};
    try (WorkerPool par = WorkerPool.create("kmeans", 1, null)) {
      Engine e = TestEngines.engine(x, w, n, 2, 1, par);
      e.setCentroids(new float[] {0, 0});
      e.assignOnly();
      SwapPoints p = new SwapPoints(e);
      p.layOut(e, new int[n]);
      p.permute(new int[] {2, 0, 1});
      assertArrayEquals(new float[] {3, 3, 1, 0, 0, 2}, p.x);
      assertArrayEquals(new float[] {e.xn[2], e.xn[0], e.xn[1]}, p.xn);
      assertArrayEquals(new double[] {18, 1, 4}, p.xq);
      assertEquals(5, p.weight(0));
      // The draw by weight follows the points: the one of weight 0 (now at 2) is never drawn.
      SplittableRandom r = new SplittableRandom(3);
      for (int t = 0; t < 200; t++) {
        assertTrue(p.sample(r) != 2, "drew the point of weight 0");
      }
    }
  }

  @Test
  void sampleDrawsByWeightAndNeverAPointOfWeightZero() {
    int n = 4;
    float[] x = {0, 1, 2, 3};
    double[] w = {0, 1, 0, 3};
    try (WorkerPool par = WorkerPool.create("kmeans", 1, null)) {
      Engine e = TestEngines.engine(x, w, n, 1, 1, par);
      e.setCentroids(new float[] {1});
      e.assignOnly();
      SwapPoints p = new SwapPoints(e);
      p.layOut(e, new int[n]);
      int[] hits = new int[n];
      SplittableRandom r = new SplittableRandom(9);
      for (int t = 0; t < 4_000; t++) {
        hits[p.sample(r)]++;
      }
      assertEquals(0, hits[0] + hits[2], "weight-0 points drawn");
      // Expected 1,000 and 3,000: the bounds are about 10 standard deviations away.
      assertTrue(hits[1] > 700 && hits[1] < 1_300, "point 1 drawn " + hits[1] + " times");
    }
  }
}
