package org.aidmp.io.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Origin;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One pass over a {@link CsvSource}, with the counts of that pass, which {@link CsvSource#counts()}
 * shows for the latest pass.
 *
 * <p>Reading to the end, or a failure, closes the input; close it yourself if you stop early. Not
 * thread-safe, except {@link #counts()}, which any thread may call.
 */
final class CsvRecordIterator implements CloseableIterator<Record> {

  private final CsvSource source;
  private final String description;
  private final CSVParser parser;
  private final Iterator<CSVRecord> rows;
  private final DecodingReader reader;
  private final DecodingReader.StrayQuotes strayQuotes;
  private final ProgressInputStream progress;
  private final Schema schema;
  private final int width;

  /** Lines the parser had consumed when it returned the previous record. */
  private long linesBefore;

  private Record next;
  private boolean closed;

  private volatile ReadCounts counts = ReadCounts.EMPTY;
  private long read;
  private long accepted;
  private long quarantined;
  private long skipped;

  CsvRecordIterator(
      CsvSource source,
      CSVParser parser,
      DecodingReader reader,
      DecodingReader.StrayQuotes strayQuotes,
      ProgressInputStream progress) {
    this.source = source;
    this.description = source.description();
    this.parser = parser;
    this.rows = parser.iterator();
    this.reader = reader;
    this.strayQuotes = strayQuotes;
    this.progress = progress;
    try {
      this.schema = readHeader();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.width = schema.size();
  }

  private Schema readHeader() {
    HeaderMode mode = source.headerMode();
    if (mode == HeaderMode.NONE) {
      return source.declaredSchema();
    }
    CSVRecord header = nextRow();
    if (header == null) {
      if (mode == HeaderMode.SKIP) {
        return source.declaredSchema();
      }
      throw new BadRecordException(
          BadRecordException.Problem.BAD_HEADER,
          description,
          1,
          null,
          "no header line: the input is empty; declare a schema with HeaderMode.NONE to read"
              + " input without a header",
          -1,
          null);
    }
    linesBefore = parser.getCurrentLineNumber();
    reader.markRecordBoundary();
    if (mode == HeaderMode.SKIP) {
      return source.declaredSchema();
    }
    List<String> names = header.toList();
    if (mode == HeaderMode.MATCH) {
      List<String> expected = source.declaredSchema().names();
      if (names.size() != expected.size()) {
        throw badHeader(
            "the header has "
                + names.size()
                + " names but the schema has "
                + expected.size()
                + " columns "
                + expected
                + "; fix the header or the schema");
      }
      for (int i = 0; i < names.size(); i++) {
        if (!names.get(i).equals(expected.get(i))) {
          throw badHeader(
              "header column "
                  + (i + 1)
                  + " differs from the schema's '"
                  + expected.get(i)
                  + "'; fix the header, or use HeaderMode.SKIP to ignore it");
        }
      }
      return source.declaredSchema();
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isBlank()) {
        throw badHeader(
            "header column "
                + (i + 1)
                + " of "
                + names.size()
                + " has no name; name every "
                + "column, or declare a schema with HeaderMode.SKIP");
      }
    }
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Integer first = seen.putIfAbsent(names.get(i), i + 1);
      if (first != null) {
        throw badHeader(
            "header columns "
                + first
                + " and "
                + (i + 1)
                + " have the same name; give every column its own name, or declare a schema"
                + " with HeaderMode.SKIP");
      }
    }
    Schema read;
    try {
      read = Schema.ofStrings(names);
    } catch (IllegalArgumentException e) {
      throw badHeader(e.getMessage());
    }
    Schema known = source.rememberHeaderSchema(read);
    if (!known.equals(read)) {
      throw badHeader(
          "the header changed since the source was first read ("
              + known.size()
              + " columns "
              + known.names()
              + " then, "
              + read.size()
              + " now); a source must not change while"
              + " it is in use");
    }
    return known;
  }

  private BadRecordException badHeader(String reason) {
    return new BadRecordException(
        BadRecordException.Problem.BAD_HEADER, description, 1, null, reason, -1, null);
  }

  /** The schema of the records; all columns are text. */
  public Schema schema() {
    return schema;
  }

  /** The counts of this pass so far. */
  ReadCounts counts() {
    return counts;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !closed) {
      advance();
    }
    return next != null;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more records in " + description);
    }
    Record r = next;
    next = null;
    return r;
  }

  private void advance() {
    while (true) {
      CSVRecord row = nextRow();
      if (row == null) {
        progress.finish();
        close();
        return;
      }
      long line = linesBefore + 1;
      linesBefore = parser.getCurrentLineNumber();
      reader.markRecordBoundary();
      read++;
      int found = row.size();
      if (found != width) {
        boolean blank = found == 1 && row.get(0).isEmpty();
        if (blank && source.skipBlankLines()) {
          skipped++;
          publish();
          continue;
        }
        rejectRagged(row, line, found, blank);
        continue;
      } else if (width == 1 && row.get(0).isEmpty() && source.skipBlankLines()) {
        skipped++;
        publish();
        continue;
      }
      if (!source.allowNul()) {
        int nulColumn = nulColumn(row);
        if (nulColumn > 0) {
          rejectRow(
              row,
              line,
              String.valueOf(nulColumn),
              CsvSource.NUL_RULE,
              "field " + nulColumn + " holds a NUL character, which no text field has",
              "fix the row, set allowNul(true) to accept NUL, or set BadRecordPolicy.SKIP or"
                  + " QUARANTINE");
          continue;
        }
      }
      long strayColumn = strayQuotes == null ? 0 : strayQuotes.strayField(row.getRecordNumber());
      if (strayColumn > 0) {
        rejectRow(
            row,
            line,
            String.valueOf(strayColumn),
            CsvSource.STRAY_QUOTE_RULE,
            "field " + strayColumn + " holds a quote character but is not quoted",
            "quote the field and double its quotes, set allowStrayQuotes(true) to accept them,"
                + " or set BadRecordPolicy.SKIP or QUARANTINE");
        continue;
      }
      accepted++;
      publish();
      next = Record.of(schema, new Origin(description, line), (Object[]) row.values());
      return;
    }
  }

  /** The 1-based position of the first field holding a NUL character, or 0. */
  private static int nulColumn(CSVRecord row) {
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i).indexOf('\0') >= 0) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Applies the policy to a bad row; returns normally only when the row was set aside. */
  private void rejectRow(
      CSVRecord row, long line, String column, String rule, String reason, String fix) {
    BadRecordPolicy policy = source.badRecordPolicy();
    if (policy == BadRecordPolicy.FAIL) {
      read--; // the failed row stops the pass and is not counted, so the counts still add up
      BadRecordException e =
          new BadRecordException(
              BadRecordException.Problem.BAD_FIELD,
              description,
              line,
              column,
              reason + "; " + fix,
              -1,
              null);
      close();
      throw e;
    }
    if (policy == BadRecordPolicy.QUARANTINE) {
      QuarantinedRecord rejected =
          new QuarantinedRecord(
              description, line, column, rule, reason, Arrays.asList(row.values()));
      try {
        source.quarantine().accept(rejected);
      } catch (RuntimeException e) {
        read--;
        close();
        throw e;
      }
      quarantined++;
    } else {
      skipped++;
    }
    publish();
  }

  /** Applies the policy to a ragged row; returns normally only when the row was set aside. */
  private void rejectRagged(CSVRecord row, long line, int found, boolean blank) {
    String reason =
        "row has "
            + found
            + (found == 1 ? " field" : " fields")
            + " but "
            + width
            + (width == 1 ? " was" : " were")
            + " expected"
            + (blank ? " (a blank line; setSkipBlankLines(true) drops those)" : "");
    BadRecordPolicy policy = source.badRecordPolicy();
    if (policy == BadRecordPolicy.FAIL) {
      read--; // the failed row stops the pass and is not counted, so the counts still add up
      BadRecordException e =
          new BadRecordException(
              BadRecordException.Problem.RAGGED_ROW,
              description,
              line,
              null,
              reason + "; fix the row, or set BadRecordPolicy.SKIP or QUARANTINE",
              -1,
              null);
      close();
      throw e;
    }
    if (policy == BadRecordPolicy.QUARANTINE) {
      QuarantinedRecord rejected =
          new QuarantinedRecord(
              description,
              line,
              null,
              CsvSource.RAGGED_ROW_RULE,
              reason,
              Arrays.asList(row.values()));
      try {
        source.quarantine().accept(rejected);
      } catch (RuntimeException e) {
        read--; // as under FAIL: the row that stopped the pass is not counted
        close();
        throw e;
      }
      quarantined++;
    } else {
      skipped++;
    }
    publish();
  }

  private void publish() {
    counts = new ReadCounts(read, accepted, quarantined, skipped);
  }

  /** The next raw row, or null at the end; parse failures become {@link BadRecordException}s. */
  private CSVRecord nextRow() {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (UncheckedIOException | IllegalStateException e) {
      RuntimeException translated = translate(e);
      close();
      throw translated;
    }
  }

  private RuntimeException translate(RuntimeException e) {
    long line = linesBefore + 1;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DecodingReader.InvalidInput bad) {
        return new BadRecordException(
            BadRecordException.Problem.INVALID_ENCODING,
            description,
            bad.line,
            null,
            bad.what
                + " at byte offset "
                + bad.byteOffset
                + ", char "
                + bad.column
                + " of the line; the input is not "
                + source.charset().name()
                + ": set the charset it was written in, or repair the bytes",
            bad.byteOffset,
            e);
      }
      if (t instanceof DecodingReader.RecordTooLong tooLong) {
        String column = null;
        Exception locateFailure = null;
        try {
          int field = source.locateOpenQuote(line, reader.delivered());
          if (field > 0) {
            column = field <= width ? schema.column(field - 1).name() : String.valueOf(field);
          }
        } catch (IOException | RuntimeException x) {
          locateFailure = x; // the main error stands; say why the column is missing
        }
        BadRecordException tooLongError =
            new BadRecordException(
                BadRecordException.Problem.FIELD_TOO_LONG,
                description,
                line,
                column,
                "the record starting here grew past "
                    + tooLong.cap
                    + " chars without ending; "
                    + (column != null
                        ? "the quote that opens this column is never closed"
                        : "most likely a quote opened in it is never closed")
                    + ". If fields really are this long, raise setMaxFieldChars",
                -1,
                e);
        if (locateFailure != null) {
          tooLongError.addSuppressed(locateFailure);
        }
        return tooLongError;
      }
      if (t instanceof CSVException malformed) {
        return new BadRecordException(
            BadRecordException.Problem.MALFORMED_QUOTES,
            description,
            line,
            null,
            "malformed quoting in the record starting here ("
                + malformed.getMessage()
                + "); a quoted field must end with a quote followed by a delimiter or line end,"
                + " and quotes inside it must be doubled",
            -1,
            e);
      }
    }
    Throwable cause = e.getCause() instanceof IOException io ? io : e;
    return new UncheckedIOException(
        "reading " + description + " failed near line " + line + ": " + cause.getMessage(),
        cause instanceof IOException io ? io : new IOException(cause));
  }

  /** Closes the input; further {@link #hasNext()} calls return false. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    next = null;
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + description + " failed", e);
    }
  }
}
