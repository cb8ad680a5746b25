package org.aidmp.io.npy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;

/**
 * Writes an {@link FMatrixRMaj} as a NumPy {@code .npy} file (format 1.0, little-endian, C order)
 * that {@code np.load} reads as an (n, d) array. Behind {@link Npy}.
 */
final class NpyWriter {
  private static final int CHUNK = 1 << 16;

  private NpyWriter() {}

  /**
   * Writes atomically: to a temporary file in the same folder, then renamed over {@code path}, so a
   * reader never sees half a file.
   */
  static void write(Path path, FMatrixRMaj m, NpyType type) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), CHUNK)) {
        write(out, m, type);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes one array to a stream (not closed). */
  static void write(OutputStream out, FMatrixRMaj m, NpyType type) throws IOException {
    Objects.requireNonNull(m, "matrix");
    Objects.requireNonNull(type, "type");
    String dict =
        "{'descr': '<"
            + type.code
            + "', 'fortran_order': False, 'shape': ("
            + m.numRows
            + ", "
            + m.numCols
            + "), }";
    // Magic (6) + version (2) + length (2) + dict + padding + '\n' is a multiple of 64, as NumPy
    // writes it, so the data start aligned.
    int unpadded = 10 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    StringBuilder h = new StringBuilder(dict);
    for (int i = 0; i < pad; i++) {
      h.append(' ');
    }
    h.append('\n');
    byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length & 0xff);
    out.write(header.length >>> 8);
    out.write(header);
    byte[] buf = new byte[CHUNK];
    ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    int total = m.numRows * m.numCols;
    int perChunk = CHUNK / type.bytes;
    for (int done = 0; done < total; ) {
      int count = Math.min(perChunk, total - done);
      bb.clear();
      if (type == NpyType.FLOAT32) {
        bb.asFloatBuffer().put(m.data, done, count);
      } else {
        for (int i = 0; i < count; i++) {
          bb.putDouble(i * 8, m.data[done + i]);
        }
      }
      out.write(buf, 0, count * type.bytes);
      done += count;
    }
  }
}
