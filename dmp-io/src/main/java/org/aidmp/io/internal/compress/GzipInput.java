package org.aidmp.io.internal.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Gzip detection and expansion for the CSV and JSON Lines sources, in one place. A source maps its
 * compression setting onto {@link #gunzip} (always) or {@link #detect} (by name, then by content).
 * Internal.
 */
public final class GzipInput {
  /** Bytes buffered by the decoder: large enough to amortise calls into the inflater. */
  private static final int BUFFER_BYTES = 1 << 16;

  private GzipInput() {}

  /**
   * Whether the input is gzip, decided by the file's name ({@code .gz}) when there is one, and
   * otherwise by the first two bytes ({@code 1f 8b}): UTF-8 text cannot start with them, and in
   * other charsets they would be a control character first, which no real text file has.
   *
   * @param in the raw bytes, from their start
   * @param path the file the bytes come from, or {@code null} for a stream
   * @param maxExpansionRatio see {@link #gunzip}
   * @param description names the input in errors
   * @return {@code in} (or a stream that replays the two bytes peeked) or its expansion
   */
  public static InputStream detect(
      InputStream in, Path path, double maxExpansionRatio, String description) throws IOException {
    if (path != null
        && path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return gunzip(in, maxExpansionRatio, description);
    }
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] magic = new byte[2];
    int n = peek.readNBytes(magic, 0, 2);
    peek.unread(magic, 0, n);
    boolean gzip = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    return gzip ? gunzip(peek, maxExpansionRatio, description) : peek;
  }

  /**
   * The expansion of gzip bytes. Decoded bytes may not exceed {@code maxExpansionRatio} times the
   * compressed bytes read so far (plus 1 MiB, as tiny inputs compress very well); an infinite ratio
   * sets no cap.
   *
   * @throws IOException if the bytes do not start as gzip data
   */
  public static InputStream gunzip(InputStream in, double maxExpansionRatio, String description)
      throws IOException {
    try {
      if (Double.isInfinite(maxExpansionRatio)) {
        return new GZIPInputStream(in, BUFFER_BYTES);
      }
      ExpansionCap.Counting compressed = new ExpansionCap.Counting(in);
      return new ExpansionCap.Capped(
          new GZIPInputStream(compressed, BUFFER_BYTES),
          compressed,
          maxExpansionRatio,
          description);
    } catch (ZipException e) {
      throw new IOException(
          "not gzip data (" + e.getMessage() + "); use Compression.NONE or AUTO for plain text", e);
    }
  }
}
