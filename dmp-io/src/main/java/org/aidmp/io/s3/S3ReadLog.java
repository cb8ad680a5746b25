package org.aidmp.io.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which objects a run has read completely, so that an interrupted run can resume without reading an
 * object twice or skipping one. An object is recorded only after its last byte was delivered and
 * checked; one cut off midway is not recorded and is read again, whole, on resume.
 *
 * <pre>{@code
 * S3ReadLog log = S3ReadLog.open(Path.of("ingest.log"));   // picks up what a previous run read
 * Source events = S3Source.builder(s3).setBucket("events").setReadLog(log)...get();
 * }</pre>
 *
 * <p>A file-backed log appends one line per object and forces it to disk, so a crash loses at most
 * the line being written, which is then ignored. Keys are percent-encoded in the file. An object
 * counts as already read when its bucket, key and entity tag match a line; a rewritten object (new
 * entity tag) is read again. Thread-safe.
 */
public final class S3ReadLog {
  private final Map<String, S3ObjectRef> read = new LinkedHashMap<>();
  private final FileChannel file;
  private final Path path;

  private S3ReadLog(FileChannel file, Path path) {
    this.file = file;
    this.path = path;
  }

  /** A log held in memory only. */
  public static S3ReadLog inMemory() {
    return new S3ReadLog(null, null);
  }

  /**
   * A log kept in {@code file}: lines already there count as read, new ones are appended.
   *
   * @throws IOException if the file cannot be read or opened for appending
   */
  public static S3ReadLog open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    List<S3ObjectRef> earlier = new ArrayList<>();
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      // Anything after the last newline is a line cut short by a crash: not a record.
      for (String line : text.substring(0, end + 1).split("\n")) {
        if (!line.isEmpty()) {
          earlier.add(parse(file, line));
        }
      }
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long size = ch.size();
    String text = size == 0 ? "" : Files.readString(file, StandardCharsets.UTF_8);
    ch.truncate(text.lastIndexOf('\n') + 1L);
    ch.position(ch.size());
    S3ReadLog log = new S3ReadLog(ch, file);
    for (S3ObjectRef r : earlier) {
      log.read.put(id(r), r);
    }
    return log;
  }

  private static S3ObjectRef parse(Path file, String line) throws IOException {
    String[] f = line.split("\t", -1);
    if (f.length != 4) {
      throw new IOException(
          file + ": a line has " + f.length + " fields, not 4; the file is not an S3 read log");
    }
    try {
      return new S3ObjectRef(
          decode(f[0]), decode(f[1]), Long.parseLong(f[2]), f[3].isEmpty() ? null : decode(f[3]));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": a line is malformed; the file is not an S3 read log", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String id(S3ObjectRef r) {
    return r.bucket() + "\u0000" + r.key() + "\u0000" + r.eTag();
  }

  /** Whether this object (same bucket, key and entity tag) was read completely. */
  public synchronized boolean contains(S3ObjectRef ref) {
    return read.containsKey(id(ref));
  }

  /**
   * Records that {@code ref} was read completely; called by {@link S3Source}.
   *
   * @throws UncheckedIOException if the log file cannot be written
   */
  public synchronized void markRead(S3ObjectRef ref) {
    if (read.putIfAbsent(id(ref), ref) != null || file == null) {
      return;
    }
    String line =
        encode(ref.bucket())
            + "\t"
            + encode(ref.key())
            + "\t"
            + ref.size()
            + "\t"
            + (ref.eTag() == null ? "" : encode(ref.eTag()))
            + "\n";
    try {
      ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        file.write(b);
      }
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": could not record a read object", e);
    }
  }

  /** The objects read completely, in the order they were recorded. */
  public synchronized List<S3ObjectRef> objects() {
    return Collections.unmodifiableList(new ArrayList<>(read.values()));
  }

  /** Closes the log file, if any. */
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  @Override
  public synchronized String toString() {
    return "S3ReadLog[" + (path == null ? "memory" : path) + ", " + read.size() + " objects]";
  }
}
