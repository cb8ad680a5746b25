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
 * Which objects are done: read completely <em>and</em> acknowledged by the consumer as durable in
 * its own state, so that a run that crashes anywhere resumes without losing an object or counting
 * one twice.
 *
 * <pre>{@code
 * S3ReadLog log = S3ReadLog.open(Path.of("ingest.log"));   // what earlier runs acknowledged
 * ProfileStore store = restoreFromTheLastSnapshotOrEmpty();
 * for (Record r : S3Source.builder(s3).setBucket("events").setReadLog(log).get()) {
 *   store.accept(toEvent(r));
 * }
 * SnapshotWriter w = SnapshotWriter.create(snapshots);
 * w.writeProfiles(store);
 * w.commit();          // the store's state for every object delivered so far is durable
 * log.acknowledge();   // only now are those objects done
 * }</pre>
 *
 * <p>An object goes through two steps. {@link S3Source} calls {@link #markDelivered} when the last
 * record of an object was handed to the consumer (an object that fails midway is never delivered);
 * the object is then skipped by later passes of this process but not yet written down. The consumer
 * calls {@link #acknowledge()} once its state for every delivered object is durable (after a
 * snapshot, say); only then are those objects appended to the file and forced to disk. A crash
 * between delivery and acknowledgement loses the delivered state and the log entries together, so
 * the restarted run, restored from the snapshot, reads those objects again: ingestion is idempotent
 * per object.
 *
 * <p>A file-backed log appends one line per object and forces it to disk, so a crash loses at most
 * the line being written, which is then ignored. Keys are percent-encoded in the file. An object
 * counts as done when its bucket, key and entity tag match a line; a rewritten object (new entity
 * tag) is read again. Thread-safe.
 */
public final class S3ReadLog {
  private final Map<String, S3ObjectRef> read = new LinkedHashMap<>();
  private final Map<String, S3ObjectRef> delivered = new LinkedHashMap<>();
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

  /**
   * Whether this object (same bucket, key and entity tag) needs no reading by this process: it was
   * acknowledged, or delivered and awaiting acknowledgement.
   */
  public synchronized boolean contains(S3ObjectRef ref) {
    String id = id(ref);
    return read.containsKey(id) || delivered.containsKey(id);
  }

  /** Whether this object was acknowledged (and so is recorded in the file, if any). */
  public synchronized boolean isAcknowledged(S3ObjectRef ref) {
    return read.containsKey(id(ref));
  }

  /**
   * Notes that every record of {@code ref} was handed to the consumer; called by {@link S3Source}.
   * Nothing is written: the object is done only once {@link #acknowledge() acknowledged}.
   */
  public synchronized void markDelivered(S3ObjectRef ref) {
    String id = id(ref);
    if (!read.containsKey(id)) {
      delivered.putIfAbsent(id, ref);
    }
  }

  /** Objects delivered and not yet acknowledged, in delivery order. */
  public synchronized List<S3ObjectRef> unacknowledged() {
    return List.copyOf(delivered.values());
  }

  /**
   * Declares the consumer's state for every object delivered so far durable: records them all as
   * done, in the file (forced to disk) if the log has one.
   *
   * @return the objects acknowledged by this call
   * @throws UncheckedIOException if the log file cannot be written; the objects then stay
   *     unacknowledged
   */
  public synchronized List<S3ObjectRef> acknowledge() {
    List<S3ObjectRef> now = List.copyOf(delivered.values());
    StringBuilder lines = new StringBuilder();
    for (S3ObjectRef ref : now) {
      lines.append(line(ref));
    }
    write(lines.toString());
    for (S3ObjectRef ref : now) {
      read.put(id(ref), ref);
    }
    delivered.clear();
    return now;
  }

  /**
   * Records {@code ref} as done at once, delivered and acknowledged: for consumers that keep their
   * own durable state per object.
   *
   * @throws UncheckedIOException if the log file cannot be written
   */
  public synchronized void markRead(S3ObjectRef ref) {
    String id = id(ref);
    if (read.containsKey(id)) {
      return;
    }
    write(line(ref));
    read.put(id, ref);
    delivered.remove(id);
  }

  private static String line(S3ObjectRef ref) {
    return encode(ref.bucket())
        + "\t"
        + encode(ref.key())
        + "\t"
        + ref.size()
        + "\t"
        + (ref.eTag() == null ? "" : encode(ref.eTag()))
        + "\n";
  }

  private void write(String line) {
    if (file == null || line.isEmpty()) {
      return;
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        file.write(b);
      }
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": could not record objects as done", e);
    }
  }

  /** The objects done (acknowledged), in the order they were recorded. */
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
    return "S3ReadLog["
        + (path == null ? "memory" : path)
        + ", "
        + read.size()
        + " objects done, "
        + delivered.size()
        + " awaiting acknowledgement]";
  }
}
