package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aidmp.internal.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

class RandomSwapTest {
  /** perCentre points around each centre, Gaussian with 0.1 per coordinate; point i in i % k. */
  private static float[] around(float[] centres, int k, int d, int perCentre, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[k * perCentre * d];
    for (int i = 0; i < k * perCentre; i++) {
      int a = i % k;
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (float) (centres[a * d + j] + 0.1 * Blobs.gaussian(r));
      }
    }
    return x;
  }

  private static float[] means(float[] x, int n, int d, int k) {
    double[] s = new double[k * d];
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      count[i % k]++;
      for (int j = 0; j < d; j++) {
        s[(i % k) * d + j] += x[i * d + j];
      }
    }
    float[] c = new float[k * d];
    for (int t = 0; t < k * d; t++) {
      c[t] = (float) (s[t] / count[t / d]);
    }
    return c;
  }

  /** Σ w·min‖x − c‖² in double. */
  private static double exactInertia(float[] x, double[] w, int n, int d, float[] c, int k) {
    double total = 0;
    for (int i = 0; i < n; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < k; a++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double u = (double) x[i * d + j] - c[a * d + j];
          s += u * u;
        }
        best = Math.min(best, s);
      }
      total += (w == null ? 1 : w[i]) * best;
    }
    return total;
  }

  @Test
  void aSolvedStartStopsAfterThePatienceWithoutKeepingATrial() {
    // Eight far-apart blobs in 40 dimensions (the eight-chain dot product), started from their
    // means: no trial can gain a cluster's share, so the run ends after exactly the patience.
    int k = 8;
    int d = 40;
    float[] centres = new float[k * d];
    for (int a = 0; a < k; a++) {
      centres[a * d + a] = 30;
    }
    int n = k * 100;
    float[] x = around(centres, k, d, 100, 1);
    try (WorkerPool par = WorkerPool.create("kmeans", 1, null)) {
      RandomSwap swap = new RandomSwap(TestEngines.engine(x, null, n, d, k, par));
      swap.run(means(x, n, d, k), 10_000, 150, new SplittableRandom(2));
      assertEquals(150, swap.trials());
      assertEquals(0, swap.accepted());
    }
  }

  @Test
  void keptTrialsLeaveTheInertiaTheyTracked() {
    // Twelve blobs on a line; the start puts three centroids in the first blob and none in the
    // last two, so trials are kept and the member lists are updated many times.
    int k = 12;
    int d = 2;
    float[] centres = new float[k * d];
    for (int a = 0; a < k; a++) {
      centres[a * d] = 3 * a;
      centres[a * d + 1] = a % 2;
    }
    int n = k * 150;
    float[] x = around(centres, k, d, 150, 3);
    float[] start = means(x, n, d, k);
    for (int a = k - 2; a < k; a++) {
      start[a * d] = centres[0] + 0.05f * a;
      start[a * d + 1] = centres[1];
    }
    double[] w = new double[n];
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < n; i++) {
      w[i] = 1 + r.nextInt(3);
    }
    for (double[] weights : new double[][] {null, w}) {
      try (WorkerPool par = WorkerPool.create("kmeans", 1, null)) {
        RandomSwap swap = new RandomSwap(TestEngines.engine(x, weights, n, d, k, par));
        double before = exactInertia(x, weights, n, d, start, k);
        float[] end = swap.run(start, 2_000, 400, new SplittableRandom(5));
        double after = exactInertia(x, weights, n, d, end, k);
        assertTrue(swap.accepted() >= 2, "kept " + swap.accepted());
        assertTrue(after < 0.5 * before, after + " vs start " + before);
        assertEquals(after, swap.inertia(), 1e-2 * after, "tracked vs recomputed inertia");
      }
    }
  }

  @Test
  void pairedTrialsOnTwoThreadsKeepWhatOneThreadKeeps() {
    // The start of keptTrials...: many trials are kept, so the second of a pair is often thrown
    // away and tried again, and the two workers are brought level after every kept trial.
    int k = 12;
    int d = 2;
    float[] centres = new float[k * d];
    for (int a = 0; a < k; a++) {
      centres[a * d] = 3 * a;
      centres[a * d + 1] = a % 2;
    }
    int n = k * 150;
    float[] x = around(centres, k, d, 150, 3);
    float[] start = means(x, n, d, k);
    for (int a = k - 3; a < k; a++) {
      start[a * d] = centres[0] + 0.05f * a;
      start[a * d + 1] = centres[1];
    }
    float[][] ends = new float[2][];
    int[] kept = new int[2];
    int[] trials = new int[2];
    for (int threads = 1; threads <= 2; threads++) {
      try (WorkerPool par = WorkerPool.create("kmeans", threads, null)) {
        RandomSwap swap = new RandomSwap(TestEngines.engine(x, null, n, d, k, par));
        ends[threads - 1] = swap.run(start, 1_001, 300, new SplittableRandom(7));
        kept[threads - 1] = swap.accepted();
        trials[threads - 1] = swap.trials();
      }
    }
    assertTrue(kept[0] >= 3, "kept " + kept[0]);
    assertEquals(kept[0], kept[1], "kept trials");
    assertEquals(trials[0], trials[1], "trials run");
    assertArrayEquals(ends[0], ends[1]);
  }
}
