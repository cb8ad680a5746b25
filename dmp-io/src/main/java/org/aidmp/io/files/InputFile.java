package org.aidmp.io.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One named stream of bytes that a {@link MultiFileSource} reads as a file: a local file, as a
 * {@link FileSet} lists it, or an object in a bucket, as an {@code S3Source} lists it ({@code
 * S3Source.list()}, {@code head(key)}, {@code files()}), with its entity tag as version.
 *
 * <pre>{@code
 * for (InputFile f : FileSet.glob(Path.of("days"), "2011-*.csv").resolve()) {
 *   System.out.println(f.name() + " at " + f.location());
 * }
 * }</pre>
 *
 * <p>Two input files are equal when they have the same location, size and version; a {@link
 * FileReadLog} knows a file by these three. The library makes input files for local files and
 * objects; an implementation for another store must keep that equality and make {@link #location()}
 * name the file uniquely across stores (a URI with the store's scheme), and is handed to a {@link
 * MultiFileSource} through {@link FileSet#from}.
 */
public interface InputFile {
  /**
   * Where the file is, for origins, errors and the read log: the absolute path of a local file,
   * {@code s3://bucket/key} of an object. Holds no credentials.
   */
  String location();

  /** The file's name: the last element of its path or key, as the file column shows it. */
  String name();

  /** The size in bytes as stored (compressed, for {@code .gz}), as listed. */
  long size();

  /**
   * A version that changes when the file is rewritten, as listed: the last-modified time in
   * milliseconds since the epoch for a local file, the entity tag for an object; empty if the store
   * gives none. With the location and size, what a {@link FileReadLog} records.
   */
  String version();

  /**
   * A new stream over the file's content from its first byte, gzip already expanded when the name
   * ends in {@code .gz}. The caller closes it.
   *
   * @throws IOException naming the file if it cannot be opened
   */
  InputStream open() throws IOException;

  /**
   * The file on the local file system, for formats that read by path (random access, a size for
   * progress, their own decompression); empty for a file in a remote store.
   */
  default Optional<Path> localPath() {
    return Optional.empty();
  }
}
