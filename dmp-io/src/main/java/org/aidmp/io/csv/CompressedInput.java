package org.aidmp.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * How a source's bytes become text bytes: gzip found by setting, by the file name or by its magic
 * number, and then capped in how far it may expand; and how large the input is, for progress.
 */
final class CompressedInput {
  private final String description;
  private final Path path;
  private final Compression compression;
  private final double maxExpansionRatio;
  private final long knownSize;

  /**
   * @param path the file, or null for a stream
   * @param knownSize the size the caller knows, or -1
   */
  CompressedInput(
      String description,
      Path path,
      Compression compression,
      double maxExpansionRatio,
      long knownSize) {
    this.description = description;
    this.path = path;
    this.compression = compression;
    this.maxExpansionRatio = maxExpansionRatio;
    this.knownSize = knownSize;
  }

  static void closeQuietly(InputStream in, Throwable failure) {
    try {
      in.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** The size of the raw input in bytes, or -1 when unknown. */
  long totalBytes() {
    if (knownSize >= 0) {
      return knownSize;
    }
    if (path != null) {
      try {
        return Files.size(path);
      } catch (IOException e) {
        return -1; // the open that follows reports the real problem
      }
    }
    return -1;
  }

  /** {@code in} itself, or gunzipped under the expansion cap. */
  InputStream decompress(InputStream in) throws IOException {
    boolean gzip;
    switch (compression) {
      case GZIP -> gzip = true;
      case NONE -> gzip = false;
      default -> {
        if (path != null
            && path.getFileName() != null
            && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
          gzip = true;
        } else {
          PushbackInputStream peek = new PushbackInputStream(in, 2);
          byte[] magic = new byte[2];
          int n = peek.readNBytes(magic, 0, 2);
          peek.unread(magic, 0, n);
          in = peek;
          gzip = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
      }
    }
    if (!gzip) {
      return in;
    }
    try {
      ExpansionCap.Counting compressed = new ExpansionCap.Counting(in);
      return new ExpansionCap.Capped(
          new GZIPInputStream(compressed, 1 << 16), compressed, maxExpansionRatio, description);
    } catch (java.util.zip.ZipException e) {
      throw new IOException(
          "not gzip data (" + e.getMessage() + "); use Compression.NONE or AUTO for plain text", e);
    }
  }
}
