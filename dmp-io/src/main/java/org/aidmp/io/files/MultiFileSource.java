package org.aidmp.io.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.ColumnType;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.io.csv.Compression;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.progress.ProgressListener;

/**
 * Records from many files read as one source, local files or objects in a bucket, file after file
 * in the {@link FileSet}'s stable order, each parsed by a per-file {@link FileFormat} (CSV by
 * default).
 *
 * <pre>{@code
 * MultiFileSource days = MultiFileSource.builder(FileSet.glob(Path.of("retail"), "2011-*.csv"))
 *     .setFormat(MultiFileSource.csv(csv -> csv
 *         .setBadRecordPolicy(BadRecordPolicy.QUARANTINE).setQuarantine(rejected)))
 *     .setFileColumn("file")
 *     .get();
 * try (MultiFileSource.FilesIterator it = days.iterator()) {
 *   while (it.hasNext()) { process(it.next()); }
 *   ReadCounts total = it.counts();   // read = accepted + quarantined + skipped
 * }
 * }</pre>
 *
 * <p>Objects in a bucket are read the same way, with the same order, counts and read log:
 *
 * <pre>{@code
 * MultiFileSource remote =
 *     MultiFileSource.builder(S3Source.files(s3, "s3://acme-events/retail/2011-*.csv"))
 *         .setFileColumn("file")
 *         .get();
 * }</pre>
 *
 * <p><b>Origins and the file column.</b> Each record keeps the {@link org.aidmp.data.Origin} its
 * file's format gave it, which for the built-in formats is the file's {@linkplain
 * InputFile#location() location} (its path, or {@code s3://bucket/key}) and the line. With {@link
 * Builder#setFileColumn} each record also gets a {@code STRING} column, appended last, holding the
 * file's {@linkplain InputFile#name() name} (the last element of its path or key).
 *
 * <p><b>Counts.</b> For every file and in total, read = accepted + quarantined + skipped; accepted
 * rows are counted here, quarantined and skipped ones are asked of each file's source ({@link
 * Source#quarantinedRows()}, {@link Source#skippedRows()}: the CSV and JSON Lines sources count
 * their own rejections).
 *
 * <p><b>Resuming.</b> With a {@link FileReadLog}, files the log holds are left out of every pass,
 * and a file is entered into the log only when the consumer calls {@link #acknowledge} after the
 * file was read whole, typically from the {@link FileListener} once its own state for that file is
 * durable. A crash between the last record of a file and its acknowledgement leaves the file to be
 * read again. An object in a bucket is known to the log by its address, size and entity tag, so a
 * rewritten object is read again.
 *
 * <p><b>Failures.</b> A file that cannot be read to its end (a local read error, an object whose
 * connection stays cut after the allowed resumes, a broken gzip stream) stops the pass with an
 * error naming it; it is not entered into the log, so the next run reads it again, whole.
 *
 * <p>All files must have one schema; a file whose schema differs stops the read with an error
 * naming it. Instances are thread-safe; each iterator is for one thread.
 */
public final class MultiFileSource implements Source {
  /** Turns one file into records. */
  @FunctionalInterface
  public interface FileFormat {
    /** A source over one file; its description should name the file's location. */
    Source open(InputFile file);
  }

  /** Told, on the reading thread, each time a file has been read whole. */
  @FunctionalInterface
  public interface FileListener {
    /**
     * A file was read to its end.
     *
     * @param file the file as the {@link FileSet} gave it
     * @param counts the rows of that file
     */
    void fileRead(InputFile file, ReadCounts counts);
  }

  private final FileSet files;
  private final FileFormat format;
  private final String fileColumn;
  private final FileReadLog readLog;
  private final FileListener listener;
  private final ProgressListener progress;
  private final Map<String, FileRef> readWhole = new ConcurrentHashMap<>();
  private volatile Schema schema;
  private volatile FilesIterator latest;

  private MultiFileSource(Builder b) {
    this.files = b.files;
    this.format = b.format;
    this.fileColumn = b.fileColumn;
    this.readLog = b.readLog;
    this.listener = b.listener;
    this.progress = b.progress;
  }

  /** A builder reading the files of {@code files}. */
  public static Builder builder(FileSet files) {
    return new Builder(Objects.requireNonNull(files, "files"));
  }

  /**
   * Files as CSV, configured by {@code options} (schema, delimiter, bad-record policy...). A local
   * file is read by path (the CSV source gunzips {@code .gz} itself); an object is read from its
   * stream, already gunzipped, so the CSV source's own decompression is switched off.
   */
  public static FileFormat csv(UnaryOperator<CsvSource.Builder> options) {
    Objects.requireNonNull(options, "options");
    return file -> {
      Optional<Path> local = file.localPath();
      if (local.isPresent()) {
        return options.apply(CsvSource.builder(local.get())).get();
      }
      return options
          .apply(CsvSource.builder(file.location(), file::open))
          .setCompression(Compression.NONE)
          .get();
    };
  }

  /** The files the read log does not yet hold, in order (all of them without a log). */
  public List<InputFile> pending() {
    List<InputFile> all = files.resolve();
    if (readLog == null) {
      return all;
    }
    List<InputFile> out = new ArrayList<>(all.size());
    for (InputFile f : all) {
      if (!readLog.contains(FileRef.of(f))) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Records in the read log that the consumer is done with {@code file}, so later passes and
   * resumed runs leave it out. Call it once the consumer's state for the file is durable.
   *
   * @param file a file this source has read whole, as the {@link FileSet} or listener gave it
   * @throws IllegalStateException if no read log is set or the file was not read whole
   */
  public void acknowledge(InputFile file) {
    Objects.requireNonNull(file, "file");
    if (readLog == null) {
      throw new IllegalStateException(
          "no read log to record " + file + " in; call setReadLog(...) on the builder");
    }
    FileRef ref = readWhole.get(file.location());
    if (ref == null) {
      throw new IllegalStateException(
          file
              + " has not been read to its end by this source; acknowledge a file only after its"
              + " last record (see FileListener)");
    }
    readLog.markDone(ref);
  }

  /**
   * The schema of the first file (with the file column, if set); every file must share it.
   *
   * @throws IllegalStateException if the set holds no file
   */
  @Override
  public Schema schema() {
    Schema s = schema;
    if (s == null) {
      List<InputFile> all = files.resolve();
      if (all.isEmpty()) {
        throw new IllegalStateException("no file in " + files + "; check the folder and the glob");
      }
      s = withFileColumn(format.open(all.get(0)).schema());
      schema = s;
    }
    return s;
  }

  private Schema withFileColumn(Schema fileSchema) {
    if (fileColumn == null) {
      return fileSchema;
    }
    if (fileSchema.contains(fileColumn)) {
      throw new IllegalStateException(
          "the files already have a column '"
              + fileColumn
              + "'; pick another name for the file column");
    }
    return fileSchema.toBuilder().add(fileColumn, ColumnType.STRING).build();
  }

  /** The file set. */
  @Override
  public String description() {
    return files.toString();
  }

  /** A pass over the pending files. */
  @Override
  public FilesIterator iterator() {
    FilesIterator it = new FilesIterator(pending());
    latest = it;
    return it;
  }

  /** The counts of the most recent pass (live while it runs); empty before the first. */
  public ReadCounts counts() {
    FilesIterator it = latest;
    return it == null ? ReadCounts.EMPTY : it.counts();
  }

  @Override
  public long quarantinedRows() {
    return counts().quarantined();
  }

  @Override
  public long skippedRows() {
    return counts().skipped();
  }

  @Override
  public String toString() {
    return "MultiFileSource[" + description() + "]";
  }

  /** One pass over the files, with per-file and total counts. Not thread-safe. */
  public final class FilesIterator implements CloseableIterator<Record> {
    private final List<InputFile> pending;
    private final Map<InputFile, ReadCounts> perFile = new LinkedHashMap<>();
    private int nextFile;
    private InputFile current;
    private Source currentSource;
    private CloseableIterator<Record> records;
    private Schema outSchema;
    private String fileName;
    private long accepted;
    private volatile ReadCounts total = ReadCounts.EMPTY;
    private boolean closed;

    private FilesIterator(List<InputFile> pending) {
      this.pending = pending;
    }

    @Override
    public boolean hasNext() {
      while (!closed) {
        if (records != null) {
          boolean more;
          try {
            more = records.hasNext();
          } catch (RuntimeException e) {
            close();
            throw e;
          }
          if (more) {
            return true;
          }
          finishCurrent();
        }
        if (nextFile >= pending.size()) {
          close();
          return false;
        }
        startNext();
      }
      return false;
    }

    private void startNext() {
      current = pending.get(nextFile++);
      accepted = 0;
      try {
        currentSource = format.open(current);
        records = currentSource.iterator();
        Schema fileSchema = withFileColumn(currentSource.schema());
        Schema first = schema;
        if (first == null) {
          schema = fileSchema;
          first = fileSchema;
        } else if (!first.equals(fileSchema)) {
          throw new IllegalStateException(
              current.location()
                  + " has schema "
                  + fileSchema
                  + " but the files before it have "
                  + first
                  + "; give files of one layout or narrow the file set");
        }
        outSchema = first;
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      fileName = current.name();
    }

    private ReadCounts fileCounts() {
      long q = currentSource.quarantinedRows();
      long s = currentSource.skippedRows();
      return new ReadCounts(accepted + q + s, accepted, q, s);
    }

    private void finishCurrent() {
      records.close();
      ReadCounts c = fileCounts();
      perFile.put(current, c);
      total = total.plus(c);
      readWhole.put(current.location(), FileRef.of(current));
      InputFile done = current;
      records = null;
      currentSource = null;
      current = null;
      progress.onProgress("read " + description(), nextFile, pending.size());
      if (listener != null) {
        listener.fileRead(done, c);
      }
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more records in " + description());
      }
      Record r;
      try {
        r = records.next();
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      accepted++;
      if (fileColumn == null) {
        return r;
      }
      int n = r.size();
      Object[] values = new Object[n + 1];
      for (int i = 0; i < n; i++) {
        values[i] = r.get(i);
      }
      values[n] = fileName;
      return r.reshape(outSchema, values);
    }

    /** The counts of the files read whole so far, by file, in reading order. */
    public Map<InputFile, ReadCounts> perFile() {
      return Collections.unmodifiableMap(new LinkedHashMap<>(perFile));
    }

    /** The totals so far, the file being read included; any thread may call it. */
    public ReadCounts counts() {
      ReadCounts t = total;
      Source s = currentSource;
      if (s == null) {
        return t;
      }
      long q = s.quarantinedRows();
      long sk = s.skippedRows();
      return t.plus(new ReadCounts(accepted + q + sk, accepted, q, sk));
    }

    /** The file being read, or {@code null} between files. */
    public InputFile currentFile() {
      return current;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (records != null) {
        records.close();
      }
    }
  }

  /** Options of a {@link MultiFileSource}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final FileSet files;
    private FileFormat format = csv(b -> b);
    private String fileColumn;
    private FileReadLog readLog;
    private FileListener listener;
    private ProgressListener progress = ProgressListener.NONE;

    private Builder(FileSet files) {
      this.files = files;
    }

    /** Turns a file into records (default: CSV with a header line, see {@link #csv}). */
    public Builder setFormat(FileFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** Appends a {@code STRING} column of this name holding each record's file name. */
    public Builder setFileColumn(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("file column name is blank; give it a name");
      }
      this.fileColumn = name;
      return this;
    }

    /** Leaves out the files the log holds; {@link #acknowledge} adds to it. */
    public Builder setReadLog(FileReadLog readLog) {
      this.readLog = Objects.requireNonNull(readLog, "readLog");
      return this;
    }

    /** Told after each file that was read whole, on the reading thread. */
    public Builder setFileListener(FileListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Told after each file, as files done of files pending. */
    public Builder setProgressListener(ProgressListener progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The source. */
    public MultiFileSource get() {
      return new MultiFileSource(this);
    }
  }
}
