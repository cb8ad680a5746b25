package org.aidmp.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  private static FMatrixRMaj matrix() {
    FMatrixRMaj m = new FMatrixRMaj(2, 3);
    float[] v = {1.5f, -2.25f, 3.0f, 4.0f, 5.5f, -6.125f};
    System.arraycopy(v, 0, m.data, 0, 6);
    return m;
  }

  @Test
  void float32FileIsNumPysAndReadsBack() throws IOException {
    Path f = dir.resolve("m.npy");
    Npy.writeFloat32(f, matrix());
    byte[] golden;
    try (InputStream in = NpyTest.class.getResourceAsStream("/npy/f4le.npy")) {
      golden = in.readAllBytes();
    }
    assertArrayEquals(golden, Files.readAllBytes(f));
    FMatrixRMaj back = Npy.read(f);
    assertEquals(2, back.numRows);
    assertArrayEquals(matrix().data, back.data);
  }

  @Test
  void float64StreamsRoundTripAndTakeTwiceTheBytes() throws IOException {
    ByteArrayOutputStream f4 = new ByteArrayOutputStream();
    ByteArrayOutputStream f8 = new ByteArrayOutputStream();
    Npy.writeFloat32(f4, matrix());
    Npy.writeFloat64(f8, matrix());
    assertEquals(6 * 4, f8.size() - f4.size());
    FMatrixRMaj back = Npy.read(new ByteArrayInputStream(f8.toByteArray()), "f8");
    assertArrayEquals(matrix().data, back.data);
    Path f = dir.resolve("d.npy");
    Npy.writeFloat64(f, matrix());
    assertArrayEquals(matrix().data, Npy.read(f).data);
  }
}
