package org.aidmp.data;

import java.util.Objects;

/**
 * A named, typed column of a {@link Schema}.
 *
 * @param name the column name, unique within its schema, never blank
 * @param type the type of the column's values
 */
public record Column(String name, ColumnType type) {
  /** Checks that the name is not blank and the type is given. */
  public Column {
    Objects.requireNonNull(name, "column name");
    Objects.requireNonNull(type, "column type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name is blank; give every column a name");
    }
  }
}
