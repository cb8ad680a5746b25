package org.aidmp.io.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Column;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.io.internal.stream.Streams;
import org.aidmp.progress.ProgressListener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

/**
 * Records read from CSV text: a file, a gzip file, or any stream that can be opened again.
 *
 * <pre>{@code
 * CsvSource events = CsvSource.builder(Path.of("events.csv.gz"))
 *     .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
 *     .setQuarantine(quarantine)
 *     .get();
 * events.forEach(r -> process(r));
 * ReadCounts counts = events.counts();   // read = accepted + quarantined + skipped
 * }</pre>
 *
 * <p><b>Values.</b> Every column is a {@link org.aidmp.data.ColumnType#STRING}; converting types is
 * a cleaner's job. Fields are never {@code null}: an empty field, quoted ({@code ""}) or not, is
 * the empty string, so "missing" and "empty" cannot be told apart here; {@link
 * Record#isMissing(int)} treats both as missing. Each record's {@link org.aidmp.data.Origin} holds
 * the description and the 1-based physical line the record starts on ({@code \r\n}, {@code \r} and
 * {@code \n} each end a line, also inside quoted fields).
 *
 * <p><b>Format.</b> RFC 4180 with a configurable delimiter and quote: fields may be quoted, a quote
 * inside a quoted field is doubled, quoted fields may hold delimiters and line breaks, spaces
 * around fields are kept. A quote in the middle of an unquoted field ({@code 5'11"}) makes the row
 * bad, like a NUL character, unless {@link Builder#setAllowStrayQuotes} accepts it as a literal
 * character. A byte-order mark at the start is dropped. Bytes that are invalid in the charset fail
 * the read with their offset; they are never replaced.
 *
 * <p><b>Bad rows.</b> A row with another number of fields than the schema has columns, a NUL or a
 * stray quote, is handled by the {@link BadRecordPolicy}: {@code FAIL} (the default) throws a
 * {@link BadRecordException}, {@code SKIP} counts and drops it, {@code QUARANTINE} hands it to the
 * {@link Quarantine}. Problems that break the framing of everything after them (invalid bytes,
 * malformed quotes, a record longer than {@link #maxFieldChars()}) always stop the read with a
 * {@link BadRecordException}.
 *
 * <p><b>Memory.</b> Reading streams: memory is bounded by the parser's buffers plus one record, and
 * a record may not grow past {@link #maxFieldChars()} chars, so a quote that is never closed fails
 * fast instead of buffering the rest of the input. The cap counts the whole record because the
 * reader that enforces it sees text, not fields; a record of many fields that together pass it
 * fails too. To name the column in that error, the input is opened once more and read up to where
 * the failure happened.
 *
 * <p>Each {@link #iterator()} opens the input again, so the source can be read any number of times.
 * Instances are immutable and thread-safe; each iterator is for one thread.
 */
public final class CsvSource implements Source {
  /** The default cap on the chars of one record: 16 Mi. */
  public static final int DEFAULT_MAX_FIELD_CHARS = 16 << 20;

  /** The rule name quarantined ragged rows carry. */
  public static final String RAGGED_ROW_RULE = "csv.ragged-row";

  /** The rule name quarantined rows with a NUL character carry. */
  public static final String NUL_RULE = "csv.nul";

  /** The rule name quarantined rows with a quote inside an unquoted field carry. */
  public static final String STRAY_QUOTE_RULE = "csv.stray-quote";

  private final String description;
  private final Callable<InputStream> supplier;
  private final Path path;
  private final Schema declaredSchema;
  private final HeaderMode headerMode;
  private final char delimiter;
  private final char quote;
  private final Charset charset;
  private final Compression compression;
  private final BadRecordPolicy badRecordPolicy;
  private final Quarantine quarantine;
  private final boolean skipBlankLines;
  private final int maxFieldChars;
  private final double maxExpansionRatio;
  private final boolean allowNul;
  private final boolean allowStrayQuotes;
  private final ProgressListener progress;
  private final long knownSize;
  private final CSVFormat format;
  private final CompressedInput input;

  private volatile Schema headerSchema;
  private volatile CsvRecordIterator latest;

  private CsvSource(Builder b) {
    this.description = b.description;
    this.supplier = b.supplier;
    this.path = b.path;
    this.declaredSchema = b.schema;
    this.headerMode =
        b.headerMode != null ? b.headerMode : b.schema == null ? HeaderMode.READ : HeaderMode.NONE;
    this.delimiter = b.delimiter;
    this.quote = b.quote;
    this.charset = b.charset;
    this.compression = b.compression;
    this.badRecordPolicy = b.badRecordPolicy;
    this.quarantine = b.quarantine;
    this.skipBlankLines = b.skipBlankLines;
    this.maxFieldChars = b.maxFieldChars;
    this.maxExpansionRatio = b.maxExpansionRatio;
    this.allowNul = b.allowNul;
    this.allowStrayQuotes = b.allowStrayQuotes;
    this.progress = b.progress;
    this.knownSize = b.knownSize;
    if (declaredSchema == null && headerMode != HeaderMode.READ) {
      throw new IllegalArgumentException(
          "header mode "
              + headerMode
              + " needs a declared schema; call setSchema(...) or use "
              + "HeaderMode.READ to take the column names from the first line");
    }
    if (declaredSchema != null && headerMode == HeaderMode.READ) {
      throw new IllegalArgumentException(
          "header mode READ takes the column names from the file, but a schema is declared; "
              + "use HeaderMode.MATCH to check the header against it, SKIP to ignore the header,"
              + " or NONE if the file has no header");
    }
    if (delimiter == quote) {
      throw new IllegalArgumentException(
          "delimiter and quote are both '" + delimiter + "'; they must differ");
    }
    if (badRecordPolicy == BadRecordPolicy.QUARANTINE && quarantine == null) {
      throw new IllegalArgumentException(
          "bad-record policy QUARANTINE needs a quarantine; call setQuarantine(...)");
    }
    if (badRecordPolicy != BadRecordPolicy.QUARANTINE && quarantine != null) {
      throw new IllegalArgumentException(
          "a quarantine is set but the bad-record policy is "
              + badRecordPolicy
              + ", so it would never be used; set the policy to QUARANTINE or drop the quarantine");
    }
    this.input = new CompressedInput(description, path, compression, maxExpansionRatio, knownSize);
    this.format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setQuote(quote)
            .setIgnoreEmptyLines(false)
            .get();
  }

  /**
   * A builder for a source reading a file. A name ending in {@code .gz} is gunzipped, and progress
   * totals are the file size.
   *
   * @param path the file; it is opened by each {@link #iterator()}, not here
   */
  public static Builder builder(Path path) {
    Objects.requireNonNull(path, "path");
    return new Builder(path.toString(), () -> Files.newInputStream(path), path);
  }

  /**
   * A builder for a source reading whatever stream {@code supplier} opens, such as an object in a
   * bucket: {@code builder("s3://bucket/events.csv", () -> s3.getObject(request))}.
   *
   * @param description where the bytes come from, for errors and origins; no secrets
   * @param supplier opens a new stream from the first byte for each read (the source can be read
   *     more than once), which the source closes; an {@link IOException} fails the read
   */
  public static Builder builder(String description, Callable<InputStream> supplier) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(supplier, "supplier");
    if (description.isBlank()) {
      throw new IllegalArgumentException("description is blank; say where the bytes come from");
    }
    return new Builder(description, supplier, null);
  }

  /** A builder holding this source's settings, to derive a changed source. */
  public Builder toBuilder() {
    Builder b = new Builder(description, supplier, path);
    b.schema = declaredSchema;
    b.headerMode = headerMode;
    b.delimiter = delimiter;
    b.quote = quote;
    b.charset = charset;
    b.compression = compression;
    b.badRecordPolicy = badRecordPolicy;
    b.quarantine = quarantine;
    b.skipBlankLines = skipBlankLines;
    b.maxFieldChars = maxFieldChars;
    b.maxExpansionRatio = maxExpansionRatio;
    b.allowNul = allowNul;
    b.allowStrayQuotes = allowStrayQuotes;
    b.progress = progress;
    b.knownSize = knownSize;
    return b;
  }

  /**
   * The schema: the declared one, or one STRING column per name of the header line, which is read
   * on the first call (opening the input once).
   *
   * @throws BadRecordException if the header is missing, has a blank or repeated name
   * @throws UncheckedIOException if the input cannot be read
   */
  @Override
  public Schema schema() {
    if (declaredSchema != null) {
      return declaredSchema;
    }
    Schema s = headerSchema;
    if (s == null) {
      try (CsvRecordIterator it = open()) {
        s = it.schema();
      }
    }
    return s;
  }

  @Override
  public String description() {
    return description;
  }

  /** How the first line is treated. */
  public HeaderMode headerMode() {
    return headerMode;
  }

  /** The field delimiter. */
  public char delimiter() {
    return delimiter;
  }

  /** The quote character. */
  public char quote() {
    return quote;
  }

  /** The charset of the text. */
  public Charset charset() {
    return charset;
  }

  /** Whether the input is gunzipped. */
  public Compression compression() {
    return compression;
  }

  /** Whether quote characters inside unquoted fields are accepted as text. */
  public boolean allowStrayQuotes() {
    return allowStrayQuotes;
  }

  /** Whether NUL characters inside fields are accepted. */
  public boolean allowNul() {
    return allowNul;
  }

  /** What happens to a ragged row or one with a bad field. */
  public BadRecordPolicy badRecordPolicy() {
    return badRecordPolicy;
  }

  /** Whether blank lines are dropped (and counted as skipped) rather than read as records. */
  public boolean skipBlankLines() {
    return skipBlankLines;
  }

  /**
   * The most chars one record may have before the read fails; it bounds every field and the memory
   * a quote that is never closed can take. Exact to within the parser's look-ahead of a few
   * thousand chars.
   */
  public int maxFieldChars() {
    return maxFieldChars;
  }

  /**
   * Opens the input and returns an iterator over its data rows; {@link #counts()} follows it.
   * Reading to the end, or a failure, closes the input; close the iterator if you stop early.
   *
   * @throws BadRecordException if the header is bad
   * @throws UncheckedIOException if the input cannot be opened
   */
  @Override
  public CloseableIterator<Record> iterator() {
    return pass();
  }

  /** What {@link #iterator()} opens, typed for the counts of this one pass. */
  CsvRecordIterator pass() {
    CsvRecordIterator it = open();
    latest = it;
    return it;
  }

  /** Reads every record, closing the input even when {@code action} throws. */
  @Override
  public void forEach(Consumer<? super Record> action) {
    Objects.requireNonNull(action, "action");
    try (CsvRecordIterator it = pass()) {
      while (it.hasNext()) {
        action.accept(it.next());
      }
    }
  }

  /**
   * The data-row counts of the most recent {@link #iterator()} (live while it runs; the header line
   * is not a row, blank lines dropped under {@link Builder#setSkipBlankLines} are skipped rows), or
   * {@link ReadCounts#EMPTY} if the source was never read.
   */
  public ReadCounts counts() {
    CsvRecordIterator it = latest;
    return it == null ? ReadCounts.EMPTY : it.counts();
  }

  /** Rows the most recent pass quarantined: ragged rows under a lenient policy. */
  @Override
  public long quarantinedRows() {
    return counts().quarantined();
  }

  /** Rows the most recent pass skipped. */
  @Override
  public long skippedRows() {
    return counts().skipped();
  }

  private CsvRecordIterator open() {
    InputStream raw;
    try {
      raw = Streams.open(supplier, description);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + description + ": " + e.getMessage(), e);
    }
    Objects.requireNonNull(raw, () -> "the supplier of " + description + " returned null");
    ProgressInputStream counted =
        new ProgressInputStream(raw, progress, "read " + description, input.totalBytes());
    try {
      InputStream text = input.decompress(counted);
      DecodingReader reader = new DecodingReader(text, charset, maxFieldChars);
      DecodingReader.StrayQuotes strayQuotes =
          allowStrayQuotes ? null : reader.watchStrayQuotes(delimiter, quote);
      CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
      return new CsvRecordIterator(this, parser, reader, strayQuotes, counted);
    } catch (IOException e) {
      CompressedInput.closeQuietly(counted, e);
      throw new UncheckedIOException("cannot read " + description + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      CompressedInput.closeQuietly(counted, e);
      throw e;
    }
  }

  /**
   * Re-reads the input to find the 1-based field whose quote is still open {@link #maxFieldChars}
   * chars into the record starting on {@code line}, reading no more than {@code budget} chars; 0 if
   * none. Only for error messages.
   */
  int locateOpenQuote(long line, long budget) throws IOException {
    try (InputStream raw = Streams.open(supplier, description);
        DecodingReader reader =
            new DecodingReader(input.decompress(raw), charset, Long.MAX_VALUE)) {
      return OpenQuoteLocator.openQuoteField(reader, line, delimiter, quote, maxFieldChars, budget);
    }
  }

  // ---- package-private access for the iterator

  Schema declaredSchema() {
    return declaredSchema;
  }

  /** Remembers the schema read from the header; the first reader to get here wins. */
  Schema rememberHeaderSchema(Schema s) {
    synchronized (this) {
      if (headerSchema == null) {
        headerSchema = s;
      }
      return headerSchema;
    }
  }

  Quarantine quarantine() {
    return quarantine;
  }

  /** Settings for a {@link CsvSource}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final String description;
    private final Callable<InputStream> supplier;
    private final Path path;
    private Schema schema;
    private HeaderMode headerMode;
    private char delimiter = ',';
    private char quote = '"';
    private Charset charset = StandardCharsets.UTF_8;
    private Compression compression = Compression.AUTO;
    private BadRecordPolicy badRecordPolicy = BadRecordPolicy.FAIL;
    private Quarantine quarantine;
    private boolean skipBlankLines;
    private int maxFieldChars = DEFAULT_MAX_FIELD_CHARS;
    private double maxExpansionRatio = 100;
    private boolean allowNul;
    private boolean allowStrayQuotes;
    private ProgressListener progress = ProgressListener.NONE;
    private long knownSize = -1;

    private Builder(String description, Callable<InputStream> supplier, Path path) {
      this.description = description;
      this.supplier = supplier;
      this.path = path;
    }

    /**
     * Declares the columns instead of reading them from a header line. Every column must be text
     * ({@code STRING} or {@code CATEGORY}): the source does not convert types. Pass {@code null} to
     * go back to reading the header.
     */
    public Builder setSchema(Schema schema) {
      if (schema != null) {
        if (schema.size() == 0) {
          throw new IllegalArgumentException("the schema has no columns; declare at least one");
        }
        for (Column c : schema.columns()) {
          if (c.type().javaType() != String.class) {
            throw new IllegalArgumentException(
                "column '"
                    + c.name()
                    + "' is "
                    + c.type()
                    + ", but a CSV source yields text; "
                    + "declare it STRING and convert it with a type-conversion cleaner");
          }
        }
      }
      this.schema = schema;
      return this;
    }

    /**
     * Says what the first line is. Defaults to {@link HeaderMode#READ} without a schema and {@link
     * HeaderMode#NONE} with one.
     */
    public Builder setHeaderMode(HeaderMode headerMode) {
      this.headerMode = Objects.requireNonNull(headerMode, "headerMode");
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

    /** The charset of the text; UTF-8 by default. */
    public Builder setCharset(Charset charset) {
      this.charset = Objects.requireNonNull(charset, "charset");
      return this;
    }

    /** Whether to gunzip; {@link Compression#AUTO} by default. */
    public Builder setCompression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /** What to do with a ragged row; {@link BadRecordPolicy#FAIL} by default. */
    public Builder setBadRecordPolicy(BadRecordPolicy policy) {
      this.badRecordPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Where rows go under {@link BadRecordPolicy#QUARANTINE}; it is called from the reading thread.
     * {@code null} removes it.
     */
    public Builder setQuarantine(Quarantine quarantine) {
      this.quarantine = quarantine;
      return this;
    }

    /**
     * What a line with nothing on it means (default {@code false}). Commons CSV, like RFC 4180,
     * reads it as a record of one empty field: a value in a one-column file, a ragged row, handled
     * by the {@link BadRecordPolicy}, otherwise. With {@code true} a blank line is dropped and
     * counted as skipped; a row holding only {@code ""} looks the same to the parser, so in a
     * one-column file such rows are dropped too.
     */
    public Builder setSkipBlankLines(boolean skipBlankLines) {
      this.skipBlankLines = skipBlankLines;
      return this;
    }

    /**
     * The most chars a record (and so any field) may have; 16 Mi by default. It bounds the memory
     * an unterminated quote can take, so keep it well under the heap.
     */
    public Builder setMaxFieldChars(int maxFieldChars) {
      if (maxFieldChars < 1) {
        throw new IllegalArgumentException(
            "maxFieldChars (" + maxFieldChars + ") must be at least 1");
      }
      this.maxFieldChars = maxFieldChars;
      return this;
    }

    /**
     * Whether a NUL character inside a field is accepted (default {@code false}: the row is bad,
     * reported with its line and the field's 1-based position, and handled by the bad-record
     * policy). NUL is almost always a sign of binary data or a wrong charset.
     */
    public Builder setAllowNul(boolean allowNul) {
      this.allowNul = allowNul;
      return this;
    }

    /**
     * Whether a quote character inside a field that does not start with one ({@code 12" tall}) is
     * accepted as text (default {@code false}: the row is bad, reported with its line and the
     * field's 1-based position, and handled by the bad-record policy). RFC 4180 allows quotes only
     * in quoted fields, doubled; a stray one usually means a writer forgot to quote, and a value
     * that was meant to be quoted may have swallowed a delimiter.
     */
    public Builder setAllowStrayQuotes(boolean allowStrayQuotes) {
      this.allowStrayQuotes = allowStrayQuotes;
      return this;
    }

    /**
     * How many times larger than the compressed bytes read so far gzip input may decompress
     * (default 100, as for S3 objects); any input may expand to 1 MiB. Beyond the cap the read
     * fails as a likely decompression bomb, after a bounded amount of work.
     */
    public Builder setMaxExpansionRatio(double ratio) {
      if (!(ratio >= 1) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException(
            "maxExpansionRatio (" + ratio + ") must be a finite number of at least 1");
      }
      this.maxExpansionRatio = ratio;
      return this;
    }

    /**
     * Told of the bytes read (before decompression) every few MiB and at the end; the total is the
     * file size, the {@link #setKnownSize known size}, or -1.
     */
    public Builder setProgressListener(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The size of the input in bytes, as stored (compressed, for gzip), when the caller knows it
     * (an object's content length); used as the progress total. -1 means unknown.
     */
    public Builder setKnownSize(long bytes) {
      if (bytes < -1) {
        throw new IllegalArgumentException(
            "known size (" + bytes + ") must be -1 (unknown) or at least 0");
      }
      this.knownSize = bytes;
      return this;
    }

    /**
     * A source with these settings.
     *
     * @throws IllegalArgumentException if settings contradict each other
     */
    public CsvSource get() {
      return new CsvSource(this);
    }
  }
}
