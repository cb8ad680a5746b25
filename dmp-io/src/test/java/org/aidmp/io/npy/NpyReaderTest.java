package org.aidmp.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Golden files written by NumPy 1.24 ({@code np.save}) next to the values they hold. */
class NpyReaderTest {
  private static final float[] VALUES = {1.5f, -2.25f, 3.0f, 4.0f, 5.5f, -6.125f};

  static FMatrixRMaj golden(String name) throws IOException {
    try (InputStream in = NpyReaderTest.class.getResourceAsStream("/npy/" + name)) {
      return NpyReader.read(in, name);
    }
  }

  @Test
  void readsLittleEndianFloat32() throws IOException {
    FMatrixRMaj m = golden("f4le.npy");
    assertEquals(2, m.numRows);
    assertEquals(3, m.numCols);
    assertArrayEquals(VALUES, Arrays.copyOf(m.data, 6));
  }

  @Test
  void readsBigEndianFloat64() throws IOException {
    FMatrixRMaj m = golden("f8be.npy");
    assertEquals(2, m.numRows);
    assertEquals(3, m.numCols);
    assertArrayEquals(VALUES, Arrays.copyOf(m.data, 6));
  }

  @Test
  void readsAVectorAsOneColumn() throws IOException {
    FMatrixRMaj m = golden("f8le_1d.npy");
    assertEquals(3, m.numRows);
    assertEquals(1, m.numCols);
    assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f}, Arrays.copyOf(m.data, 3));
  }

  @Test
  void refusesFortranOrderAndOtherTypesWithTheFix() {
    IOException e = assertThrows(IOException.class, () -> golden("fortran.npy"));
    assertTrue(e.getMessage().contains("ascontiguousarray"), e.getMessage());
    e = assertThrows(IOException.class, () -> golden("int32.npy"));
    assertTrue(e.getMessage().contains("'<i4'"), e.getMessage());
  }

  @Test
  void refusesTruncatedAndForeignFiles() throws IOException {
    byte[] full;
    try (InputStream in = NpyReaderTest.class.getResourceAsStream("/npy/f4le.npy")) {
      full = in.readAllBytes();
    }
    byte[] cut = Arrays.copyOf(full, full.length - 3);
    IOException e =
        assertThrows(
            IOException.class, () -> NpyReader.read(new ByteArrayInputStream(cut), "cut.npy"));
    assertTrue(e.getMessage().contains("ends before"), e.getMessage());
    e =
        assertThrows(
            IOException.class,
            () -> NpyReader.read(new ByteArrayInputStream("hello, world".getBytes()), "x.txt"));
    assertTrue(e.getMessage().contains("not a .npy"), e.getMessage());
  }
}
