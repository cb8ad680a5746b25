package org.aidmp.spark.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark rows as dmp {@link Record}s, so the one-JVM typing rules apply unchanged. */
public final class Records {
  private Records() {}

  /**
   * The dmp schema of a Spark schema: strings, integers, longs, doubles (floats and decimals too),
   * booleans and timestamps keep their type; anything else is read as text.
   */
  public static Schema schema(StructType spark) {
    Schema.Builder b = Schema.builder();
    for (StructField f : spark.fields()) {
      b.add(f.name(), type(f.dataType()));
    }
    return b.build();
  }

  private static ColumnType type(DataType t) {
    if (t.equals(DataTypes.IntegerType)
        || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.ByteType)) {
      return ColumnType.INT;
    }
    if (t.equals(DataTypes.LongType)) {
      return ColumnType.LONG;
    }
    if (t.equals(DataTypes.DoubleType)
        || t.equals(DataTypes.FloatType)
        || t instanceof DecimalType) {
      return ColumnType.DOUBLE;
    }
    if (t.equals(DataTypes.BooleanType)) {
      return ColumnType.BOOLEAN;
    }
    if (t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType)) {
      return ColumnType.TIMESTAMP;
    }
    return ColumnType.STRING;
  }

  /** The record of a row under {@code schema} (from {@link #schema}), at an origin. */
  public static Record of(Schema schema, Row r, Origin origin) {
    Object[] v = new Object[schema.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.isNullAt(i) ? null : value(schema.column(i).type(), r.get(i));
    }
    return Record.of(schema, origin, v);
  }

  private static Object value(ColumnType t, Object o) {
    switch (t) {
      case INT:
        return ((Number) o).intValue();
      case LONG:
        return ((Number) o).longValue();
      case DOUBLE:
        return o instanceof BigDecimal bd ? bd.doubleValue() : ((Number) o).doubleValue();
      case BOOLEAN:
        return o;
      case TIMESTAMP:
        if (o instanceof Timestamp ts) {
          return ts.toInstant();
        }
        if (o instanceof LocalDateTime ldt) {
          return ldt.toInstant(ZoneOffset.UTC);
        }
        return (Instant) o;
      default:
        return o.toString();
    }
  }
}
