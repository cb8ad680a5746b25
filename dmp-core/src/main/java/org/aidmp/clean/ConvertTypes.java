package org.aidmp.clean;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.Column;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.internal.time.TimestampParser;

/**
 * Converts records to the column types of a target {@link Schema}: text read from CSV becomes
 * numbers, booleans and timestamps.
 *
 * <pre>{@code
 * Schema typed = Schema.builder()
 *     .add("user_id", ColumnType.STRING)
 *     .add("ts", ColumnType.TIMESTAMP)
 *     .add("value", ColumnType.DOUBLE)
 *     .build();
 * ConvertTypes convert = ConvertTypes.builder()
 *     .setTarget(typed)
 *     .setZone(ZoneId.of("Europe/Paris"))
 *     .addTimestampPattern("dd/MM/yyyy HH:mm")
 *     .get();
 * }</pre>
 *
 * <p>Columns are matched by name, and every input column must be in the target (drop the others
 * first with {@link Cleaners#dropColumns}); the output has the target's column order. What text is
 * accepted (surrounding white space is ignored; a blank value becomes missing, {@code null}):
 *
 * <ul>
 *   <li>{@code INT}, {@code LONG}: an optional sign and decimal digits, within the type's range;
 *   <li>{@code DOUBLE}: decimal notation with an optional fraction and exponent ({@code -1.5e3});
 *       {@code NaN}, {@code Infinity}, hexadecimal and values beyond the double range are rejected,
 *       so no non-finite number enters the data here;
 *   <li>{@code BOOLEAN}: {@code true/false}, {@code yes/no}, {@code y/n}, {@code 1/0}, in any case;
 *   <li>{@code TIMESTAMP}: first the patterns added with {@link Builder#addTimestampPattern}, in
 *       order; then epoch seconds or milliseconds ({@link EpochUnit}), written as digits; then
 *       ISO-8601: an instant with {@code Z} or an offset, a local date-time ({@code T} or a space
 *       between date and time), or a date (the start of that day). Values without an offset are
 *       read in the {@linkplain Builder#setZone zone} (default UTC);
 *   <li>{@code STRING}, {@code CATEGORY}: kept; non-text values are formatted with {@code
 *       toString()}.
 * </ul>
 *
 * <p>Values that already have the target type are kept; integers widen to {@code LONG} and {@code
 * DOUBLE}, and narrow only when they fit. A value that cannot be converted rejects the record with
 * a {@link BadRecordException} naming the column and what was expected, never the value.
 */
public final class ConvertTypes implements Cleaner {
  /** The unit of timestamps written as a bare number. */
  public enum EpochUnit {
    /** Seconds since 1970-01-01T00:00Z. */
    SECONDS,
    /** Milliseconds since 1970-01-01T00:00Z. */
    MILLISECONDS
  }

  private final String name;
  private final Schema target;
  private final ZoneId zone;
  private final EpochUnit epochUnit;
  private final List<String> patterns;
  private final List<DateTimeFormatter> formatters;
  private final TimestampParser timestamps;
  private final String timestampReason;

  private ConvertTypes(Builder b) {
    if (b.target == null) {
      throw new IllegalArgumentException("no target schema; call setTarget(schema)");
    }
    this.name = b.name;
    this.target = b.target;
    this.zone = b.zone;
    this.epochUnit = b.epochUnit;
    this.patterns = List.copyOf(b.patterns);
    this.formatters = List.copyOf(b.formatters);
    this.timestamps = new TimestampParser(zone, epochUnit == EpochUnit.MILLISECONDS, formatters);
    this.timestampReason =
        "not a timestamp: expected ISO-8601, epoch "
            + epochUnit.name().toLowerCase(Locale.ROOT)
            + (patterns.isEmpty() ? "" : ", or the patterns " + patterns);
  }

  /** A converter to {@code target} with the default options. */
  public static ConvertTypes to(Schema target) {
    return builder().setTarget(target).get();
  }

  /** A new builder; the target schema must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.target = target;
    b.zone = zone;
    b.epochUnit = epochUnit;
    b.patterns.addAll(patterns);
    b.formatters.addAll(formatters);
    return b;
  }

  /** The schema of the records this cleaner returns. */
  public Schema target() {
    return target;
  }

  /** The zone for timestamps without an offset. */
  public ZoneId zone() {
    return zone;
  }

  /** The unit of numeric timestamps. */
  public EpochUnit epochUnit() {
    return epochUnit;
  }

  @Override
  public String name() {
    return name;
  }

  /** The target schema, after checking that {@code input} can be converted to it. */
  @Override
  public Schema outputSchema(Schema input) {
    plan(input);
    return target;
  }

  /** Cleans one record, binding to its schema first; a pipeline binds once per pass instead. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    return new Bound(input, plan(input));
  }

  /** For each target column, the input position; checks the columns and type pairs. */
  private int[] plan(Schema input) {
    for (String n : input.names()) {
      if (!target.contains(n)) {
        throw new IllegalArgumentException(
            name
                + ": input column '"
                + n
                + "' is not in the target schema "
                + target.names()
                + "; add it to the target or drop it with Cleaners.dropColumns first");
      }
    }
    int[] from = new int[target.size()];
    for (int i = 0; i < from.length; i++) {
      Column c = target.column(i);
      from[i] =
          input
              .find(c.name())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          name
                              + ": target column '"
                              + c.name()
                              + "' is not in the input "
                              + input.names()
                              + "; remove it from the target or fix its name"));
      ColumnType in = input.column(from[i]).type();
      if (!convertible(in, c.type())) {
        throw new IllegalArgumentException(
            name
                + ": cannot convert column '"
                + c.name()
                + "' from "
                + in
                + " to "
                + c.type()
                + "; convert it from text, or keep its type");
      }
    }
    return from;
  }

  private static boolean convertible(ColumnType in, ColumnType out) {
    return in == out
        || Columns.isText(in)
        || Columns.isText(out)
        || (Columns.isNumeric(in) && Columns.isNumeric(out));
  }

  /** Converts one value to {@code type}; {@code column} is for the rejection message. */
  Object convert(Object v, ColumnType type, String column) {
    if (v == null) {
      return null;
    }
    if (Columns.isText(type)) {
      return v instanceof String ? v : v.toString();
    }
    if (v instanceof String raw) {
      String s = TextValues.strip(raw);
      if (s.isEmpty()) {
        return null;
      }
      switch (type) {
        case INT:
          return TextValues.parseInt(s, column);
        case LONG:
          return TextValues.parseLong(s, column);
        case DOUBLE:
          return TextValues.parseDouble(s, column);
        case BOOLEAN:
          return TextValues.parseBoolean(s, column);
        case TIMESTAMP:
          Instant t = timestamps.parse(s);
          if (t == null) {
            throw new BadRecordException(column, timestampReason);
          }
          return t;
        default:
          throw new AssertionError(type);
      }
    }
    if (type.javaType().isInstance(v)) {
      return v;
    }
    return convertNumber((Number) v, type, column);
  }

  private static Object convertNumber(Number n, ColumnType type, String column) {
    if (type == ColumnType.DOUBLE) {
      return n.doubleValue();
    }
    long l;
    if (n instanceof Double d) {
      if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) >= 0x1p63) {
        throw new BadRecordException(column, "not an integer");
      }
      l = d.longValue();
    } else {
      l = n.longValue();
    }
    if (type == ColumnType.LONG) {
      return l;
    }
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new BadRecordException(column, "integer out of the INT range; use LONG");
    }
    return (int) l;
  }

  @Override
  public String toString() {
    return "ConvertTypes["
        + name
        + ", target="
        + target
        + ", zone="
        + zone
        + ", epoch="
        + epochUnit
        + ", patterns="
        + patterns
        + "]";
  }

  private final class Bound implements Cleaner {
    private final int[] from;
    private final ColumnType[] types;
    private final String[] names;
    private final boolean sameSchema;

    Bound(Schema input, int[] from) {
      this.from = from;
      this.types = new ColumnType[target.size()];
      this.names = new String[target.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = target.column(i).type();
        names[i] = target.column(i).name();
      }
      this.sameSchema = input.equals(target);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      Object[] out = new Object[from.length];
      boolean changed = !sameSchema;
      for (int i = 0; i < out.length; i++) {
        Object v = r.get(from[i]);
        Object c = convert(v, types[i], names[i]);
        out[i] = c;
        changed |= c != v;
      }
      return changed ? r.reshape(target, out) : r;
    }
  }

  /** Builds a {@link ConvertTypes}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "convert-types";
    private Schema target;
    private ZoneId zone = ZoneOffset.UTC;
    private EpochUnit epochUnit = EpochUnit.SECONDS;
    private final List<String> patterns = new ArrayList<>();
    private final List<DateTimeFormatter> formatters = new ArrayList<>();

    private Builder() {}

    /** The rule's name in reports; default {@code "convert-types"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** The schema to convert to. */
    public Builder setTarget(Schema target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /** The zone for timestamps without an offset; default UTC. */
    public Builder setZone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The unit of timestamps written as a bare number; default {@link EpochUnit#SECONDS}. */
    public Builder setEpochUnit(EpochUnit epochUnit) {
      this.epochUnit = Objects.requireNonNull(epochUnit, "epochUnit");
      return this;
    }

    /**
     * Adds a {@link DateTimeFormatter} pattern for timestamps, tried before the built-in forms in
     * the order added; the pattern must give at least a date. Parsed with {@link Locale#ROOT}.
     */
    public Builder addTimestampPattern(String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      DateTimeFormatter f;
      try {
        f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "timestamp pattern \""
                + pattern
                + "\" is invalid ("
                + e.getMessage()
                + "); see DateTimeFormatter for the pattern letters",
            e);
      }
      patterns.add(pattern);
      formatters.add(f);
      return this;
    }

    /** Adds a formatter for timestamps, tried before the built-in forms in the order added. */
    public Builder addTimestampFormatter(DateTimeFormatter formatter) {
      Objects.requireNonNull(formatter, "formatter");
      patterns.add(formatter.toString());
      formatters.add(formatter);
      return this;
    }

    /** The configured cleaner. */
    public ConvertTypes get() {
      return new ConvertTypes(this);
    }
  }
}
