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
}
