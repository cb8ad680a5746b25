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
 * Which files a consumer has finished with, so that an interrupted run resumes without reading a
 * file twice or skipping one. A file is recorded only when the consumer {@linkplain
 * MultiFileSource#acknowledge acknowledges} it, after its own state for the file is durable; a
 * crash between reading a file and acknowledging it leaves the file unrecorded, so it is read
 * again, whole, on resume.
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
 * <p>A file-backed log appends one line per file and forces it to disk, so a crash loses at most
 * the line being written, which is then ignored. A file counts as done when its location, size and
 * version (modification time of a local file, entity tag of an object in a bucket) match a line; a
 * rewritten file is read again. Local files and objects may share one log. Thread-safe.
 */
public final class FileReadLog implements AutoCloseable {
  private final Map<FileRef, Boolean> done = new LinkedHashMap<>();
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
    if (f.length != 3) {
      throw new IOException(
          file
              + ", line "
              + lineNo
              + ": "
              + f.length
              + " fields, not 3; the file is not a file read log");
    }
    try {
      return new FileRef(
          URLDecoder.decode(f[0], StandardCharsets.UTF_8),
          Long.parseLong(f[1]),
          URLDecoder.decode(f[2], StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          file + ", line " + lineNo + ": malformed; the file is not a file read log", e);
    }
  }

  /** Whether this file, as listed (same location, size and version), was recorded. */
  public boolean contains(InputFile file) {
    return contains(FileRef.of(file));
  }

  /**
   * Records {@code file} (its location, size and version) as done; recording it again does nothing.
   * {@link MultiFileSource#acknowledge} calls it once a file was read whole.
   *
   * @throws UncheckedIOException if the log file cannot be written
   */
  public void markDone(InputFile file) {
    markDone(FileRef.of(file));
  }

  /** The number of files recorded. */
  public synchronized int size() {
    return done.size();
  }

  synchronized boolean contains(FileRef ref) {
    return done.containsKey(ref);
  }

  synchronized void markDone(FileRef ref) {
    Objects.requireNonNull(ref, "ref");
    if (done.putIfAbsent(ref, Boolean.TRUE) != null || file == null) {
      return;
    }
    String line =
        URLEncoder.encode(ref.location(), StandardCharsets.UTF_8)
            + "\t"
            + ref.size()
            + "\t"
            + URLEncoder.encode(ref.version(), StandardCharsets.UTF_8)
            + "\n";
    try {
      ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        file.write(b);
      }
      file.force(false);
    } catch (IOException e) {
      done.remove(ref);
      throw new UncheckedIOException(path + ": could not record a finished file", e);
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
    return "FileReadLog[" + (path == null ? "memory" : path) + ", " + done.size() + " files]";
  }
}
