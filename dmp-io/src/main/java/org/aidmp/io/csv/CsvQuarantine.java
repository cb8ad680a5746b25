package org.aidmp.io.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

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
 */
public final class CsvQuarantine implements Quarantine, AutoCloseable {
  /** The header line's names. */
  public static final List<String> HEADER =
      List.of("source", "line", "column", "rule", "reason", "fields");

  private final OutputTarget target;
  private final CSVPrinter printer;
  private long count;
  private long maxRows = Long.MAX_VALUE;
  private boolean closed;

  private CsvQuarantine(OutputTarget target) throws IOException {
    this.target = target;
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
      return new CsvQuarantine(OutputTarget.file(path, Compression.AUTO));
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
      return new CsvQuarantine(OutputTarget.stream(description, out, Compression.NONE));
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

  /** How many rows were quarantined. */
  public synchronized long count() {
    return count;
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
