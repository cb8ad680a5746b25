package org.aidmp.io.csv;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Where a sink's bytes go: a file that appears only when complete (written to a temp file in the
 * same folder, synced, then renamed over the target), or a caller's stream. Optionally gzipped.
 */
final class OutputTarget {
  private static final int BUFFER = 1 << 16;

  private final String description;
  private final Path target;
  private final Path temp;
  private final FileOutputStream file;
  private final OutputStream raw;
  private final OutputStream out;
  private boolean done;

  private OutputTarget(
      String description,
      Path target,
      Path temp,
      FileOutputStream file,
      OutputStream raw,
      boolean gzip)
      throws IOException {
    this.description = description;
    this.target = target;
    this.temp = temp;
    this.file = file;
    this.raw = raw;
    this.out = gzip ? new GZIPOutputStream(raw, BUFFER) : raw;
  }

  /** Whether a path's name asks for gzip under {@link Compression#AUTO}. */
  static boolean gzipByName(Path path, Compression compression) {
    return switch (compression) {
      case GZIP -> true;
      case NONE -> false;
      case AUTO ->
          path.getFileName() != null
              && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    };
  }

  static OutputTarget file(Path target, Compression compression) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    FileOutputStream file = null;
    try {
      file = new FileOutputStream(temp.toFile());
      return new OutputTarget(
          target.toString(),
          abs,
          temp,
          file,
          new BufferedOutputStream(file, BUFFER),
          gzipByName(target, compression));
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        try {
          file.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  static OutputTarget stream(String description, OutputStream out, Compression compression)
      throws IOException {
    return new OutputTarget(
        description,
        null,
        null,
        null,
        new BufferedOutputStream(out, BUFFER),
        compression == Compression.GZIP);
  }

  String description() {
    return description;
  }

  OutputStream stream() {
    return out;
  }

  /** Completes the output: ends the gzip stream, syncs and publishes the file. */
  void commit() throws IOException {
    if (done) {
      return;
    }
    done = true;
    boolean published = false;
    try {
      if (out instanceof GZIPOutputStream gz) {
        gz.finish();
      }
      out.flush();
      if (file != null) {
        // the rename must not become visible before the data it names is on disk
        file.getFD().sync();
      }
      out.close();
      if (temp != null) {
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      published = true;
    } finally {
      if (!published) {
        discard();
      }
    }
  }

  /** Drops the output: the temp file is deleted and the target left as it was. */
  void abort() {
    if (done) {
      return;
    }
    done = true;
    discard();
  }

  private void discard() {
    try {
      raw.close();
    } catch (IOException ignored) {
      // the output is being thrown away; a failed close changes nothing
    }
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // best effort: a stray temp file is named after the target and ends in .tmp
      }
    }
  }
}
