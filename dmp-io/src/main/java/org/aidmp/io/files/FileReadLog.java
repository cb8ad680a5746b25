package org.aidmp.io.files;

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
 * Which files a consumer has finished with, local files and objects in a bucket alike, so that an
 * interrupted run resumes without reading a file twice or skipping one. A file is recorded only
 * when the consumer acknowledges it, after its own state for the file is durable; a crash between
 * reading a file and acknowledging it leaves the file unrecorded, so it is read again, whole, on
 * resume.
 *
 * <pre>{@code
 * FileReadLog log = FileReadLog.open(Path.of("ingest.log"));   // picks up what a previous run did
 * MultiFileSource days =
 *     MultiFileSource.builder(FileSet.folder(Path.of("days"))).setReadLog(log).get();
 * try (MultiFileSource.FilesIterator it = days.iterator()) {
 *   while (it.hasNext()) { store.add(it.next()); }
 *   store.flush();                                  // the consumer's state is durable
 *   it.perFile().keySet().forEach(days::acknowledge);
 * }
 * }</pre>
 *
 * <p>Two ways to acknowledge share one log. A {@link MultiFileSource} acknowledges one file at a
 * time ({@link MultiFileSource#acknowledge}, which calls {@link #markDone}). An {@code S3Source}
 * {@linkplain #markDelivered marks each object delivered} when the consumer took its last record; a
 * delivered object is skipped by later passes of this process but not yet written down, and the
 * consumer declares every delivered object done at once with {@link #acknowledge()} (after a
 * snapshot, say):
 *
 * <pre>{@code
 * FileReadLog log = FileReadLog.open(Path.of("ingest.log"));
 * for (Record r : S3Source.builder(s3).setBucket("events").setReadLog(log).get()) {
 *   store.accept(toEvent(r));
 * }
 * try (SnapshotWriter w = SnapshotWriter.create(snapshots)) {
 *   w.writeProfiles(store);
 *   w.commit();        // the store's state for every object delivered so far is durable
 * }
 * log.acknowledge();   // only now are those objects done
 * }</pre>
 *
 * <p>A file-backed log appends one line per file (percent-encoded location, size, version) and
 * forces it to disk, so a crash loses at most the line being written, which is then ignored. A file
 * counts as done when its location, size and version (modification time of a local file, entity tag
 * of an object in a bucket) match a line; a rewritten file is read again. Lines of the earlier
 * S3-only layout (bucket, key, size, entity tag) are read as the object {@code s3://bucket/key}.
 * Thread-safe.
 */
public final class FileReadLog implements AutoCloseable {
  private final Map<FileRef, Boolean> done = new LinkedHashMap<>();
  private final Map<FileRef, InputFile> delivered = new LinkedHashMap<>();
  private final FileChannel file;
  private final Path path;

  private FileReadLog(FileChannel file, Path path) {
    this.file = file;
    this.path = path;
  }

  /** A log held in memory only. */
  public static FileReadLog inMemory() {
    return new FileReadLog(null, null);
  }

  /**
   * A log kept in {@code file}: lines already there count as done, new ones are appended.
   *
   * @throws IOException if the file cannot be read, is not a read log, or cannot be opened
   */
  public static FileReadLog open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    // Anything after the last newline is a line cut short by a crash: not a record.
    int end = text.lastIndexOf('\n') + 1;
    List<FileRef> earlier = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.substring(0, end).split("\n")) {
      lineNo++;
      if (!line.isEmpty()) {
        earlier.add(parse(file, lineNo, line));
      }
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      ch.truncate(end);
      ch.position(ch.size());
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    FileReadLog log = new FileReadLog(ch, file);
    for (FileRef r : earlier) {
      log.done.put(r, Boolean.TRUE);
    }
    return log;
  }

  private static FileRef parse(Path file, int lineNo, String line) throws IOException {
    String[] f = line.split("\t", -1);
    if (f.length != 3 && f.length != 4) {
      throw new IOException(
          file
              + ", line "
              + lineNo
              + ": "
              + f.length
              + " fields, not 3; the file is not a file read log");
    }
    try {
      if (f.length == 4) {
        // The earlier S3-only layout: bucket, key, size, entity tag (empty if unknown).
        return new FileRef(
            "s3://" + decode(f[0]) + "/" + decode(f[1]), Long.parseLong(f[2]), decode(f[3]));
      }
      return new FileRef(decode(f[0]), Long.parseLong(f[1]), decode(f[2]));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          file + ", line " + lineNo + ": malformed; the file is not a file read log", e);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String line(FileRef ref) {
    return URLEncoder.encode(ref.location(), StandardCharsets.UTF_8)
        + "\t"
        + ref.size()
        + "\t"
        + URLEncoder.encode(ref.version(), StandardCharsets.UTF_8)
        + "\n";
  }

  /**
   * Whether this file, as listed (same location, size and version), needs no reading by this
   * process: it was recorded as done, or delivered and awaiting {@link #acknowledge()}.
   */
  public synchronized boolean contains(InputFile file) {
    FileRef ref = FileRef.of(file);
    return done.containsKey(ref) || delivered.containsKey(ref);
  }

  /** Whether this file was recorded as done (and so is in the log file, if any). */
  public synchronized boolean isDone(InputFile file) {
    return done.containsKey(FileRef.of(file));
  }

  /**
   * Records {@code file} (its location, size and version) as done at once; recording it again does
   * nothing. {@link MultiFileSource#acknowledge} calls it once a file was read whole; consumers
   * that keep their own durable state per file may call it directly.
   *
   * @throws UncheckedIOException if the log file cannot be written
   */
  public void markDone(InputFile file) {
    markDone(FileRef.of(file));
  }

  /**
   * Notes that every record of {@code file} was handed to the consumer; an {@code S3Source} calls
   * it with the last record of each object. Nothing is written: the file is done only once {@link
   * #acknowledge() acknowledged}.
   */
  public synchronized void markDelivered(InputFile file) {
    FileRef ref = FileRef.of(file);
    if (!done.containsKey(ref)) {
      delivered.putIfAbsent(ref, file);
    }
  }

  /** Files delivered and not yet acknowledged, in delivery order. */
  public synchronized List<InputFile> unacknowledged() {
    return List.copyOf(delivered.values());
  }

  /**
   * Declares the consumer's state for every file delivered so far durable: records them all as
   * done, in the file (forced to disk) if the log has one.
   *
   * @return the files acknowledged by this call
   * @throws UncheckedIOException if the log file cannot be written; the files then stay
   *     unacknowledged
   */
  public synchronized List<InputFile> acknowledge() {
    List<InputFile> now = List.copyOf(delivered.values());
    StringBuilder lines = new StringBuilder();
    for (FileRef ref : delivered.keySet()) {
      lines.append(line(ref));
    }
    write(lines.toString(), "could not record delivered files as done");
    for (FileRef ref : delivered.keySet()) {
      done.put(ref, Boolean.TRUE);
    }
    delivered.clear();
    return now;
  }

  /** The number of files recorded as done. */
  public synchronized int size() {
    return done.size();
  }

  /**
   * The locations of the files recorded as done (a path, or {@code s3://bucket/key}), in the order
   * they were recorded.
   */
  public synchronized List<String> locations() {
    List<String> out = new ArrayList<>(done.size());
    for (FileRef r : done.keySet()) {
      out.add(r.location());
    }
    return Collections.unmodifiableList(out);
  }

  synchronized boolean contains(FileRef ref) {
    return done.containsKey(ref) || delivered.containsKey(ref);
  }

  synchronized void markDone(FileRef ref) {
    Objects.requireNonNull(ref, "ref");
    if (done.putIfAbsent(ref, Boolean.TRUE) != null) {
      return;
    }
    try {
      write(line(ref), "could not record a finished file");
    } catch (UncheckedIOException e) {
      done.remove(ref);
      throw e;
    }
    delivered.remove(ref);
  }

  private void write(String lines, String what) {
    if (file == null || lines.isEmpty()) {
      return;
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        file.write(b);
      }
      file.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + what, e);
    }
  }

  /** The files recorded, in the order they were recorded. */
  synchronized List<FileRef> files() {
    return Collections.unmodifiableList(new ArrayList<>(done.keySet()));
  }

  /** Closes the log file, if any. */
  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }

  @Override
  public synchronized String toString() {
    return "FileReadLog["
        + (path == null ? "memory" : path)
        + ", "
        + done.size()
        + " files"
        + (delivered.isEmpty() ? "" : ", " + delivered.size() + " awaiting acknowledgement")
        + "]";
  }
}
