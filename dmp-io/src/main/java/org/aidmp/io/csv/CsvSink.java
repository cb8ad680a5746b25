package org.aidmp.io.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Sink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Writes records as RFC 4180 CSV: a header line of column names, then one line per record.
 *
 * <pre>{@code
 * try (CsvSink sink = CsvSink.builder(Path.of("segments.csv.gz")).get()) {
 *   sink.acceptAll(records);
 * }   // segments.csv.gz appears, complete, only here
 * }</pre>
 *
 * <p>Fields are quoted only when they must be (they hold the delimiter, a quote, a line break, or
 * are an empty first field); quotes inside are doubled. Missing values ({@code null}) are written
 * as empty fields, so they read back as {@code ""}; other values are written with {@code
 * toString()} ({@link java.time.Instant} as ISO-8601). Characters the charset cannot encode fail
 * the write rather than being replaced.
 *
 * <p>A file target is written to a temporary file in the same folder and renamed over the target by
 * {@link #close()}, so readers never see half a file. If the producer fails, call {@link #abort()}
 * instead, which leaves the target as it was; a sink whose write failed aborts itself. A name
 * ending in {@code .gz} is gzipped. A stream target is written through and closed by {@link
 * #close()}.
 *
 * <p>The header comes from the declared schema or, failing that, from the first record; every
 * record must have that schema. A sink closed with neither writes no bytes at all. Not thread-safe.
 */
public final class CsvSink implements Sink<Record> {
  private final OutputTarget target;
  private final CSVPrinter printer;
  private Schema schema;
  private long written;
  private boolean closed;

  private CsvSink(Builder b) throws IOException {
    this.target =
        b.path != null
            ? OutputTarget.file(b.path, b.compression)
            : OutputTarget.stream(b.description, b.stream, b.compression);
    try {
      OutputStreamWriter writer =
          new OutputStreamWriter(
              target.stream(),
              b.charset
                  .newEncoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT));
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(b.delimiter)
              .setQuote(b.quote)
              .setQuoteMode(QuoteMode.MINIMAL)
              .setRecordSeparator(b.lineEnding.text)
              .get();
      this.printer = new CSVPrinter(new BufferedWriter(writer, 1 << 14), format);
      if (b.schema != null) {
        writeHeader(b.schema);
      }
    } catch (IOException | RuntimeException e) {
      target.abort();
      throw e;
    }
  }

  /**
   * A builder for a sink that writes a file atomically; a name ending in {@code .gz} is gzipped.
   *
   * @param path the file to create or replace; its folder must exist
   */
  public static Builder builder(Path path) {
    Objects.requireNonNull(path, "path");
    return new Builder(path.toString(), path, null);
  }

  /**
   * A builder for a sink that writes to {@code out}, which {@link #close()} closes.
   *
   * @param description where the bytes go, for error messages; no secrets
   * @param out the stream
   */
  public static Builder builder(String description, OutputStream out) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(out, "out");
    return new Builder(description, null, out);
  }

  private void writeHeader(Schema s) throws IOException {
    schema = s;
    printer.printRecord(s.names());
  }

  /**
   * Writes one record.
   *
   * @throws IllegalArgumentException if its schema differs from the sink's
   * @throws IllegalStateException if the sink is closed
   * @throws UncheckedIOException if writing fails; the output is then discarded
   */
  @Override
  public void accept(Record record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      throw new IllegalStateException("the CSV sink for " + target.description() + " is closed");
    }
    if (schema != null && !schema.equals(record.schema())) {
      throw new IllegalArgumentException(
          "record from "
              + record.origin()
              + " has schema "
              + record.schema().names()
              + " but "
              + target.description()
              + " was started with "
              + schema.names()
              + "; write one schema per file");
    }
    try {
      if (schema == null) {
        writeHeader(record.schema());
      }
      printer.printRecord(record.values());
      written++;
    } catch (IOException e) {
      abort();
      throw new UncheckedIOException(
          "writing record " + (written + 1) + " to " + target.description() + " failed", e);
    }
  }

  /** How many records were written (not counting the header). */
  public long written() {
    return written;
  }

  /**
   * Completes the output: flushes it and, for a file, renames it into place. Closing twice does
   * nothing.
   *
   * @throws UncheckedIOException if the output cannot be completed; a file target is then left as
   *     it was
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      printer.flush();
      target.commit();
    } catch (IOException e) {
      target.abort();
      throw new UncheckedIOException("completing " + target.description() + " failed", e);
    }
  }

  /**
   * Discards the output: a file target is left as it was before the sink was opened. Further writes
   * fail; closing afterwards does nothing.
   */
  public void abort() {
    closed = true;
    target.abort();
  }

  /** The line ending written after each record. */
  public enum LineEnding {
    /** {@code \r\n}, as RFC 4180 specifies; the default. */
    CRLF("\r\n"),
    /** {@code \n}. */
    LF("\n");

    private final String text;

    LineEnding(String text) {
      this.text = text;
    }
  }

  /** Settings for a {@link CsvSink}. */
  public static final class Builder {
    private final String description;
    private final Path path;
    private final OutputStream stream;
    private Schema schema;
    private char delimiter = ',';
    private char quote = '"';
    private Charset charset = StandardCharsets.UTF_8;
    private Compression compression = Compression.AUTO;
    private LineEnding lineEnding = LineEnding.CRLF;

    private Builder(String description, Path path, OutputStream stream) {
      this.description = description;
      this.path = path;
      this.stream = stream;
    }

    /** Declares the columns, so the header is written even if no record follows. */
    public Builder setSchema(Schema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /** The field delimiter; {@code ','} by default. */
    public Builder setDelimiter(char delimiter) {
      CsvSyntax.checkSyntaxChar("delimiter", delimiter);
      this.delimiter = delimiter;
      return this;
    }

    /** The quote character; {@code '"'} by default. */
    public Builder setQuote(char quote) {
      CsvSyntax.checkSyntaxChar("quote", quote);
      this.quote = quote;
      return this;
    }

    /** The charset; UTF-8 (without a byte-order mark) by default. */
    public Builder setCharset(Charset charset) {
      this.charset = Objects.requireNonNull(charset, "charset");
      return this;
    }

    /**
     * Whether to gzip: {@link Compression#AUTO} (the default) gzips a file whose name ends in
     * {@code .gz} and never a stream; {@code GZIP} always; {@code NONE} never.
     */
    public Builder setCompression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /** The line ending; {@link LineEnding#CRLF} by default. */
    public Builder setLineEnding(LineEnding lineEnding) {
      this.lineEnding = Objects.requireNonNull(lineEnding, "lineEnding");
      return this;
    }

    /**
     * Opens the sink; for a file, creates its temporary file now.
     *
     * @throws IllegalArgumentException if delimiter and quote are the same
     * @throws UncheckedIOException if the output cannot be opened
     */
    public CsvSink get() {
      if (delimiter == quote) {
        throw new IllegalArgumentException(
            "delimiter and quote are both '" + delimiter + "'; they must differ");
      }
      try {
        return new CsvSink(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open " + description + " for writing", e);
      }
    }
  }
}
