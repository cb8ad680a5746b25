package org.aidmp.io.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * One file as a {@link FileReadLog} records it: where it is, its size and a version that changes
 * when the file is rewritten, so that a file rewritten since it was read counts as new. Internal:
 * users see these as an {@link InputFile}'s location, size and version.
 *
 * @param location the absolute, normalised path of a local file, or {@code s3://bucket/key}
 * @param size the size in bytes as stored
 * @param version the last-modified time in milliseconds since the epoch for a local file, the
 *     entity tag for an object; empty if the store gives none
 */
record FileRef(String location, long size, String version) {
  /** Checks the arguments. */
  public FileRef {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(version, "version");
    if (location.isEmpty()) {
      throw new IllegalArgumentException("location is empty; give a path or s3://bucket/key");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size (" + size + ") is negative");
    }
  }

  /**
   * The local file as it is on disk now: its absolute, normalised path, size and modification time.
   *
   * @throws UncheckedIOException naming the file if it cannot be read
   */
  static FileRef of(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileRef(
          file.toAbsolutePath().normalize().toString(),
          a.size(),
          Long.toString(a.lastModifiedTime().toMillis()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the attributes of " + file, e);
    }
  }

  /** The identity of an input file as listed: its location, size and version. */
  static FileRef of(InputFile file) {
    return new FileRef(file.location(), file.size(), file.version());
  }
}
