package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aidmp.internal.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

class SwapTrialTest {
  /** Four blobs on a line at x = 0, 5, 10, 15; 100 points each, spread 0.2. */
  private static float[] line(int n) {
    SplittableRandom r = new SplittableRandom(11);
    float[] x = new float[n * 2];
    for (int i = 0; i < n; i++) {
      x[2 * i] = (float) (5 * (i % 4) + 0.2 * Blobs.gaussian(r));
      x[2 * i + 1] = (float) (0.2 * Blobs.gaussian(r));
    }
    return x;
  }

  private static double exactInertia(float[] x, int n, float[] c, int k) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < k; a++) {
        double u = (double) x[2 * i] - c[2 * a];
        double v = (double) x[2 * i + 1] - c[2 * a + 1];
        best = Math.min(best, u * u + v * v);
      }
      total += best;
    }
    return total;
  }

  @Test
  void aRolledBackTrialLeavesThePartitionAndAKeptOneTracksItsInertia() {
    int n = 400;
    int k = 4;
    float[] x = line(n);
    // Two centroids share the blob at 0 and none covers the one at 15.
    float[] start = {0, 0, 0.1f, 0, 5, 0, 10, 0};
    try (WorkerPool par = WorkerPool.create("kmeans", 1, null)) {
      Engine e = TestEngines.engine(x, null, n, 2, k, par);
      e.setCentroids(start);
      e.assignOnly();
      double[] part = new double[k];
      SwapPoints points = new SwapPoints(e);
      SwapTrial trial = new SwapTrial(points, k, false, new ClusterMembers(n, k), part);
      double before = trial.start(e, start);
      assertEquals(exactInertia(x, n, start, k), before, 1e-6 * before, "start inertia");
      // Any trial rolled back leaves the centroids, and the same trial again gives the same change.
      double first = trial.attempt(2, 0);
      trial.rollBack();
      assertArrayEquals(start, trial.centroids());
      assertEquals(first, trial.attempt(2, 0), "the same trial after a roll-back");
      trial.rollBack();
      // Moving centroid 1 (the second one at 0) onto a point near 15 fixes the partition.
      int atFifteen = 0;
      while (Math.abs(points.x[2 * atFifteen] - 15) > 1) {
        atFifteen++;
      }
      double delta = trial.attempt(1, atFifteen);
      assertTrue(delta < -0.5 * before, "gain " + delta + " from " + before);
      double after = trial.commit();
      assertEquals(before + delta, after, 1e-9 * before, "tracked inertia");
      assertEquals(exactInertia(x, n, trial.centroids(), k), after, 1e-6 * before, "exact");
    }
  }
}
