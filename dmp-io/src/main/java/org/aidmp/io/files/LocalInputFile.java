package org.aidmp.io.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** A file on the local file system, as a {@link FileSet} lists it. */
final class LocalInputFile implements InputFile {
  private final Path path;
  private final FileRef ref;

  LocalInputFile(Path path) {
    this.path = path;
    this.ref = FileRef.of(path);
  }

  @Override
  public String location() {
    return ref.location();
  }

  @Override
  public String name() {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  @Override
  public long size() {
    return ref.size();
  }

  @Override
  public String version() {
    return ref.version();
  }

  @Override
  public InputStream open() throws IOException {
    InputStream in = Files.newInputStream(path);
    if (!name().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return in;
    }
    try {
      return new GZIPInputStream(in, 1 << 16);
    } catch (IOException e) {
      in.close();
      throw new IOException(path + ": not gzip data (" + e.getMessage() + ")", e);
    }
  }

  /** The path as the {@link FileSet} gave it. */
  @Override
  public Optional<Path> localPath() {
    return Optional.of(path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalInputFile f && f.ref.equals(ref);
  }

  @Override
  public int hashCode() {
    return ref.hashCode();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
