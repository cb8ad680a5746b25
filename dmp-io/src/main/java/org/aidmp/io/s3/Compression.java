package org.aidmp.io.s3;

/**
 * How the stored bytes of an object are to be decoded.
 *
 * <pre>{@code
 * S3Source.builder(s3).setBucket("b").setCompression(Compression.GZIP).get();
 * }</pre>
 */
public enum Compression {
  /** Gzip when the key ends in {@code .gz}, otherwise none. */
  AUTO,
  /** Read the bytes as stored. */
  NONE,
  /** Every object is gzip (one or more concatenated members). */
  GZIP;

  /** Whether an object with this key is gzip under this setting. */
  public boolean isGzip(String key) {
    return this == GZIP || (this == AUTO && key.endsWith(".gz"));
  }
}
