package org.aidmp.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.internal.time.TimestampParser;

/**
 * Which columns of a record hold the parts of an {@link Event}, and how to read them.
 *
 * <pre>{@code
 * EventMapping mapping = EventMapping.builder()
 *     .setUserIdColumn("user_id")
 *     .setTimestampColumn("ts")
 *     .setTypeColumn("event")
 *     .setCategoryColumn("category")
 *     .setValueColumn("price")
 *     .setAllowedTypes(List.of("view", "cart", "purchase"))
 *     .get();
 * Event e = mapping.map(record);   // BadRecordException if the row cannot be an event
 * }</pre>
 *
 * <p>User id, timestamp and type are required; the type comes from a column or, for data with one
 * kind of event (ratings), is fixed with {@link Builder#setFixedType(String)}. Item, category and
 * value are optional.
 *
 * <p>Values may already be typed (an {@link Instant} or epoch number for the timestamp, a {@link
 * Number} for the value) or still be raw text, so a mapping works before or without a
 * type-conversion cleaner: a timestamp text is an ISO-8601 instant ({@code 2026-01-05T10:00:00Z},
 * with an optional fraction or a {@code +01:00} offset) or an integer count of {@link EpochUnit}s
 * since the epoch; a value text is a decimal number. A missing item or category gives {@code null};
 * a missing value, or a typed {@code Double.NaN}, gives {@link Double#NaN} (no value); the text
 * {@code "NaN"} and infinite values are rejected.
 *
 * <p>A row that cannot become an event (missing user id, timestamp or type; a timestamp or value
 * that does not parse; a non-finite value; a type outside {@link #allowedTypes()} when that set is
 * not empty) raises a {@link BadRecordException} naming the source, line and column, so the
 * caller's {@link org.aidmp.data.BadRecordPolicy} decides. A schema that lacks a mapped column or
 * gives it an unusable type is a configuration error ({@link IllegalArgumentException}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EventMapping {
  /** The unit of a timestamp given as a number (or integer text) since the epoch. */
  public enum EpochUnit {
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    MILLISECONDS(1L),
    /** Seconds since 1970-01-01T00:00:00Z (Unix time, as in MovieLens). */
    SECONDS(1000L);

    private final long millis;

    EpochUnit(long millis) {
      this.millis = millis;
    }

    /** Milliseconds in one unit. */
    public long millis() {
      return millis;
    }
  }

  private final String userIdColumn;
  private final String timestampColumn;
  private final String typeColumn;
  private final String fixedType;
  private final String itemColumn;
  private final String categoryColumn;
  private final String valueColumn;
  private final Set<String> allowedTypes;
  private final EpochUnit epochUnit;
  private final String allowedTypesText;

  /** The column positions for the last schema seen; records of one source share a schema. */
  private volatile Bound bound;

  private EventMapping(Builder b) {
    this.userIdColumn = b.userIdColumn;
    this.timestampColumn = b.timestampColumn;
    this.typeColumn = b.typeColumn;
    this.fixedType = b.fixedType;
    this.itemColumn = b.itemColumn;
    this.categoryColumn = b.categoryColumn;
    this.valueColumn = b.valueColumn;
    this.allowedTypes = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedTypes));
    this.epochUnit = b.epochUnit;
    if (userIdColumn == null) {
      throw new IllegalArgumentException(
          "no user id column; call setUserIdColumn with the column that holds user ids");
    }
    if (timestampColumn == null) {
      throw new IllegalArgumentException(
          "no timestamp column; call setTimestampColumn with the column that holds event times");
    }
    if (typeColumn == null && fixedType == null) {
      throw new IllegalArgumentException(
          "no event type; call setTypeColumn, or setFixedType when every row is one kind of event");
    }
    if (typeColumn != null && fixedType != null) {
      throw new IllegalArgumentException(
          "both a type column ('"
              + typeColumn
              + "') and a fixed type ('"
              + fixedType
              + "') are set; keep one of them");
    }
    if (fixedType != null && !allowedTypes.isEmpty() && !allowedTypes.contains(fixedType)) {
      throw new IllegalArgumentException(
          "the fixed type '"
              + fixedType
              + "' is not among the allowed types "
              + allowedTypes
              + "; add it or drop the allowed types");
    }
    List<String> used = new ArrayList<>();
    for (String c :
        new String[] {
          userIdColumn, timestampColumn, typeColumn, itemColumn, categoryColumn, valueColumn
        }) {
      if (c != null) {
        if (used.contains(c)) {
          throw new IllegalArgumentException(
              "column '" + c + "' is mapped to two parts of the event; map each column once");
        }
        used.add(c);
      }
    }
    this.allowedTypesText = allowedTypes.toString();
  }

  /** A new builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this mapping's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.userIdColumn = userIdColumn;
    b.timestampColumn = timestampColumn;
    b.typeColumn = typeColumn;
    b.fixedType = fixedType;
    b.itemColumn = itemColumn;
    b.categoryColumn = categoryColumn;
    b.valueColumn = valueColumn;
    b.allowedTypes.addAll(allowedTypes);
    b.epochUnit = epochUnit;
    return b;
  }

  /** The column holding user ids. */
  public String userIdColumn() {
    return userIdColumn;
  }

  /** The column holding event times. */
  public String timestampColumn() {
    return timestampColumn;
  }

  /** The column holding event types, if types come from a column. */
  public Optional<String> typeColumn() {
    return Optional.ofNullable(typeColumn);
  }

  /** The type given to every event, if types do not come from a column. */
  public Optional<String> fixedType() {
    return Optional.ofNullable(fixedType);
  }

  /** The column holding item ids, if mapped. */
  public Optional<String> itemColumn() {
    return Optional.ofNullable(itemColumn);
  }

  /** The column holding item categories, if mapped. */
  public Optional<String> categoryColumn() {
    return Optional.ofNullable(categoryColumn);
  }

  /** The column holding event values (amounts), if mapped. */
  public Optional<String> valueColumn() {
    return Optional.ofNullable(valueColumn);
  }

  /** The accepted event types, in the order given; empty means any type is accepted. */
  public Set<String> allowedTypes() {
    return allowedTypes;
  }

  /** The unit of numeric timestamps. */
  public EpochUnit epochUnit() {
    return epochUnit;
  }

  /**
   * Checks that {@code schema} has every mapped column with a usable type.
   *
   * @throws IllegalArgumentException naming the missing or mistyped column
   */
  public void check(Schema schema) {
    bind(schema);
  }

  /**
   * The event a record describes.
   *
   * @throws BadRecordException if the row cannot be an event (see the class description)
   * @throws IllegalArgumentException if the record's schema does not fit this mapping
   */
  public Event map(Record record) {
    Schema schema = record.schema();
    Bound b = bound;
    if (b == null || (b.schema != schema && !b.schema.equals(schema))) {
      b = bind(schema);
      bound = b;
    }
    String userId = text(record.get(b.userId));
    if (userId == null) {
      throw bad(record, userIdColumn, "user id is missing");
    }
    Object tsValue = record.get(b.timestamp);
    long ts = tsValue == null ? Long.MIN_VALUE : timestamp(tsValue);
    if (ts == Long.MIN_VALUE) {
      throw bad(
          record,
          timestampColumn,
          tsValue == null || (tsValue instanceof String s && s.isBlank())
              ? "timestamp is missing"
              : "timestamp is neither an ISO-8601 instant nor a whole number of "
                  + epochUnit.name().toLowerCase()
                  + " since the epoch; fix the data or set the"
                  + " epoch unit");
    }
    String type;
    if (b.type >= 0) {
      type = text(record.get(b.type));
      if (type == null) {
        throw bad(record, typeColumn, "event type is missing");
      }
      if (!allowedTypes.isEmpty() && !allowedTypes.contains(type)) {
        throw bad(
            record,
            typeColumn,
            "event type is not one of the allowed types "
                + allowedTypesText
                + "; add it to the allowed types or clean the data");
      }
    } else {
      type = fixedType;
    }
    String item = b.item >= 0 ? text(record.get(b.item)) : null;
    String category = b.category >= 0 ? text(record.get(b.category)) : null;
    double value = Double.NaN;
    if (b.value >= 0) {
      Object v = record.get(b.value);
      if (v instanceof Number n) {
        value = n.doubleValue();
      } else if (v instanceof String s && !s.isBlank()) {
        try {
          value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw bad(record, valueColumn, "value is not a decimal number");
        }
      } else if (v != null && !(v instanceof String)) {
        throw bad(
            record, valueColumn, "value is a " + v.getClass().getSimpleName() + ", not a number");
      }
      if (Double.isInfinite(value)
          || (Double.isNaN(value) && v instanceof String s && !s.isBlank())) {
        throw bad(record, valueColumn, "value is not a finite number");
      }
    }
    return new Event(userId, ts, type, item, category, value);
  }

  private static BadRecordException bad(Record r, String column, String reason) {
    return new BadRecordException(r.origin().source(), r.origin().line(), column, reason);
  }

  /** A non-blank text for an id-like value, or null when missing. */
  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s.isBlank() ? null : s;
    }
    return v.toString();
  }

  /** Epoch millis of a timestamp value, or {@code Long.MIN_VALUE} when it cannot be read. */
  long timestamp(Object v) {
    if (v instanceof Instant i) {
      return millis(i);
    }
    if (v instanceof Long || v instanceof Integer) {
      return scale(((Number) v).longValue());
    }
    if (v instanceof Number n) {
      double d = n.doubleValue() * epochUnit.millis;
      return Double.isFinite(d) && Math.abs(d) < 9e18 ? Math.round(d) : Long.MIN_VALUE;
    }
    if (v instanceof String s) {
      return parseTimestamp(s);
    }
    return Long.MIN_VALUE;
  }

  private long scale(long units) {
    long m = epochUnit.millis;
    if (m == 1) {
      return units == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : units;
    }
    long r = units * m;
    return r / m == units ? r : Long.MIN_VALUE;
  }

  private static long millis(Instant i) {
    try {
      return i.toEpochMilli();
    } catch (ArithmeticException e) {
      return Long.MIN_VALUE;
    }
  }

  private long parseTimestamp(String s) {
    int n = s.length();
    if (n == 0) {
      return Long.MIN_VALUE;
    }
    char c0 = s.charAt(0);
    if ((c0 >= '0' && c0 <= '9') || c0 == '-') {
      boolean digits = n <= 19;
      for (int i = c0 == '-' ? 1 : 0; i < n && digits; i++) {
        char c = s.charAt(i);
        digits = c >= '0' && c <= '9';
      }
      if (digits && n > (c0 == '-' ? 1 : 0)) {
        try {
          return scale(Long.parseLong(s));
        } catch (NumberFormatException e) {
          return Long.MIN_VALUE;
        }
      }
    }
    return TimestampParser.UTC.parseMillis(s);
  }

  private static final EnumSet<ColumnType> ID_TYPES =
      EnumSet.of(ColumnType.STRING, ColumnType.CATEGORY, ColumnType.INT, ColumnType.LONG);
  private static final EnumSet<ColumnType> TIME_TYPES =
      EnumSet.of(
          ColumnType.TIMESTAMP,
          ColumnType.LONG,
          ColumnType.INT,
          ColumnType.DOUBLE,
          ColumnType.STRING);
  private static final EnumSet<ColumnType> NUMBER_TYPES =
      EnumSet.of(ColumnType.DOUBLE, ColumnType.INT, ColumnType.LONG, ColumnType.STRING);

  private Bound bind(Schema schema) {
    int user = column(schema, userIdColumn, "user id", ID_TYPES);
    int ts = column(schema, timestampColumn, "timestamp", TIME_TYPES);
    int type = typeColumn == null ? -1 : column(schema, typeColumn, "type", ID_TYPES);
    int item = itemColumn == null ? -1 : column(schema, itemColumn, "item", ID_TYPES);
    int cat = categoryColumn == null ? -1 : column(schema, categoryColumn, "category", ID_TYPES);
    int value = valueColumn == null ? -1 : column(schema, valueColumn, "value", NUMBER_TYPES);
    return new Bound(schema, user, ts, type, item, cat, value);
  }

  private static int column(Schema schema, String name, String part, Set<ColumnType> allowed) {
    if (!schema.contains(name)) {
      throw new IllegalArgumentException(
          "the "
              + part
              + " column '"
              + name
              + "' is not in the schema "
              + schema.names()
              + "; fix the mapping or the source");
    }
    int i = schema.indexOf(name);
    ColumnType t = schema.column(i).type();
    if (!allowed.contains(t)) {
      throw new IllegalArgumentException(
          "the "
              + part
              + " column '"
              + name
              + "' is "
              + t
              + "; map a column of one of the types "
              + allowed);
    }
    return i;
  }

  private record Bound(
      Schema schema, int userId, int timestamp, int type, int item, int category, int value) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof EventMapping m
        && m.userIdColumn.equals(userIdColumn)
        && m.timestampColumn.equals(timestampColumn)
        && Objects.equals(m.typeColumn, typeColumn)
        && Objects.equals(m.fixedType, fixedType)
        && Objects.equals(m.itemColumn, itemColumn)
        && Objects.equals(m.categoryColumn, categoryColumn)
        && Objects.equals(m.valueColumn, valueColumn)
        && m.allowedTypes.equals(allowedTypes)
        && m.epochUnit == epochUnit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userIdColumn,
        timestampColumn,
        typeColumn,
        fixedType,
        itemColumn,
        categoryColumn,
        valueColumn,
        allowedTypes,
        epochUnit);
  }

  @Override
  public String toString() {
    return "EventMapping[user="
        + userIdColumn
        + ", timestamp="
        + timestampColumn
        + (typeColumn != null ? ", type=" + typeColumn : ", fixedType=" + fixedType)
        + (itemColumn != null ? ", item=" + itemColumn : "")
        + (categoryColumn != null ? ", category=" + categoryColumn : "")
        + (valueColumn != null ? ", value=" + valueColumn : "")
        + (allowedTypes.isEmpty() ? "" : ", allowedTypes=" + allowedTypes)
        + ", epochUnit="
        + epochUnit
        + "]";
  }

  /** Collects the settings of an {@link EventMapping}; {@link #get()} does not change it. */
  public static final class Builder {
    private String userIdColumn;
    private String timestampColumn;
    private String typeColumn;
    private String fixedType;
    private String itemColumn;
    private String categoryColumn;
    private String valueColumn;
    private final Set<String> allowedTypes = new LinkedHashSet<>();
    private EpochUnit epochUnit = EpochUnit.MILLISECONDS;

    private Builder() {}

    /** The column that holds user ids (required). */
    public Builder setUserIdColumn(String column) {
      this.userIdColumn = name(column, "user id");
      return this;
    }

    /** The column that holds event times (required). */
    public Builder setTimestampColumn(String column) {
      this.timestampColumn = name(column, "timestamp");
      return this;
    }

    /** The column that holds event types; or use {@link #setFixedType(String)}. */
    public Builder setTypeColumn(String column) {
      this.typeColumn = name(column, "type");
      return this;
    }

    /** The type of every event, for data without a type column (ratings: "rating"). */
    public Builder setFixedType(String type) {
      Objects.requireNonNull(type, "type");
      if (type.isBlank()) {
        throw new IllegalArgumentException("fixed type is blank; give a name such as \"rating\"");
      }
      this.fixedType = type;
      return this;
    }

    /** The column that holds item ids (optional). */
    public Builder setItemColumn(String column) {
      this.itemColumn = name(column, "item");
      return this;
    }

    /** The column that holds item categories (optional). */
    public Builder setCategoryColumn(String column) {
      this.categoryColumn = name(column, "category");
      return this;
    }

    /** The column that holds event values such as prices or ratings (optional). */
    public Builder setValueColumn(String column) {
      this.valueColumn = name(column, "value");
      return this;
    }

    /**
     * The event types to accept; an event of any other type is a bad record. Empty (the default)
     * accepts every type.
     */
    public Builder setAllowedTypes(Collection<String> types) {
      Objects.requireNonNull(types, "types");
      for (String t : types) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException(
              "allowed types " + types + " contain a null or blank type; remove it");
        }
      }
      allowedTypes.clear();
      allowedTypes.addAll(types);
      return this;
    }

    /** The unit of numeric timestamps; default {@link EpochUnit#MILLISECONDS}. */
    public Builder setEpochUnit(EpochUnit unit) {
      this.epochUnit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /**
     * The mapping.
     *
     * @throws IllegalArgumentException if a required column is unset, a column is mapped twice, or
     *     the type settings conflict
     */
    public EventMapping get() {
      return new EventMapping(this);
    }

    private static String name(String column, String part) {
      Objects.requireNonNull(column, part + " column");
      if (column.isBlank()) {
        throw new IllegalArgumentException(
            "the " + part + " column name is blank; give the name of a column in the source");
      }
      return column;
    }
  }
}
