package org.aidmp.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordException.Problem;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Origin;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * One pass over a {@link JsonLinesSource}, with the counts of that pass, which {@link
 * JsonLinesSource#counts()} shows for the latest pass.
 *
 * <p>Reading to the end, or a failure, closes the input; close it yourself if you stop early. Not
 * thread-safe, except {@link #counts()}, which any thread may call.
 */
final class JsonLinesIterator implements CloseableIterator<Record> {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private final JsonLinesSource source;
  private final String description;
  private final Schema schema;
  private final ColumnType[] types;
  private final JsonLinesSource.FieldTree tree;
  private final JsonFactory factory;
  private final BadRecordPolicy policy;
  private final boolean epochSeconds;
  private final InputStream raw;
  private final LineReader lines;

  private long lineNo;
  private final List<Object> batch = new ArrayList<>();
  private int batchPos;
  private Record next;
  private boolean closed;

  // the first problem found in the object being read
  private String badColumn;
  private String badReason;

  private long read;
  private long accepted;
  private long quarantined;
  private long skipped;
  private volatile ReadCounts counts = ReadCounts.EMPTY;

  JsonLinesIterator(JsonLinesSource source, InputStream decoded, InputStream raw) {
    this.source = source;
    this.description = source.description();
    this.schema = source.schema();
    this.types = new ColumnType[schema.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.column(i).type();
    }
    this.tree = source.tree();
    this.factory = source.factory();
    this.policy = source.policy();
    this.epochSeconds = source.epochSeconds();
    this.raw = raw;
    this.lines = new LineReader(decoded, source.maxLineBytes());
  }

  /** The schema of the records. */
  Schema schema() {
    return schema;
  }

  /** The counts so far; read = accepted + quarantined + skipped. Any thread may call it. */
  ReadCounts counts() {
    return counts;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !closed) {
      if (batchPos < batch.size()) {
        Object o = batch.get(batchPos++);
        read++;
        if (o instanceof Record r) {
          accepted++;
          next = r;
        } else {
          Bad bad = (Bad) o;
          reject(bad.problem, bad.column, bad.reason, bad.byteOffset);
        }
        publish();
        continue;
      }
      batch.clear();
      batchPos = 0;
      readLine();
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

  private void publish() {
    counts = new ReadCounts(read, accepted, quarantined, skipped);
  }

  private void readLine() {
    boolean more;
    try {
      more = lines.next();
    } catch (LineReader.TooLong e) {
      close();
      throw new BadRecordException(
          Problem.LINE_TOO_LONG,
          description,
          lineNo + 1,
          null,
          "the line is longer than "
              + source.maxLineBytes()
              + " bytes (it starts at byte "
              + lines.lineStart()
              + "); a string or line that never ends, or raise setMaxLineBytes",
          lines.lineStart(),
          null);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(
          "cannot read " + description + " after line " + lineNo + ": " + e.getMessage(), e);
    }
    if (!more) {
      close();
      return;
    }
    lineNo++;
    byte[] b = lines.line();
    int n = lines.length();
    if (blank(b, n)) {
      return;
    }
    int invalid = Utf8.firstInvalid(b, n);
    if (invalid >= 0) {
      long offset = lines.lineStart() + invalid;
      batch.add(
          new Bad(
              Problem.INVALID_ENCODING,
              null,
              "invalid UTF-8 at byte offset "
                  + offset
                  + " (byte "
                  + (invalid + 1)
                  + " of the line)",
              offset));
      return;
    }
    try (JsonParser p = factory.createParser(b, 0, n)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        batch.add(object(p));
      } else if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == JsonToken.START_OBJECT) {
            batch.add(object(p));
          } else {
            p.skipChildren();
            batch.add(
                new Bad(
                    Problem.NOT_AN_OBJECT,
                    null,
                    "element " + (batch.size() + 1) + " of the array is not an object",
                    -1));
          }
        }
      } else {
        batch.add(
            new Bad(
                Problem.NOT_AN_OBJECT,
                null,
                "the line is a JSON " + kind(t) + ", not an object",
                -1));
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        throw new JsonParseTrailing(p);
      }
    } catch (JsonParseTrailing | JsonProcessingException e) {
      // the line is one bad row, whatever it held before the error
      batch.clear();
      long col =
          e instanceof JsonProcessingException j && j.getLocation() != null
              ? j.getLocation().getColumnNr()
              : ((JsonParseTrailing) e).column;
      batch.add(
          new Bad(
              Problem.MALFORMED_JSON,
              null,
              e instanceof JsonParseTrailing
                  ? "text after the JSON value at char " + col + " of the line; one value per line"
                  : "malformed JSON at char " + col + " of the line",
              -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A bad row found while reading a line, handed to the policy when its turn comes. */
  private record Bad(Problem problem, String column, String reason, long byteOffset) {}

  /** Signals content after the line's value. */
  private static final class JsonParseTrailing extends Exception {
    private static final long serialVersionUID = 1L;
    final long column;

    JsonParseTrailing(JsonParser p) {
      super(null, null, false, false);
      this.column = p.currentTokenLocation().getColumnNr();
    }
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> "value";
    };
  }

  private static boolean blank(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Reads the object whose START_OBJECT was just read: a record, or the problem. */
  private Object object(JsonParser p) throws IOException {
    Object[] values = new Object[types.length];
    badColumn = null;
    badReason = null;
    fields(p, tree, values);
    if (badReason != null) {
      return new Bad(Problem.WRONG_TYPE, badColumn, badReason, -1);
    }
    return Record.of(schema, new Origin(description, lineNo), values);
  }

  private void fields(JsonParser p, JsonLinesSource.FieldTree node, Object[] values)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      JsonLinesSource.FieldTree child = node.children.get(p.currentName());
      t = p.nextToken();
      if (child == null) {
        p.skipChildren();
        continue;
      }
      if (t == JsonToken.START_OBJECT && !child.children.isEmpty()) {
        fields(p, child, values);
      } else if (t == JsonToken.VALUE_NULL) {
        // missing
      } else if (child.column >= 0) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          p.skipChildren();
          bad(
              child.column,
              "an "
                  + (t == JsonToken.START_OBJECT ? "object" : "array")
                  + " where a value was expected");
        } else {
          values[child.column] = value(p, t, child.column);
        }
      } else {
        p.skipChildren();
        bad(firstColumnUnder(child), "a " + kind(t) + " where an object was expected");
      }
    }
  }

  private static int firstColumnUnder(JsonLinesSource.FieldTree node) {
    if (node.column >= 0) {
      return node.column;
    }
    int best = Integer.MAX_VALUE;
    for (JsonLinesSource.FieldTree c : node.children.values()) {
      best = Math.min(best, firstColumnUnder(c));
    }
    return best;
  }

  private void bad(int column, String reason) {
    if (badReason == null) {
      badColumn = schema.column(column).name();
      badReason = reason;
    }
  }

  private Object value(JsonParser p, JsonToken t, int column) throws IOException {
    ColumnType type = types[column];
    switch (type) {
      case STRING:
      case CATEGORY:
        return p.getText();
      case INT:
      case LONG:
        return integer(p, t, column, type == ColumnType.INT);
      case DOUBLE:
        return decimal(p, t, column);
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_STRING) {
          String s = p.getText().strip();
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
          }
        }
        bad(column, "not a boolean: expected true or false");
        return null;
      case TIMESTAMP:
        return timestamp(p, t, column);
      default:
        throw new AssertionError(type);
    }
  }

  private Object integer(JsonParser p, JsonToken t, int column, boolean isInt) throws IOException {
    long l;
    if (t == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType nt = p.getNumberType();
      if (nt == JsonParser.NumberType.BIG_INTEGER) {
        bad(column, "integer out of the LONG range; declare DOUBLE");
        return null;
      }
      l = p.getLongValue();
    } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
      double d = p.getDoubleValue();
      if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
        bad(column, "not a whole number; declare DOUBLE");
        return null;
      }
      l = (long) d;
    } else if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().strip();
      if (s.isEmpty()) {
        return null;
      }
      try {
        l = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      } catch (NumberFormatException e) {
        bad(column, "not an integer: expected digits");
        return null;
      }
    } else {
      bad(column, "a " + kind(t) + " where an integer was expected");
      return null;
    }
    if (!isInt) {
      return l;
    }
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      bad(column, "integer out of the INT range; declare LONG");
      return null;
    }
    return (int) l;
  }

  private Object decimal(JsonParser p, JsonToken t, int column) throws IOException {
    double d;
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      d = p.getDoubleValue();
    } else if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().strip();
      if (s.isEmpty()) {
        return null;
      }
      if (!DECIMAL.matcher(s).matches()) {
        bad(column, "not a number: expected decimal notation such as -12.5 or 1e3");
        return null;
      }
      d = Double.parseDouble(s);
    } else {
      bad(column, "a " + kind(t) + " where a number was expected");
      return null;
    }
    if (!Double.isFinite(d)) {
      bad(column, "number beyond the DOUBLE range");
      return null;
    }
    return d;
  }

  private Object timestamp(JsonParser p, JsonToken t, int column) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        bad(column, "epoch time out of range");
        return null;
      }
      long l = p.getLongValue();
      try {
        return epochSeconds ? Instant.ofEpochSecond(l) : Instant.ofEpochMilli(l);
      } catch (RuntimeException e) {
        bad(column, "epoch time out of range");
        return null;
      }
    }
    if (t != JsonToken.VALUE_STRING) {
      bad(column, "a " + kind(t) + " where a timestamp was expected");
      return null;
    }
    String s = p.getText().strip();
    if (s.isEmpty()) {
      return null;
    }
    Instant i = parseInstant(s);
    if (i == null) {
      bad(
          column,
          "not a timestamp: expected ISO-8601 or epoch "
              + (epochSeconds ? "seconds" : "milliseconds"));
    }
    return i;
  }

  /** ISO-8601 instant, offset date-time, local date-time (UTC) or date (UTC); null if none. */
  static Instant parseInstant(String s) {
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      String iso =
          s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      char last = iso.charAt(iso.length() - 1);
      boolean offset =
          last == 'Z' || last == 'z' || iso.indexOf('+', 10) > 0 || iso.indexOf('-', 10) > 0;
      if (offset) {
        return OffsetDateTime.parse(iso).toInstant();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private void reject(Problem problem, String column, String reason, long byteOffset) {
    switch (policy) {
      case FAIL -> {
        read--;
        close();
        throw new BadRecordException(
            problem, description, lineNo, column, reason, byteOffset, null);
      }
      case SKIP -> skipped++;
      case QUARANTINE -> {
        String text = new String(lines.line(), 0, lines.length(), StandardCharsets.UTF_8);
        source
            .quarantine()
            .accept(
                new QuarantinedRecord(
                    description, lineNo, column, rule(problem), reason, List.of(text)));
        quarantined++;
      }
    }
  }

  private static String rule(Problem p) {
    return switch (p) {
      case MALFORMED_JSON -> JsonLinesSource.MALFORMED_RULE;
      case NOT_AN_OBJECT -> JsonLinesSource.NOT_AN_OBJECT_RULE;
      case INVALID_ENCODING -> JsonLinesSource.ENCODING_RULE;
      default -> JsonLinesSource.WRONG_TYPE_RULE;
    };
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    batch.clear();
    try {
      raw.close();
    } catch (IOException e) {
      // nothing was written; a failing close of an input loses nothing
    }
  }
}
