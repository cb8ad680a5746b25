package org.aidmp.io.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One file as a {@link FileReadLog} knows it: its absolute path, size and modification time, so
 * that a file rewritten since it was read counts as new.
 *
 * @param path the absolute, normalised path
 * @param size the size in bytes
 * @param modifiedMillis the last-modified time in milliseconds since the epoch
 */
public record FileRef(Path path, long size, long modifiedMillis) {
  /** Checks the arguments and normalises the path. */
  public FileRef {
    Objects.requireNonNull(path, "path");
    path = path.toAbsolutePath().normalize();
    if (size < 0) {
      throw new IllegalArgumentException("size (" + size + ") is negative");
    }
  }

  /**
   * The file as it is on disk now.
   *
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  public static FileRef of(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileRef(file, a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attributes of " + file, e);
    }
  }
}
