package org.aidmp.io.s3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.aidmp.io.csv.Compression;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The decoded content of one object: the resuming stored stream, gunzipped when the object is gzip,
 * with a cap on how far decompression may expand it. Errors name the bucket and key. Internal.
 */
final class ObjectStream extends InputStream {
  /** Any object may expand to this size whatever the ratio: tiny files compress very well. */
  static final long MIN_EXPANSION_ALLOWANCE = 1L << 20;

  private final String bucket;
  private final String key;
  private final ResumingObjectStream raw;
  private final InputStream decoded;
  private final long maxDecodedBytes;
  private final boolean gzip;
  private long decodedBytes;
  private boolean eof;
  private boolean closed;

  private ObjectStream(
      String bucket, String key, ResumingObjectStream raw, boolean gzip, double maxRatio)
      throws IOException {
    this.bucket = bucket;
    this.key = key;
    this.raw = raw;
    this.gzip = gzip;
    this.maxDecodedBytes =
        gzip
            ? Math.max(
                MIN_EXPANSION_ALLOWANCE, (long) Math.min(Long.MAX_VALUE, maxRatio * raw.length()))
            : Long.MAX_VALUE;
    InputStream d = raw;
    if (gzip) {
      try {
        d = new GZIPInputStream(raw, 1 << 16);
      } catch (IOException e) {
        raw.close();
        throw translate(e);
      }
    }
    this.decoded = d;
  }

  static ObjectStream open(
      S3Client s3,
      String bucket,
      String key,
      Compression compression,
      double maxRatio,
      int maxResumes)
      throws IOException {
    ResumingObjectStream raw = ResumingObjectStream.open(s3, bucket, key, maxResumes);
    return new ObjectStream(bucket, key, raw, isGzip(compression, key), maxRatio);
  }

  /** Stored bytes delivered so far. */
  long storedBytesRead() {
    return raw.position();
  }

  /** The decoder over the stored stream (the stored stream itself for plain objects). */
  InputStream decoder() {
    return decoded;
  }

  /** Whether the whole object was checked against a checksum the server stored with it. */
  boolean validated() {
    return raw.validated();
  }

  /** Ranged GETs needed so far. */
  int resumes() {
    return raw.resumes();
  }

  /**
   * Whether an object is gzip: always under {@link Compression#GZIP}, never under NONE, and under
   * AUTO when its key ends in {@code .gz} (objects are not sniffed, so a resumed range read need
   * not start at the magic bytes).
   */
  static boolean isGzip(Compression compression, String key) {
    return compression == Compression.GZIP
        || (compression == Compression.AUTO && key.endsWith(".gz"));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = decoded.read(b, off, len);
    } catch (IOException e) {
      throw translate(e);
    }
    if (n < 0) {
      eof = true;
      return n;
    }
    decodedBytes += n;
    if (decodedBytes > maxDecodedBytes) {
      throw new ResumingObjectStream.ObjectReadException(
          bucket,
          key,
          "gzip expands beyond "
              + maxDecodedBytes
              + " bytes, the cap for "
              + raw.length()
              + " compressed bytes; it may be a decompression bomb. Raise maxExpansionRatio if"
              + " such ratios are expected",
          null);
    }
    return n;
  }

  /**
   * Reads whatever the consumer left (it should be nothing) and checks that the whole object was
   * delivered; called before an object is counted as read.
   *
   * @return decoded bytes that the consumer had left unread
   */
  long finish() throws IOException {
    long left = 0;
    byte[] buf = new byte[8192];
    // A parser that reached the end usually closes its input; what matters then is only whether
    // every stored byte arrived, which the raw stream knows.
    while (!eof && !closed) {
      int n = read(buf, 0, buf.length);
      if (n > 0) {
        left += n;
      }
    }
    raw.checkEnd();
    if (!raw.complete()) {
      throw new ResumingObjectStream.ObjectReadException(
          bucket,
          key,
          "was not read to its end ("
              + raw.position()
              + " of "
              + raw.length()
              + " bytes); it is not counted as read",
          null);
    }
    return left;
  }

  private IOException translate(IOException e) {
    if (e instanceof ResumingObjectStream.ObjectReadException) {
      return e;
    }
    if (gzip && e instanceof EOFException) {
      return new ResumingObjectStream.ObjectReadException(
          bucket,
          key,
          "truncated gzip: the compressed data ends before its end marker ("
              + raw.position()
              + " of "
              + raw.length()
              + " stored bytes read); the object was stored incomplete",
          e);
    }
    if (gzip && e instanceof ZipException) {
      return new ResumingObjectStream.ObjectReadException(
          bucket,
          key,
          "is not valid gzip (" + e.getMessage() + "); set Compression.NONE if it is plain",
          e);
    }
    return new ResumingObjectStream.ObjectReadException(
        bucket, key, "read failed: " + e.getClass().getSimpleName(), e);
  }

  /** Closes the decoder (which releases its native inflater) and the stored stream under it. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (decoded != raw) {
        decoded.close();
      }
    } finally {
      raw.close();
    }
  }
}
