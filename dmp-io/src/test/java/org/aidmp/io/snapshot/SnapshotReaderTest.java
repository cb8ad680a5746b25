package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotReaderTest {
  @TempDir Path dir;

  @Test
  void damagedManifestIsRejected() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("a", 1, out -> out.writeInt(1));
    w.commit();
    Path mf = SnapshotReader.open(dir).generationFolder().resolve(SnapshotManifest.FILE_NAME);
    byte[] b = Files.readAllBytes(mf);
    Files.write(mf, java.util.Arrays.copyOf(b, b.length - 3));
    SnapshotFormatException e =
        assertThrows(SnapshotFormatException.class, () -> SnapshotReader.open(dir));
    assertTrue(e.getMessage().contains("MANIFEST.dmps"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void largeFloatMatrixRoundTrips() throws IOException {
    int rows = 10_000;
    int cols = 64;
    float[] data = new float[rows * cols];
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    SnapshotWriter.write(
        dir,
        "matrix",
        out -> {
          out.writeInt(rows);
          out.writeInt(cols);
          for (float v : data) {
            out.writeFloat(v);
          }
        });
    float[] back =
        SnapshotReader.read(
            dir,
            "matrix",
            in -> {
              float[] m = new float[in.readInt() * in.readInt()];
              for (int i = 0; i < m.length; i++) {
                m[i] = in.readFloat();
              }
              return m;
            });
    assertEquals(data.length, back.length);
    for (int i = 0; i < data.length; i++) {
      assertEquals(Float.floatToRawIntBits(data[i]), Float.floatToRawIntBits(back[i]), "at " + i);
    }
  }
}
