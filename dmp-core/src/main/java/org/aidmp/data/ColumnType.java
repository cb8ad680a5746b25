package org.aidmp.data;

import java.time.Instant;

/**
 * The type of a column and the Java type its non-missing values have in a {@link Record}.
 *
 * <p>A source that reads text (CSV) produces {@link #STRING} values; the type-conversion cleaner
 * turns them into the declared types.
 */
public enum ColumnType {
  /** Free text; values are {@link String}. */
  STRING(String.class),
  /** 32-bit integer; values are {@link Integer}. */
  INT(Integer.class),
  /** 64-bit integer; values are {@link Long}. */
  LONG(Long.class),
  /** Double-precision number; values are {@link Double}. */
  DOUBLE(Double.class),
  /** True or false; values are {@link Boolean}. */
  BOOLEAN(Boolean.class),
  /** A point in time; values are {@link Instant}. */
  TIMESTAMP(Instant.class),
  /** A label from a small set (country, category); values are {@link String}. */
  CATEGORY(String.class);

  private final Class<?> javaType;

  ColumnType(Class<?> javaType) {
    this.javaType = javaType;
  }

  /** The Java class that non-missing values of this type have. */
  public Class<?> javaType() {
    return javaType;
  }

  /** Whether {@code value} is a valid value of this type ({@code null}, missing, always is). */
  public boolean accepts(Object value) {
    return value == null || javaType.isInstance(value);
  }
}
