package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class KMeansModelTest {
  @Test
  void predictAgreesWithFittedLabels() {
    FMatrixRMaj x = Blobs.blobs(4, 2000, 9, 6, 2.0);
    KMeansModel m = KMeans.builder().setK(6).get().fit(x);
    assertArrayEquals(m.labels(), m.predict(x));
    for (int i = 0; i < 50; i++) {
      assertEquals(m.labels()[i], m.predict(x, i));
      assertEquals(m.labels()[i], m.predict(Arrays.copyOfRange(x.data, i * 9, i * 9 + 9)));
    }
    assertThrows(IllegalArgumentException.class, () -> m.predict(new float[3]));
  }

  @Test
  void saveAndLoadRoundTrip() throws IOException {
    FMatrixRMaj x = Blobs.blobs(5, 500, 3, 4, 1.0);
    KMeansModel m = KMeans.builder().setK(4).setDistance(Distance.COSINE).get().fit(x);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    KMeansModel back =
        KMeansModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertArrayEquals(m.centroids().data, back.centroids().data);
    assertArrayEquals(m.labels(), back.labels());
    assertEquals(m.inertia(), back.inertia(), 0.0);
    assertEquals(m.distance(), back.distance());
    assertEquals(m.iterations(), back.iterations());
    assertEquals(m.toString(), back.toString());
    assertArrayEquals(m.predict(x), back.predict(x));
  }

  @Test
  void loadRejectsForeignAndDamagedStreams() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                KMeansModel.read(
                    new DataInputStream(
                        new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))));
    assertTrue(e.getMessage().contains("not a dmp K-Means model"), e.getMessage());
  }

  private static FMatrixRMaj blobs() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    FMatrixRMaj x = new FMatrixRMaj(900, 4);
    for (int i = 0; i < x.numRows; i++) {
      for (int j = 0; j < x.numCols; j++) {
        x.set(i, j, (float) (r.nextGaussian() + 5 * ((i % 3) == j ? 1 : 0)));
      }
    }
    return x;
  }

  @Test
  void inertiaHistoryHasOneFallingEntryPerLloydIteration() {
    KMeansModel m =
        KMeans.builder()
            .setK(3)
            .setSeed(2)
            .setAlgorithm(Algorithm.LLOYD)
            .setInitialization(Initialization.RANDOM)
            .get()
            .fit(blobs());
    double[] h = m.inertiaHistory();
    assertEquals(m.iterations(), h.length);
    for (int i = 1; i < h.length; i++) {
      assertTrue(
          h[i] <= h[i - 1] * (1 + 1e-6), "Lloyd never raises inertia: " + Arrays.toString(h));
    }
    assertEquals(m.inertia(), h[h.length - 1], 1e-5 * m.inertia());
  }

  @Test
  void inertiaHistorySurvivesARoundTripAndOldModelsReadWithoutOne() throws IOException {
    KMeansModel m = KMeans.builder().setK(3).setSeed(2).get().fit(blobs());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    byte[] v2 = bytes.toByteArray();
    KMeansModel back = KMeansModel.read(new DataInputStream(new ByteArrayInputStream(v2)));
    assertArrayEquals(m.inertiaHistory(), back.inertiaHistory());

    // The version-1 form: the same bytes without the history, version field 1.
    byte[] v1 = Arrays.copyOf(v2, v2.length - 4 - 8 * m.inertiaHistory().length);
    v1[7] = 1;
    KMeansModel old = KMeansModel.read(new DataInputStream(new ByteArrayInputStream(v1)));
    assertEquals(0, old.inertiaHistory().length);
    assertArrayEquals(m.labels(), old.labels());
  }

  @Test
  void fromCentroidsPredictsAndRoundTripsWithoutLabels() throws IOException {
    FMatrixRMaj c = new FMatrixRMaj(new float[][] {{0, 0}, {10, 10}});
    KMeansModel m =
        KMeansModel.fromCentroids(
            c, Distance.EUCLIDEAN, 3.5, 4, true, 7L, "scalar", new double[] {9, 3.5});
    assertEquals(1, m.predict(new float[] {9, 8}));
    assertEquals(0, m.labels().length);
    assertArrayEquals(new int[] {0, 0}, m.clusterSizes());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    KMeansModel back =
        KMeansModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertArrayEquals(c.data, back.centroids().data);
    assertEquals(3.5, back.inertia());
    c.data[0] = Float.NaN;
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KMeansModel.fromCentroids(
                c, Distance.EUCLIDEAN, 0, 1, true, 0L, "scalar", new double[0]));
  }
}
