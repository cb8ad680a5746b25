package org.aidmp.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aidmp.io.internal.compress.GzipInput;

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
    return switch (compression) {
      case NONE -> in;
      case GZIP -> GzipInput.gunzip(in, maxExpansionRatio, description);
      case AUTO -> GzipInput.detect(in, path, maxExpansionRatio, description);
    };
  }
}
