package org.aidmp.data;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable row: a value per column of its {@link Schema} ({@code null} where missing) and the
 * {@link Origin} it was read from.
 *
 * <pre>{@code
 * Record r = Record.of(schema, "u42", Instant.parse("2026-01-01T00:00:00Z"), 9.99);
 * double value = r.getDouble("value");
 * Record fixed = r.with("value", 10.0);   // a new record; r is unchanged
 * }</pre>
 *
 * <p>Values must have the Java type their column's {@link ColumnType} names; the constructor
 * checks.
 */
public final class Record {
  private final Schema schema;
  private final Object[] values;
  private final Origin origin;

  private Record(Schema schema, Object[] values, Origin origin, boolean check) {
    this.schema = schema;
    this.values = values;
    this.origin = origin;
    if (check) {
      if (values.length != schema.size()) {
        throw new IllegalArgumentException(
            "record has "
                + values.length
                + " values but the schema has "
                + schema.size()
                + " columns "
                + schema.names());
      }
      for (int i = 0; i < values.length; i++) {
        Column c = schema.column(i);
        if (!c.type().accepts(values[i])) {
          throw new IllegalArgumentException(
              "column '"
                  + c.name()
                  + "' is "
                  + c.type()
                  + " but got a "
                  + values[i].getClass().getSimpleName()
                  + " at "
                  + origin);
        }
      }
    }
  }

  /** A record of the given values (copied) and origin. */
  public static Record of(Schema schema, Origin origin, Object... values) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(origin, "origin");
    return new Record(schema, values.clone(), origin, true);
  }

  /** A record made in memory, with {@link Origin#IN_MEMORY}. */
  public static Record of(Schema schema, Object... values) {
    return of(schema, Origin.IN_MEMORY, values);
  }

  /** The schema of this record. */
  public Schema schema() {
    return schema;
  }

  /** Where this record was read from. */
  public Origin origin() {
    return origin;
  }

  /** The number of values, equal to the schema's size. */
  public int size() {
    return values.length;
  }

  /** The value at {@code index}, or {@code null} if missing. */
  public Object get(int index) {
    return values[index];
  }

  /** The value of the named column, or {@code null} if missing. */
  public Object get(String column) {
    return values[schema.indexOf(column)];
  }

  /** Whether the value at {@code index} is missing: {@code null} or a blank string. */
  public boolean isMissing(int index) {
    Object v = values[index];
    return v == null || (v instanceof String s && s.isBlank());
  }

  /** The value as text ({@code null} if missing); non-string values are formatted. */
  public String getString(int index) {
    Object v = values[index];
    return v == null ? null : v.toString();
  }

  /** The named column's value as text. */
  public String getString(String column) {
    return getString(schema.indexOf(column));
  }

  /** The value as a double; numbers convert, anything else is an error. NaN if missing. */
  public double getDouble(int index) {
    Object v = values[index];
    if (v == null) {
      return Double.NaN;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalStateException(
        "column '"
            + schema.column(index).name()
            + "' holds "
            + v.getClass().getSimpleName()
            + ", not a number, at "
            + origin
            + "; convert types first");
  }

  /** The named column's value as a double. */
  public double getDouble(String column) {
    return getDouble(schema.indexOf(column));
  }

  /** The value as an {@link Instant}, or {@code null} if missing. */
  public Instant getInstant(int index) {
    Object v = values[index];
    if (v == null || v instanceof Instant) {
      return (Instant) v;
    }
    throw new IllegalStateException(
        "column '"
            + schema.column(index).name()
            + "' holds "
            + v.getClass().getSimpleName()
            + ", not a timestamp, at "
            + origin
            + "; convert types first");
  }

  /** A copy of all values. */
  public Object[] values() {
    return values.clone();
  }

  /** A record like this one with the value at {@code index} replaced. */
  public Record with(int index, Object value) {
    Object[] copy = values.clone();
    copy[index] = value;
    return new Record(schema, copy, origin, true);
  }

  /** A record like this one with the named column's value replaced. */
  public Record with(String column, Object value) {
    return with(schema.indexOf(column), value);
  }

  /**
   * A record of another schema with the given values (taken, not copied: the caller hands them
   * over) and this record's origin. Used by stages that add, drop or retype columns.
   */
  public Record reshape(Schema newSchema, Object[] newValues) {
    return new Record(newSchema, newValues, origin, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r && r.schema.equals(schema) && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * schema.hashCode() + Arrays.hashCode(values);
  }

  /** Shows the origin and the number of values, never the values: rows may hold personal data. */
  @Override
  public String toString() {
    return "Record[" + origin + ", " + values.length + " values]";
  }
}
