package org.aidmp.bench.knn;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aidmp.io.npy.Npy;
import org.ejml.data.FMatrixRMaj;

/**
 * kNN benchmark inputs: rows of a {@code .npy} file (read with dmp-io's {@link Npy}) or seeded
 * Gaussian blobs, and FAISS's saved int64 ids (which {@link Npy}, a float reader, does not read; a
 * tiny reader here does).
 */
public final class KnnData {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d*)\\)");

  private KnnData() {}

  /**
   * The first {@code n} rows of the file at {@code path} (all rows if n is 0 or larger), or, for an
   * empty path, n seeded rows of d values drawn around 64 centres.
   */
  public static FMatrixRMaj load(String path, int n, int d, long seed) throws IOException {
    if (path == null || path.isEmpty()) {
      return blobs(n, d, seed);
    }
    FMatrixRMaj all = Npy.read(Path.of(path));
    if (n <= 0 || n >= all.numRows) {
      return all;
    }
    FMatrixRMaj first = new FMatrixRMaj(n, all.numCols);
    System.arraycopy(all.data, 0, first.data, 0, n * all.numCols);
    return first;
  }

  /** The int64 matrix of a {@code .npy} file, such as FAISS's saved ids. */
  public static long[][] loadLongs(String path) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      DataInputStream din = new DataInputStream(in);
      long[] shape = new long[2];
      String descr = header(din, shape);
      if (!descr.equals("<i8")) {
        throw new IOException(path + ": expected little-endian int64 ('<i8'), found " + descr);
      }
      long[][] out = new long[(int) shape[0]][(int) shape[1]];
      byte[] row = new byte[(int) shape[1] * 8];
      for (long[] r : out) {
        din.readFully(row);
        ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(r);
      }
      return out;
    }
  }

  private static String header(DataInputStream in, long[] shape) throws IOException {
    byte[] magic = new byte[8];
    in.readFully(magic);
    if ((magic[0] & 0xff) != 0x93 || magic[1] != 'N') {
      throw new IOException("not a .npy file");
    }
    int len;
    if (magic[6] == 1) {
      len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    } else {
      len = Integer.reverseBytes(in.readInt());
    }
    byte[] h = new byte[len];
    in.readFully(h);
    String header = new String(h, StandardCharsets.ISO_8859_1);
    if (header.contains("'fortran_order': True")) {
      throw new IOException("Fortran-ordered .npy files are not supported here");
    }
    Matcher d = DESCR.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !s.find()) {
      throw new IOException("unreadable .npy header");
    }
    shape[0] = Long.parseLong(s.group(1));
    shape[1] = s.group(2).isEmpty() ? 1 : Long.parseLong(s.group(2));
    return d.group(1);
  }

  /** Seeded Gaussian blobs around 64 centres. */
  public static FMatrixRMaj blobs(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    SplittableRandom centres = new SplittableRandom(12345);
    float[] mu = new float[64 * d];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = (float) (centres.nextGaussian() * 4);
    }
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(64);
      for (int j = 0; j < d; j++) {
        x.data[i * d + j] = mu[c * d + j] + (float) (r.nextGaussian() * 2);
      }
    }
    return x;
  }
}
