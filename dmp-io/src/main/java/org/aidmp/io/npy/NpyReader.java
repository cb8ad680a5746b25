package org.aidmp.io.npy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.FMatrixRMaj;

/**
 * Reads NumPy {@code .npy} files (format versions 1 to 3) into an {@link FMatrixRMaj}: float32 or
 * float64 in either byte order, C order, one or two dimensions (a vector becomes one column).
 * Behind {@link Npy}.
 *
 * <p>Fortran order, other element types and more than two dimensions are refused with a message
 * that says how to convert the file in NumPy.
 */
final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** Bytes converted per read: large enough to amortise calls, small enough to stay in cache. */
  private static final int CHUNK = 1 << 16;

  /** Elements allocated before any data arrived. */
  private static final int INITIAL_ELEMENTS = 1 << 16;

  private NpyReader() {}

  /** Reads a file. */
  static FMatrixRMaj read(Path path) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), CHUNK)) {
      return read(in, path.toString());
    }
  }

  /**
   * Reads one array from a stream, which is left positioned after it (not closed).
   *
   * @param source names the stream in error messages
   */
  static FMatrixRMaj read(InputStream stream, String source) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] magic = new byte[6];
    readFully(in, magic, source);
    for (int i = 0; i < 6; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new IOException(source + " is not a .npy file (bad magic)");
      }
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte();
    long headerLen;
    if (major == 1) {
      headerLen = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
    } else if (major == 2 || major == 3) {
      headerLen = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    } else {
      throw new IOException(source + ": .npy format version " + major + " is not supported");
    }
    if (headerLen > 1 << 20) {
      throw new IOException(source + ": .npy header of " + headerLen + " bytes is implausible");
    }
    byte[] hb = new byte[(int) headerLen];
    readFully(in, hb, source);
    String header =
        new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, "descr", source);
    if (group(FORTRAN, header, "fortran_order", source).equals("True")) {
      throw new IOException(
          source + " is in Fortran order; save it with np.save(path, np.ascontiguousarray(a))");
    }
    ByteOrder order;
    char e = descr.isEmpty() ? '?' : descr.charAt(0);
    if (e == '<' || e == '|') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (e == '>') {
      order = ByteOrder.BIG_ENDIAN;
    } else if (e == '=') {
      order = ByteOrder.nativeOrder();
    } else {
      throw new IOException(source + ": unsupported dtype '" + descr + "'");
    }
    NpyType type;
    String code = descr.substring(1);
    if (code.equals("f4")) {
      type = NpyType.FLOAT32;
    } else if (code.equals("f8")) {
      type = NpyType.FLOAT64;
    } else {
      throw new IOException(
          source + ": dtype '" + descr + "' is not float32/float64; convert with a.astype('<f4')");
    }
    String[] dims = group(SHAPE, header, "shape", source).split(",");
    long rows;
    long cols;
    int given = 0;
    long[] shape = new long[3];
    for (String s : dims) {
      String t = s.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (given == 2) {
        throw new IOException(source + " has more than two dimensions; reshape it to (n, d)");
      }
      try {
        shape[given++] = Long.parseLong(t);
      } catch (NumberFormatException ex) {
        throw new IOException(source + ": bad shape entry '" + t + "'", ex);
      }
    }
    if (given == 0) {
      rows = 1;
      cols = 1;
    } else if (given == 1) {
      rows = shape[0];
      cols = 1;
    } else {
      rows = shape[0];
      cols = shape[1];
    }
    if (rows < 0
        || cols < 0
        || (cols > 0 && rows > (Integer.MAX_VALUE - 16) / cols)
        || rows * cols > Integer.MAX_VALUE - 16) {
      throw new IOException(
          source + ": shape " + rows + " × " + cols + " does not fit one float array");
    }
    int total = (int) (rows * cols);
    // The array grows as data arrives, so a header that promises more than the input holds fails
    // with "ends before the data" after reading what is there, instead of allocating its promise.
    float[] data = new float[Math.min(total, INITIAL_ELEMENTS)];
    byte[] buf = new byte[CHUNK];
    ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
    int perChunk = CHUNK / type.bytes;
    for (int done = 0; done < total; ) {
      int count = Math.min(perChunk, total - done);
      readFully(in, buf, 0, count * type.bytes, source);
      if (done + count > data.length) {
        data = Arrays.copyOf(data, (int) Math.min(total, Math.max(2L * data.length, done + count)));
      }
      bb.clear();
      if (type == NpyType.FLOAT32) {
        bb.asFloatBuffer().get(data, done, count);
      } else {
        for (int i = 0; i < count; i++) {
          data[done + i] = (float) bb.getDouble(i * 8);
        }
      }
      done += count;
    }
    return FMatrixRMaj.wrap((int) rows, (int) cols, data);
  }

  private static String group(Pattern p, String header, String key, String source)
      throws IOException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IOException(source + ": .npy header has no '" + key + "'");
    }
    return m.group(1);
  }

  private static void readFully(DataInputStream in, byte[] b, String source) throws IOException {
    readFully(in, b, 0, b.length, source);
  }

  private static void readFully(DataInputStream in, byte[] b, int off, int len, String source)
      throws IOException {
    try {
      in.readFully(b, off, len);
    } catch (EOFException e) {
      throw new IOException(source + " ends before the data its .npy header announces", e);
    }
  }
}
