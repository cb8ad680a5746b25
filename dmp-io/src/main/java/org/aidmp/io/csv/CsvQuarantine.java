package org.aidmp.io.csv;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A {@link Quarantine} that streams rejected rows to a CSV file as they arrive, so a run with
 * millions of bad rows keeps none of them in memory.
 *
 * <pre>{@code
 * try (CsvQuarantine rejects = CsvQuarantine.open(Path.of("rejects.csv"))) {
 *   CsvSource events = CsvSource.builder(Path.of("events.csv"))
 *       .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
 *       .setQuarantine(rejects)
 *       .get();
 *   events.forEach(this::process);
 * }
 * }</pre>
 *
 * <p>Each line holds {@code source, line, column, rule, reason} and then the row's raw fields, one
 * per column from the sixth on, so lines differ in width; the header names the five fixed columns
 * and calls the rest {@code fields}. A line of 0 and an empty column mean unknown and whole row.
 * UTF-8, CRLF line endings, RFC 4180 quoting.
 *
 * <p>A file is written to a temporary file and renamed into place by {@link #close()}, like {@link
 * CsvSink}. {@link #accept} is synchronized, so sources read on several threads may share one
 * quarantine.
 *
 * <p><b>Erasure.</b> A file quarantine is a part of the user state ({@link Quarantine.Erasable}):
 * once closed, {@link #forget} and {@link #forgetRows} rewrite the file without the rows that
 * mention the user (any raw field equal to the id), through a temporary file renamed over the old
 * one, so a crash leaves either the old file or the new one. A pipeline result lists it among its
 * parts, so its one-call forget reaches the file. While the quarantine is still open (rows may
 * still arrive) and for a quarantine written to a caller's stream, erasure fails: close it first.
 */
public final class CsvQuarantine implements Quarantine.Erasable, AutoCloseable {
  /** The header line's names. */
  public static final List<String> HEADER =
      List.of("source", "line", "column", "rule", "reason", "fields");

  private final OutputTarget target;
  private final Path file;
  private final CSVPrinter printer;
  private long count;
  private long maxRows = Long.MAX_VALUE;
  private boolean closed;

  private CsvQuarantine(OutputTarget target, Path file) throws IOException {
    this.target = target;
    this.file = file;
    try {
      // rows end up here because something is wrong with them: an unpaired surrogate in one must
      // not stop the run, so it is replaced here (unlike in CsvSink, where it fails the write)
      OutputStreamWriter writer =
          new OutputStreamWriter(
              target.stream(),
              StandardCharsets.UTF_8
                  .newEncoder()
                  .onMalformedInput(CodingErrorAction.REPLACE)
                  .onUnmappableCharacter(CodingErrorAction.REPLACE));
      printer = new CSVPrinter(new BufferedWriter(writer, 1 << 14), CSVFormat.RFC4180);
      printer.printRecord(HEADER);
    } catch (IOException | RuntimeException e) {
      target.abort();
      throw e;
    }
  }

  /**
   * A quarantine writing to a file, which appears when the quarantine is closed; a name ending in
   * {@code .gz} is gzipped.
   *
   * @throws UncheckedIOException if the file cannot be created
   */
  public static CsvQuarantine open(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      return new CsvQuarantine(OutputTarget.file(path, Compression.AUTO), path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open quarantine file " + path, e);
    }
  }

  /**
   * A quarantine writing to {@code out}, which {@link #close()} closes.
   *
   * @param description where the bytes go, for error messages
   * @param out the stream
   */
  public static CsvQuarantine to(String description, OutputStream out) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(out, "out");
    try {
      return new CsvQuarantine(OutputTarget.stream(description, out, Compression.NONE), null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write quarantine to " + description, e);
    }
  }

  /**
   * Writes one rejected row.
   *
   * @throws IllegalStateException if the quarantine is closed
   * @throws UncheckedIOException if writing fails; the output is then discarded
   */
  @Override
  public synchronized void accept(QuarantinedRecord record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      throw new IllegalStateException(
          "the quarantine "
              + target.description()
              + " is closed; rows rejected after the run"
              + " ended would be lost");
    }
    if (count >= maxRows) {
      throw new IllegalStateException(
          "the quarantine "
              + target.description()
              + " is full ("
              + maxRows
              + " rows, its cap); so many bad rows point to a wrong schema or format: fix the"
              + " input, or raise the cap with limitRows");
    }
    List<Object> line = new ArrayList<>(5 + record.fields().size());
    line.add(record.source());
    line.add(record.line());
    line.add(record.column() == null ? "" : record.column());
    line.add(record.rule());
    line.add(record.reason());
    line.addAll(record.fields());
    try {
      printer.printRecord(line);
      count++;
    } catch (IOException e) {
      closed = true;
      target.abort();
      throw new UncheckedIOException(
          "writing to the quarantine " + target.description() + " failed", e);
    }
  }

  /**
   * Caps the rows this quarantine takes (default: no cap); the row after the last one allowed fails
   * with an {@link IllegalStateException}, which ends the run, rather than filling the disk.
   *
   * @return this quarantine
   */
  public synchronized CsvQuarantine limitRows(long maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows (" + maxRows + ") must be at least 1");
    }
    this.maxRows = maxRows;
    return this;
  }

  /** How many rows the quarantine holds: rows quarantined, less rows forgotten. */
  public synchronized long count() {
    return count;
  }

  /** Part name {@code "quarantine"}. */
  @Override
  public String partName() {
    return "quarantine";
  }

  /**
   * Rewrites the closed file without the rows in which any raw field (from the sixth column on),
   * stripped of surrounding blanks, satisfies {@code mentions}; the fixed columns (source, line,
   * column, rule, reason) hold no values and are not looked at. A gzipped file stays gzipped.
   *
   * @return the number of rows dropped
   * @throws IllegalStateException if the quarantine is still open or writes to a stream
   * @throws UncheckedIOException if the file cannot be read or rewritten; it is then unchanged
   */
  @Override
  public synchronized long forgetRows(Predicate<String> mentions) {
    Objects.requireNonNull(mentions, "mentions");
    Path f = publishedFile();
    if (!Files.exists(f)) {
      return 0; // closed after a failed write: nothing was published
    }
    long dropped = 0;
    OutputTarget out = null;
    try (Reader in = reader(f);
        CSVParser rows = CSVFormat.RFC4180.parse(in)) {
      out = OutputTarget.file(f, Compression.AUTO);
      CSVPrinter kept =
          new CSVPrinter(
              new BufferedWriter(new OutputStreamWriter(out.stream(), StandardCharsets.UTF_8)),
              CSVFormat.RFC4180);
      boolean header = true;
      for (CSVRecord r : rows) {
        if (!header && mentions(r, mentions)) {
          dropped++;
        } else {
          kept.printRecord(r);
        }
        header = false;
      }
      kept.flush();
      out.commit();
    } catch (IOException e) {
      if (out != null) {
        out.abort();
      }
      throw new UncheckedIOException("rewriting the quarantine " + f + " failed", e);
    }
    count -= Math.min(dropped, count);
    return dropped;
  }

  private static boolean mentions(CSVRecord r, Predicate<String> mentions) {
    for (int i = HEADER.size() - 1; i < r.size(); i++) {
      if (mentions.test(r.get(i).strip())) {
        return true;
      }
    }
    return false;
  }

  private Path publishedFile() {
    if (file == null) {
      throw new IllegalStateException(
          "the quarantine "
              + target.description()
              + " writes to a stream, which cannot be rewritten; quarantine to a file to be able"
              + " to forget users in it");
    }
    if (!closed) {
      throw new IllegalStateException(
          "the quarantine "
              + target.description()
              + " is still open; close it (rows may still arrive) before forgetting users in it");
    }
    return file;
  }

  private static Reader reader(Path f) throws IOException {
    InputStream raw = Files.newInputStream(f);
    try {
      InputStream in =
          OutputTarget.gzipByName(f, Compression.AUTO) ? new GZIPInputStream(raw, 1 << 16) : raw;
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Rows held; it changes when rows arrive or are forgotten. */
  @Override
  public synchronized long modelVersion() {
    return count;
  }

  /**
   * Writes each held row's source, line, reason and raw fields as text, as the in-memory quarantine
   * does; the file must be closed. There is no reader: a quarantine is evidence for people.
   *
   * @throws IllegalStateException if the quarantine is still open or writes to a stream
   */
  @Override
  public synchronized void writeTo(DataOutput out) throws IOException {
    Path f = publishedFile();
    List<CSVRecord> all = new ArrayList<>();
    if (Files.exists(f)) {
      try (Reader in = reader(f);
          CSVParser rows = CSVFormat.RFC4180.parse(in)) {
        boolean header = true;
        for (CSVRecord r : rows) {
          if (!header) {
            all.add(r);
          }
          header = false;
        }
      }
    }
    org.aidmp.internal.codec.Codec.writeHeader(out, org.aidmp.internal.codec.Magic.QUARANTINE, 1);
    out.writeInt(all.size());
    for (CSVRecord r : all) {
      out.writeUTF(r.get(0));
      out.writeLong(r.get(1).isEmpty() ? 0 : Long.parseLong(r.get(1)));
      out.writeUTF(r.get(4));
      out.writeInt(Math.max(0, r.size() - 5));
      for (int i = 5; i < r.size(); i++) {
        out.writeUTF(r.get(i));
      }
    }
  }

  /**
   * Completes the file (or stream). Closing twice does nothing.
   *
   * @throws UncheckedIOException if it cannot be completed
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      printer.flush();
      target.commit();
    } catch (IOException e) {
      target.abort();
      throw new UncheckedIOException("completing the quarantine " + target.description(), e);
    }
  }
}
