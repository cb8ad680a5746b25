package org.aidmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.kmeans.Algorithm;
import org.aidmp.kmeans.Distance;
import org.aidmp.kmeans.Initialization;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class SparkKMeansTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("v", DataTypes.createArrayType(DataTypes.FloatType))
          .add("w", DataTypes.DoubleType);

  /** n rows around `clusters` Gaussian centres in d dimensions, seeded. */
  static FMatrixRMaj blobs(int n, int d, int clusters, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][d];
    for (float[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = (float) (r.nextDouble() * 20 - 10);
      }
    }
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(clusters)];
      for (int j = 0; j < d; j++) {
        x.data[i * d + j] = c[j] + (float) (r.nextGaussian());
      }
    }
    return x;
  }

  static Dataset<Row> frame(FMatrixRMaj x, double[] w, int partitions) {
    SparkSession s = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    int d = x.numCols;
    for (int i = 0; i < x.numRows; i++) {
      Float[] v = new Float[d];
      for (int j = 0; j < d; j++) {
        v[j] = x.data[i * d + j];
      }
      rows.add(RowFactory.create("u" + i, v, w == null ? 1.0 : w[i]));
    }
    return s.createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  private static FMatrixRMaj firstRows(FMatrixRMaj x, int k) {
    FMatrixRMaj c = new FMatrixRMaj(k, x.numCols);
    System.arraycopy(x.data, 0, c.data, 0, k * x.numCols);
    return c;
  }

  private static void assertClose(FMatrixRMaj a, FMatrixRMaj b, float tol) {
    assertEquals(a.numRows, b.numRows);
    for (int i = 0; i < a.data.length; i++) {
      assertEquals(a.data[i], b.data[i], tol, "centroid value " + i);
    }
  }

  @Test
  void sameCentroidsAsOneJvmFromTheSameStart() {
    FMatrixRMaj x = blobs(3000, 8, 6, 1);
    FMatrixRMaj start = firstRows(x, 6);
    KMeansModel local =
        KMeans.builder()
            .setInitialCentroids(start)
            .setAlgorithm(Algorithm.LLOYD)
            .setMaxIterations(50)
            .get()
            .fit(x);
    // rows are shuffled across 3 partitions: order must not matter beyond float rounding
    SparkKMeans.Result r =
        SparkKMeans.builder()
            .setInitialCentroids(start)
            .setMaxIterations(50)
            .setBlockRows(256)
            .get()
            .fit(frame(x, null, 3).orderBy("id"), "v");
    assertClose(local.centroids(), r.model().centroids(), 1e-4f);
    assertEquals(local.iterations(), r.model().iterations());
    assertEquals(local.inertia(), r.model().inertia(), 1e-6 * local.inertia());
    long[] sizes = r.clusterSizes();
    int[] localSizes = local.clusterSizes();
    for (int c = 0; c < 6; c++) {
      assertEquals(localSizes[c], sizes[c], "cluster " + c);
    }
    assertTrue(r.model().converged());
  }

  @Test
  void weightedAndCosineMatchOneJvm() {
    FMatrixRMaj x = blobs(2000, 5, 4, 2);
    double[] w = new double[x.numRows];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextInt(4); // some zero weights too
    }
    FMatrixRMaj start = firstRows(x, 4);
    for (Distance dist : Distance.values()) {
      KMeansModel local =
          KMeans.builder()
              .setInitialCentroids(start)
              .setDistance(dist)
              .setAlgorithm(Algorithm.LLOYD)
              .setMaxIterations(40)
              .get()
              .fit(x, w);
      SparkKMeans.Result s =
          SparkKMeans.builder()
              .setInitialCentroids(start)
              .setDistance(dist)
              .setMaxIterations(40)
              .get()
              .fit(frame(x, w, 2), "v", "w");
      assertClose(local.centroids(), s.model().centroids(), 1e-4f);
      assertEquals(local.iterations(), s.model().iterations(), dist.toString());
    }
  }

  @Test
  void emptyClusterIsRelocatedAsInOneJvm() {
    FMatrixRMaj x = blobs(500, 3, 3, 4);
    FMatrixRMaj start = firstRows(x, 3);
    // a centroid far from every row: nobody chooses it in the first assignment
    start.data[2 * 3] = 1000;
    start.data[2 * 3 + 1] = 1000;
    start.data[2 * 3 + 2] = 1000;
    KMeansModel local =
        KMeans.builder()
            .setInitialCentroids(start)
            .setAlgorithm(Algorithm.LLOYD)
            .setMaxIterations(30)
            .get()
            .fit(x);
    SparkKMeans.Result s =
        SparkKMeans.builder()
            .setInitialCentroids(start)
            .setMaxIterations(30)
            .get()
            .fit(frame(x, null, 2), "v");
    assertClose(local.centroids(), s.model().centroids(), 1e-4f);
    for (long size : s.clusterSizes()) {
      assertTrue(size > 0);
    }
  }

  @Test
  void kMeansParallelFindsTheBlobsAndIsReproducible() {
    FMatrixRMaj x = blobs(4000, 4, 5, 5);
    Dataset<Row> data = frame(x, null, 4).cache();
    SparkKMeans km = SparkKMeans.builder().setK(5).setSeed(7).get();
    SparkKMeans.Result a = km.fit(data, "v");
    SparkKMeans.Result b = km.fit(data, "v");
    assertArrayEquals(a.model().centroids().data, b.model().centroids().data);
    KMeansModel best = KMeans.builder().setK(5).setRestarts(5).setSeed(1).get().fit(x);
    // k-means|| lands within a few percent of the best of five one-JVM restarts
    assertTrue(
        a.model().inertia() <= best.inertia() * 1.05,
        a.model().inertia() + " vs " + best.inertia());
    assertEquals(Initialization.K_MEANS_PARALLEL, km.initialization());
    data.unpersist();
  }

  @Test
  void predictAddsTheSameLabelsAsTheModel() {
    FMatrixRMaj x = blobs(1000, 6, 4, 6);
    KMeansModel local = KMeans.builder().setK(4).setSeed(3).get().fit(x);
    Dataset<Row> data = frame(x, null, 3);
    List<Row> rows = SparkKMeans.predict(local, data, "v", "segment").collectAsList();
    assertEquals(1000, rows.size());
    for (Row r : rows) {
      int i = Integer.parseInt(r.getString(0).substring(1));
      assertEquals(local.predict(x, i), r.getInt(3), "row " + i);
    }
  }

  @Test
  void rejectsBadInputWithAClearMessage() {
    FMatrixRMaj x = blobs(10, 2, 1, 7);
    Dataset<Row> data = frame(x, null, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkKMeans.builder().setK(11).get().fit(data, "v"));
    assertTrue(e.getMessage().contains("k (11) exceeds the number of rows (10)"), e.getMessage());
    IllegalArgumentException col =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkKMeans.builder().setK(2).get().fit(data, "id"));
    assertTrue(col.getMessage().contains("array<float>"), col.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkKMeans.builder().setInitialization(Initialization.K_MEANS_PLUS_PLUS));
  }
}
