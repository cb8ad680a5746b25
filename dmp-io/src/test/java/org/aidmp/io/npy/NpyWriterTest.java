package org.aidmp.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {
  @TempDir Path dir;

  @Test
  void float32OutputIsByteIdenticalToNumPy() throws IOException {
    FMatrixRMaj m = new FMatrixRMaj(2, 3);
    float[] v = {1.5f, -2.25f, 3.0f, 4.0f, 5.5f, -6.125f};
    System.arraycopy(v, 0, m.data, 0, 6);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpyWriter.write(out, m, NpyType.FLOAT32);
    byte[] golden;
    try (InputStream in = NpyWriterTest.class.getResourceAsStream("/npy/f4le.npy")) {
      golden = in.readAllBytes();
    }
    assertArrayEquals(golden, out.toByteArray());
  }

  @Test
  void roundTripsBothTypesAtAwkwardSizes() throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    for (int[] shape : new int[][] {{1, 1}, {0, 4}, {3, 7}, {20_000, 3}}) {
      FMatrixRMaj m = new FMatrixRMaj(shape[0], shape[1]);
      for (int i = 0; i < m.getNumElements(); i++) {
        m.data[i] = (float) r.nextGaussian();
      }
      for (NpyType t : NpyType.values()) {
        Path p = dir.resolve("m.npy");
        NpyWriter.write(p, m, t);
        FMatrixRMaj back = NpyReader.read(p);
        String what = t + " " + shape[0] + "x" + shape[1];
        assertEquals(m.numRows, back.numRows, what);
        assertEquals(m.numCols, back.numCols, what);
        assertArrayEquals(
            Arrays.copyOf(m.data, m.getNumElements()),
            Arrays.copyOf(back.data, back.getNumElements()),
            what);
      }
    }
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
  }
}
