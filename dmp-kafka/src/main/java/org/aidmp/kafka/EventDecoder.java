package org.aidmp.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aidmp.profile.Event;

/**
 * Turns a record value (JSON object or CSV line) into a {@link Event}, or names why it cannot.
 * Decoding never throws for bad input: a bad value yields a {@link Decoded} with a {@link
 * BadValueReason}, which the runner sends to the dead-letter topic.
 *
 * <pre>{@code
 * EventDecoder json = EventDecoder.builder().setFormat(EventFormat.JSON).get();
 * EventDecoder.Decoded d = json.decode(
 *     "{\"user_id\":\"u1\",\"timestamp\":1767225600000,\"event_type\":\"view\"}"
 *         .getBytes(StandardCharsets.UTF_8));
 * Event e = d.event();   // null when d.reason() is not
 * }</pre>
 *
 * <p>Field names default to the quickstart's columns ({@code user_id}, {@code timestamp}, {@code
 * event_type}, {@code item_id}, {@code category}, {@code amount}). Timestamps are epoch
 * milliseconds or ISO-8601 instants; an absent or empty value field is {@link Double#NaN}. Unknown
 * JSON fields are ignored. Immutable and thread-safe.
 */
public final class EventDecoder {
  /** JSON, the quickstart's field names. */
  public static final EventDecoder DEFAULT = builder().get();

  private final EventFormat format;
  private final String userField;
  private final String timestampField;
  private final String typeField;
  private final String itemField;
  private final String categoryField;
  private final String valueField;
  private final List<String> columns;
  // Positions of the fields among the CSV columns, -1 when absent.
  private final int userCol;
  private final int timeCol;
  private final int typeCol;
  private final int itemCol;
  private final int categoryCol;
  private final int valueCol;

  private EventDecoder(Builder b) {
    this.format = b.format;
    this.userField = b.userField;
    this.timestampField = b.timestampField;
    this.typeField = b.typeField;
    this.itemField = b.itemField;
    this.categoryField = b.categoryField;
    this.valueField = b.valueField;
    this.columns =
        b.columns != null
            ? List.copyOf(b.columns)
            : List.of(userField, timestampField, typeField, itemField, categoryField, valueField);
    this.userCol = columns.indexOf(userField);
    this.timeCol = columns.indexOf(timestampField);
    this.typeCol = columns.indexOf(typeField);
    this.itemCol = columns.indexOf(itemField);
    this.categoryCol = columns.indexOf(categoryField);
    this.valueCol = columns.indexOf(valueField);
    if (format == EventFormat.CSV && (userCol < 0 || timeCol < 0 || typeCol < 0)) {
      throw new IllegalArgumentException(
          "CSV columns "
              + columns
              + " lack one of the user, timestamp and type fields ("
              + userField
              + ", "
              + timestampField
              + ", "
              + typeField
              + "); name them in setColumns");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The format. */
  public EventFormat format() {
    return format;
  }

  /** The CSV columns in order (also used for JSON field names' defaults). */
  public List<String> columns() {
    return columns;
  }

  /**
   * An event, or why there is none.
   *
   * @param event the event, or null when the value was bad
   * @param reason why the value was bad, or null
   */
  public record Decoded(Event event, BadValueReason reason) {
    static Decoded bad(BadValueReason r) {
      return new Decoded(null, r);
    }
  }

  /** Decodes one record value; never throws for bad input. */
  public Decoded decode(byte[] value) {
    if (value == null || value.length == 0) {
      return Decoded.bad(BadValueReason.EMPTY_VALUE);
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
    } catch (CharacterCodingException e) {
      return Decoded.bad(BadValueReason.NOT_UTF8);
    }
    return format == EventFormat.JSON ? decodeJson(text) : decodeCsv(text);
  }

  private Decoded decodeJson(String text) {
    Map<String, String> fields = FlatJson.parse(text);
    if (fields == null) {
      return Decoded.bad(BadValueReason.MALFORMED_JSON);
    }
    return build(
        fields.get(userField),
        fields.get(timestampField),
        fields.get(typeField),
        fields.get(itemField),
        fields.get(categoryField),
        fields.get(valueField));
  }

  private Decoded decodeCsv(String text) {
    List<String> f = csvLine(text);
    if (f == null) {
      return Decoded.bad(BadValueReason.MALFORMED_CSV);
    }
    if (f.size() != columns.size()) {
      return Decoded.bad(BadValueReason.WRONG_FIELD_COUNT);
    }
    return build(
        f.get(userCol),
        f.get(timeCol),
        f.get(typeCol),
        itemCol < 0 ? null : f.get(itemCol),
        categoryCol < 0 ? null : f.get(categoryCol),
        valueCol < 0 ? null : f.get(valueCol));
  }

  private static Decoded build(
      String user, String time, String type, String item, String category, String value) {
    if (user == null || time == null || type == null || user.isEmpty() || type.isEmpty()) {
      return Decoded.bad(BadValueReason.MISSING_FIELD);
    }
    long ts;
    try {
      ts = timestamp(time);
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      return Decoded.bad(BadValueReason.BAD_TIMESTAMP);
    }
    double v = Double.NaN;
    if (value != null && !value.isEmpty()) {
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return Decoded.bad(BadValueReason.BAD_NUMBER);
      }
      if (Double.isInfinite(v)) {
        return Decoded.bad(BadValueReason.BAD_NUMBER); // an event cannot carry an infinite value
      }
    }
    return new Decoded(
        new Event(user, ts, type, emptyToNull(item), emptyToNull(category), v), null);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static long timestamp(String s) {
    if (s.isEmpty()) {
      throw new NumberFormatException("empty");
    }
    char c = s.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-') {
      boolean digits = true;
      for (int i = 1; i < s.length(); i++) {
        char x = s.charAt(i);
        if (x < '0' || x > '9') {
          digits = false;
          break;
        }
      }
      if (digits) {
        return Long.parseLong(s);
      }
    }
    return Instant.parse(s).toEpochMilli();
  }

  /** Splits one RFC 4180 line; null when a quote is unbalanced or a line break is inside. */
  static List<String> csvLine(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
      if (end > 0 && line.charAt(end - 1) == '\r') {
        end--;
      }
    }
    List<String> out = new ArrayList<>(8);
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (true) {
      cur.setLength(0);
      if (i < end && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < end) {
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < end && line.charAt(i) == '"') {
              cur.append('"');
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            cur.append(c);
          }
        }
        if (!closed || (i < end && line.charAt(i) != ',')) {
          return null;
        }
      } else {
        while (i < end && line.charAt(i) != ',') {
          char c = line.charAt(i++);
          if (c == '"' || c == '\n' || c == '\r') {
            return null;
          }
          cur.append(c);
        }
      }
      out.add(cur.toString());
      if (i >= end) {
        return out;
      }
      i++; // the comma
    }
  }

  /**
   * Builds an {@link EventDecoder}; every option has a default (JSON, the quickstart's field
   * names).
   */
  public static final class Builder {
    private EventFormat format = EventFormat.JSON;
    private String userField = "user_id";
    private String timestampField = "timestamp";
    private String typeField = "event_type";
    private String itemField = "item_id";
    private String categoryField = "category";
    private String valueField = "amount";
    private List<String> columns;

    private Builder() {}

    /** JSON (default) or CSV. */
    public Builder setFormat(EventFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The names of the user, timestamp, type, item, category and value fields. */
    public Builder setFields(
        String user, String timestamp, String type, String item, String category, String value) {
      this.userField = name(user, "user");
      this.timestampField = name(timestamp, "timestamp");
      this.typeField = name(type, "type");
      this.itemField = name(item, "item");
      this.categoryField = name(category, "category");
      this.valueField = name(value, "value");
      return this;
    }

    /**
     * The CSV columns in order, by name; fields not among them are absent. Defaults to user,
     * timestamp, type, item, category, value.
     */
    public Builder setColumns(List<String> columns) {
      Objects.requireNonNull(columns, "columns");
      if (columns.isEmpty() || new java.util.HashSet<>(columns).size() != columns.size()) {
        throw new IllegalArgumentException(
            "columns " + columns + " must be non-empty and distinct");
      }
      this.columns = List.copyOf(columns);
      return this;
    }

    private static String name(String n, String what) {
      Objects.requireNonNull(n, what);
      if (n.isBlank()) {
        throw new IllegalArgumentException("the " + what + " field name is blank; name the field");
      }
      return n;
    }

    /** The decoder. */
    public EventDecoder get() {
      return new EventDecoder(this);
    }
  }

  /**
   * A parser of one flat JSON object whose values are strings, numbers, booleans or null; nested
   * values make the object malformed (returns null). Numbers are kept as their text.
   */
  static final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
      this.s = s;
    }

    static Map<String, String> parse(String text) {
      try {
        return new FlatJson(text).object();
      } catch (IndexOutOfBoundsException | IllegalStateException e) {
        return null;
      }
    }

    private Map<String, String> object() {
      ws();
      expect('{');
      Map<String, String> m = new HashMap<>();
      ws();
      if (peek() == '}') {
        i++;
      } else {
        while (true) {
          ws();
          String key = string();
          ws();
          expect(':');
          ws();
          m.put(key, value());
          ws();
          char c = s.charAt(i++);
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw new IllegalStateException();
          }
        }
      }
      ws();
      if (i != s.length()) {
        throw new IllegalStateException();
      }
      return m;
    }

    private String value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      if (s.startsWith("true", i)) {
        i += 4;
        return "true";
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return "false";
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (i == start) {
        throw new IllegalStateException();
      }
      return s.substring(start, i);
    }

    private String string() {
      expect('"');
      StringBuilder b = null;
      int start = i;
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b == null ? s.substring(start, i - 1) : b.toString();
        }
        if (c < 0x20) {
          throw new IllegalStateException();
        }
        if (c == '\\') {
          if (b == null) {
            b = new StringBuilder(s.substring(start, i - 1));
          }
          char e = s.charAt(i++);
          switch (e) {
            case '"', '\\', '/' -> b.append(e);
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'n' -> b.append('\n');
            case 'r' -> b.append('\r');
            case 't' -> b.append('\t');
            case 'u' -> {
              if (i + 4 > s.length()) {
                throw new IllegalStateException();
              }
              try {
                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              } catch (NumberFormatException ex) {
                throw new IllegalStateException();
              }
              i += 4;
            }
            default -> throw new IllegalStateException();
          }
        } else if (b != null) {
          b.append(c);
        }
      }
    }

    private char peek() {
      return s.charAt(i);
    }

    private void expect(char c) {
      if (s.charAt(i++) != c) {
        throw new IllegalStateException();
      }
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
