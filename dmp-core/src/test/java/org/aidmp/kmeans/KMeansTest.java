package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class KMeansTest {

  /** A plain Lloyd for reference: double arithmetic, no tricks, ties to the lowest index. */
  static final class ReferenceLloyd {
    int[] labels;
    double[][] centroids;
    double inertia;

    ReferenceLloyd(FMatrixRMaj x, FMatrixRMaj start, int iterations) {
      int n = x.numRows;
      int d = x.numCols;
      int k = start.numRows;
      centroids = new double[k][d];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          centroids[c][j] = start.get(c, j);
        }
      }
      labels = new int[n];
      for (int it = 0; it < iterations; it++) {
        assign(x);
        double[][] sum = new double[k][d];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
          count[labels[i]]++;
          for (int j = 0; j < d; j++) {
            sum[labels[i]][j] += x.get(i, j);
          }
        }
        for (int c = 0; c < k; c++) {
          if (count[c] > 0) {
            for (int j = 0; j < d; j++) {
              centroids[c][j] = (float) (sum[c][j] / count[c]);
            }
          }
        }
      }
      inertia = assign(x);
    }

    private double assign(FMatrixRMaj x) {
      double total = 0;
      for (int i = 0; i < x.numRows; i++) {
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
          double s = 0;
          for (int j = 0; j < x.numCols; j++) {
            double u = x.get(i, j) - centroids[c][j];
            s += u * u;
          }
          if (s < best) {
            best = s;
            labels[i] = c;
          }
        }
        total += best;
      }
      return total;
    }
  }

  private static KMeans given(FMatrixRMaj start, Algorithm algo, int iterations) {
    return KMeans.builder()
        .setInitialCentroids(start)
        .setAlgorithm(algo)
        .setMaxIterations(iterations)
        .setTolerance(0)
        .get();
  }

  @Test
  void lloydMatchesReferenceFromGivenCentroids() {
    for (long seed = 1; seed <= 5; seed++) {
      FMatrixRMaj x = Blobs.blobs(seed, 3000, 6, 7, 1.5);
      FMatrixRMaj start = Blobs.firstRows(x, 7);
      int iters = 4 + (int) seed;
      ReferenceLloyd ref = new ReferenceLloyd(x, start, iters);
      KMeansModel m = given(start, Algorithm.LLOYD, iters).fit(x);
      assertArrayEquals(ref.labels, m.labels(), "seed " + seed);
      assertEquals(ref.inertia, m.inertia(), 1e-5 * ref.inertia, "seed " + seed);
    }
  }

  @Test
  void hamerlyGivesLloydsLabelsAndCentroids() {
    for (long seed = 1; seed <= 5; seed++) {
      FMatrixRMaj x = Blobs.blobs(seed, 4000, 3, 12, 2.0);
      FMatrixRMaj start = Blobs.firstRows(x, 12);
      KMeansModel lloyd = given(start, Algorithm.LLOYD, 50).fit(x);
      KMeansModel hamerly = given(start, Algorithm.HAMERLY, 50).fit(x);
      assertArrayEquals(lloyd.labels(), hamerly.labels(), "seed " + seed);
      assertArrayEquals(lloyd.centroids().data, hamerly.centroids().data, "seed " + seed);
      assertEquals(lloyd.iterations(), hamerly.iterations(), "seed " + seed);
    }
  }

  @Test
  void oneAndTwoThreadsAreBitIdentical() {
    FMatrixRMaj x = Blobs.blobs(7, 20_000, 5, 9, 3.0);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (Algorithm a :
          new Algorithm[] {Algorithm.LLOYD, Algorithm.HAMERLY, Algorithm.MINI_BATCH}) {
        for (Initialization init :
            new Initialization[] {
              Initialization.K_MEANS_PLUS_PLUS, Initialization.K_MEANS_PARALLEL
            }) {
          KMeans one =
              KMeans.builder().setK(9).setAlgorithm(a).setInitialization(init).setRestarts(2).get();
          KMeansModel m1 = one.fit(x);
          KMeansModel m2 = one.toBuilder().setThreads(2).get().fit(x);
          KMeansModel m4 = one.toBuilder().setThreads(4).setExecutor(pool).get().fit(x);
          String what = a + " " + init;
          assertArrayEquals(m1.centroids().data, m2.centroids().data, what);
          assertArrayEquals(m1.labels(), m2.labels(), what);
          assertEquals(m1.inertia(), m2.inertia(), 0.0, what);
          assertArrayEquals(m1.centroids().data, m4.centroids().data, what);
          assertEquals(m1.inertia(), m4.inertia(), 0.0, what);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noWorkerThreadOutlivesAFitOrAnIterationHandle() {
    FMatrixRMaj x = Blobs.blobs(9, 5000, 3, 4, 1.0);
    KMeans km = KMeans.builder().setK(4).setThreads(3).get();
    km.fit(x);
    try (KMeansIterations it = km.iterations(x, Blobs.firstRows(x, 4))) {
      it.step();
    }
    // A terminated pool's threads may take a moment to leave the thread table; allow that.
    String alive = "";
    for (int attempt = 0; attempt < 200; attempt++) {
      alive = "";
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("dmp-kmeans-") && t.isAlive()) {
          alive += t.getName() + " ";
        }
      }
      if (alive.isEmpty()) {
        break;
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertEquals("", alive, "worker threads still alive");
  }

  @Test
  void panamaAndScalarKernelsGiveTheSameModel() {
    VectorKernels panama = VectorKernelsProvider.panamaOrNull();
    assertNotNull(panama, "tests run with --add-modules jdk.incubator.vector");
    FMatrixRMaj x = Blobs.blobs(3, 5000, 19, 20, 4.0);
    KMeans km = KMeans.builder().setK(20).setAlgorithm(Algorithm.LLOYD).setRestarts(2).get();
    KMeansModel p = km.toBuilder().setKernels(panama).get().fit(x);
    KMeansModel s = km.toBuilder().setKernels(VectorKernelsProvider.scalar()).get().fit(x);
    assertArrayEquals(s.labels(), p.labels());
    assertArrayEquals(s.centroids().data, p.centroids().data);
  }

  @Test
  void seededPropertyLabelsAreNearestCentroids() {
    for (long seed = 100; seed < 120; seed++) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      int n = 50 + r.nextInt(500);
      int d = 1 + r.nextInt(40);
      int k = 1 + r.nextInt(Math.min(n, 30));
      Algorithm algo = Algorithm.values()[r.nextInt(Algorithm.values().length)];
      String input = "seed=" + seed + " n=" + n + " d=" + d + " k=" + k + " algo=" + algo;
      FMatrixRMaj x = Blobs.blobs(seed, n, d, 1 + r.nextInt(10), r.nextDouble() * 5);
      KMeansModel m = KMeans.builder().setK(k).setAlgorithm(algo).setSeed(seed).get().fit(x);
      float[] c = m.centroids().data;
      int[] labels = m.labels();
      int[] sizes = new int[k];
      double inertia = 0;
      for (int i = 0; i < n; i++) {
        double own = sq(x.data, i * d, c, labels[i] * d, d);
        for (int o = 0; o < k; o++) {
          double other = sq(x.data, i * d, c, o * d, d);
          assertTrue(own <= other * (1 + 1e-4) + 1e-4, input + " row " + i + " centroid " + o);
        }
        inertia += own;
        sizes[labels[i]]++;
      }
      for (float v : c) {
        assertTrue(Float.isFinite(v), input);
      }
      assertArrayEquals(sizes, m.clusterSizes(), input);
      assertEquals(inertia, m.inertia(), 1e-6 * inertia + 1e-9, input);
    }
  }

  private static double sq(float[] a, int ao, float[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double u = (double) a[ao + j] - b[bo + j];
      s += u * u;
    }
    return s;
  }

  @Test
  void restartsNeverIncreaseInertia() {
    FMatrixRMaj x = Blobs.blobs(11, 3000, 2, 15, 0.6);
    double one =
        KMeans.builder().setK(15).setInitialization(Initialization.RANDOM).get().fit(x).inertia();
    double five =
        KMeans.builder()
            .setK(15)
            .setInitialization(Initialization.RANDOM)
            .setRestarts(5)
            .get()
            .fit(x)
            .inertia();
    assertTrue(five <= one, five + " > " + one);
  }

  /** Four tight blobs at the corners of a 10 × 10 square, 200 points each. */
  private static FMatrixRMaj corners() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    float[][] centres = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};
    FMatrixRMaj x = new FMatrixRMaj(800, 2);
    for (int i = 0; i < 800; i++) {
      float[] c = centres[i % 4];
      x.set(i, 0, (float) (c[0] + 0.1 * Blobs.gaussian(r)));
      x.set(i, 1, (float) (c[1] + 0.1 * Blobs.gaussian(r)));
    }
    return x;
  }

  @Test
  void swapsLeaveALocalOptimumThatLloydKeeps() {
    // Two centroids share the bottom-left blob and one sits between the two top blobs: Lloyd
    // stays there (inertia ≈ 400 · 25), random swap moves a centroid to the uncovered blob.
    FMatrixRMaj start = new FMatrixRMaj(new float[][] {{0, 0}, {0.05f, 0.05f}, {10, 0}, {5, 10}});
    KMeans plain = KMeans.builder().setInitialCentroids(start).setAlgorithm(Algorithm.LLOYD).get();
    KMeansModel stuck = plain.fit(corners());
    KMeansModel swapped = plain.toBuilder().setSwapTrials(300).get().fit(corners());
    assertTrue(stuck.inertia() > 5000, "the start should trap Lloyd: " + stuck.inertia());
    assertTrue(
        swapped.inertia() < 0.01 * stuck.inertia(),
        "swaps " + swapped.inertia() + " vs none " + stuck.inertia());
  }

  @Test
  void swapsGiveTheSameModelOnOneAndTwoThreads() {
    FMatrixRMaj x = Blobs.blobs(14, 6000, 3, 25, 0.8);
    KMeans one = KMeans.builder().setK(25).setSwapTrials(400).setSwapPatience(150).get();
    KMeansModel a = one.fit(x);
    KMeansModel b = one.toBuilder().setThreads(2).get().fit(x);
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.centroids().data, b.centroids().data);
  }

  @Test
  void swapRefinementNeverIncreasesInertia() {
    FMatrixRMaj x = Blobs.blobs(12, 3000, 2, 15, 0.6);
    KMeans base = KMeans.builder().setK(15).setInitialization(Initialization.RANDOM).get();
    double plain = base.fit(x).inertia();
    double swapped = base.toBuilder().setSwapTrials(100).get().fit(x).inertia();
    assertTrue(swapped <= plain * (1 + 1e-9), swapped + " > " + plain);
  }

  @Test
  void weightsCountAsRepeatedRows() {
    FMatrixRMaj x = new FMatrixRMaj(new float[][] {{0}, {1}, {10}, {11}});
    FMatrixRMaj rep = new FMatrixRMaj(new float[][] {{0}, {1}, {1}, {1}, {10}, {11}});
    FMatrixRMaj start = new FMatrixRMaj(new float[][] {{0}, {10}});
    KMeans km = KMeans.builder().setInitialCentroids(start).get();
    KMeansModel w = km.fit(x, new double[] {1, 3, 1, 1});
    KMeansModel r = km.fit(rep);
    assertArrayEquals(r.centroids().data, w.centroids().data, 1e-6f);
    assertEquals(r.inertia(), w.inertia(), 1e-9);
    assertEquals(0.75f, w.centroids().get(0, 0), 1e-6f);
  }

  @Test
  void identicalPointsGiveZeroInertiaAndNoNaN() {
    FMatrixRMaj x = new FMatrixRMaj(50, 3);
    Arrays.fill(x.data, 2.5f);
    for (Algorithm a : Algorithm.values()) {
      KMeansModel m = KMeans.builder().setK(4).setAlgorithm(a).get().fit(x);
      assertEquals(0.0, m.inertia(), 0.0, a.toString());
      for (float v : m.centroids().data) {
        assertEquals(2.5f, v, 0f, a.toString());
      }
    }
  }

  @Test
  void fewerDistinctPointsThanKGiveDuplicateCentroidsAndEmptyClusters() {
    FMatrixRMaj x = new FMatrixRMaj(new float[][] {{0, 0}, {0, 0}, {5, 5}, {5, 5}, {5, 5}});
    KMeansModel m = KMeans.builder().setK(4).get().fit(x);
    assertEquals(0.0, m.inertia(), 0.0);
    int nonEmpty = 0;
    for (int s : m.clusterSizes()) {
      nonEmpty += s > 0 ? 1 : 0;
    }
    assertEquals(2, nonEmpty);
    for (float v : m.centroids().data) {
      assertTrue(v == 0f || v == 5f, "centroid value " + v);
    }
  }

  @Test
  void emptyClusterIsRelocatedToTheFarthestPoint() {
    // Centroid 2 starts far from every point: after one iteration it must sit on the farthest.
    FMatrixRMaj x = new FMatrixRMaj(new float[][] {{0}, {1}, {2}, {10}, {30}});
    FMatrixRMaj start = new FMatrixRMaj(new float[][] {{0}, {10}, {1000}});
    KMeansModel m =
        KMeans.builder()
            .setInitialCentroids(start)
            .setMaxIterations(1)
            .setAlgorithm(Algorithm.LLOYD)
            .get()
            .fit(x);
    assertEquals(30f, m.centroids().get(2, 0), 0f);
    assertEquals(10f, m.centroids().get(1, 0), 0f);
    KMeansModel keep =
        KMeans.builder()
            .setInitialCentroids(start)
            .setMaxIterations(1)
            .setAlgorithm(Algorithm.LLOYD)
            .setEmptyClusterPolicy(EmptyClusterPolicy.KEEP_PREVIOUS)
            .get()
            .fit(x);
    assertEquals(1000f, keep.centroids().get(2, 0), 0f);
  }

  @Test
  void cosineGivesUnitCentroidsAndHandlesZeroRows() {
    FMatrixRMaj x = Blobs.blobs(5, 600, 4, 3, 1.0);
    Arrays.fill(x.data, 0, 8, 0f); // two zero rows
    KMeansModel m = KMeans.builder().setK(3).setDistance(Distance.COSINE).get().fit(x);
    FMatrixRMaj c = m.centroids();
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 4; j++) {
        s += c.get(i, j) * c.get(i, j);
      }
      assertEquals(1.0, s, 1e-5);
    }
    for (float v : c.data) {
      assertFalse(Float.isNaN(v));
    }
    // A row scaled by any positive factor is in the same cluster.
    float[] row = Arrays.copyOfRange(x.data, 40, 44);
    float[] scaled = row.clone();
    for (int j = 0; j < 4; j++) {
      scaled[j] *= 7f;
    }
    assertEquals(m.predict(row), m.predict(scaled));
    assertEquals(m.labels()[10], m.predict(row));
  }

  @Test
  void badInputIsRejectedWithValuesAndFix() {
    FMatrixRMaj x = Blobs.blobs(1, 10, 3, 2, 1.0);
    x.set(4, 2, Float.NaN);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().setK(2).get().fit(x));
    assertTrue(e.getMessage().contains("row 4, column 2 is NaN"), e.getMessage());
    x.set(4, 2, Float.POSITIVE_INFINITY);
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().setK(2).get().fit(x));
    assertTrue(e.getMessage().contains("infinite"), e.getMessage());
    FMatrixRMaj ok = Blobs.blobs(1, 10, 3, 2, 1.0);
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().setK(11).get().fit(ok));
    assertTrue(e.getMessage().contains("k (11) exceeds the number of rows (10)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().setK(0));
    assertTrue(e.getMessage().contains("k is 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().setTolerance(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KMeans.builder().setK(2).get().fit(ok, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("2 weights for 10 rows"), e.getMessage());
    double[] neg = new double[10];
    neg[3] = -1;
    e =
        assertThrows(
            IllegalArgumentException.class, () -> KMeans.builder().setK(2).get().fit(ok, neg));
    assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KMeans.builder().setInitialization(Initialization.GIVEN).get());
    assertTrue(e.getMessage().contains("setInitialCentroids"), e.getMessage());
    FMatrixRMaj wrongD = new FMatrixRMaj(2, 4);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KMeans.builder().setInitialCentroids(wrongD).get().fit(ok));
    assertTrue(e.getMessage().contains("4 columns"), e.getMessage());
  }

  @Test
  void toBuilderRoundTripsEveryField() {
    KMeans a =
        KMeans.builder()
            .setK(5)
            .setRestarts(3)
            .setMaxIterations(7)
            .setTolerance(0.5)
            .setSeed(9)
            .setThreads(2)
            .setDistance(Distance.COSINE)
            .setAlgorithm(Algorithm.HAMERLY)
            .setBatchSize(77)
            .setEmptyClusterPolicy(EmptyClusterPolicy.KEEP_PREVIOUS)
            .setSwapTrials(4)
            .setSwapPatience(3)
            .get();
    assertEquals(a.toString(), a.toBuilder().get().toString());
  }

  @Test
  void iterationsStepMatchesReference() {
    FMatrixRMaj x = Blobs.blobs(21, 5000, 8, 6, 2.0);
    FMatrixRMaj start = Blobs.firstRows(x, 6);
    ReferenceLloyd ref = new ReferenceLloyd(x, start, 3);
    try (KMeansIterations it = KMeans.builder().setK(6).setThreads(2).get().iterations(x, start)) {
      for (int i = 0; i < 3; i++) {
        it.step();
      }
      FMatrixRMaj c = it.centroids();
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 8; j++) {
          assertEquals(ref.centroids[i][j], c.get(i, j), 1e-4, i + "," + j);
        }
      }
    }
  }

  @Test
  void miniBatchFindsWellSeparatedBlobs() {
    FMatrixRMaj x = Blobs.blobs(31, 20_000, 4, 5, 0.3);
    KMeansModel full =
        KMeans.builder().setK(5).setAlgorithm(Algorithm.LLOYD).setRestarts(3).get().fit(x);
    KMeansModel mini =
        KMeans.builder().setK(5).setAlgorithm(Algorithm.MINI_BATCH).setRestarts(3).get().fit(x);
    assertTrue(mini.inertia() <= full.inertia() * 1.05, mini.inertia() + " vs " + full.inertia());
  }
}
