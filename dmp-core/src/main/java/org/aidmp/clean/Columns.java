package org.aidmp.clean;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aidmp.data.Column;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Schema;

/** Column-name handling shared by the cleaners: checks in builders, positions at bind time. */
final class Columns {
  private Columns() {}

  /** Checks a column name given to a builder. */
  static String checkName(String column) {
    Objects.requireNonNull(column, "column");
    if (column.isBlank()) {
      throw new IllegalArgumentException("column name is blank; give the name of a column");
    }
    return column;
  }

  /** Checks and de-duplicates column names given to a builder, keeping their order. */
  static List<String> checkNames(String... columns) {
    Objects.requireNonNull(columns, "columns");
    Set<String> seen = new LinkedHashSet<>();
    for (String c : columns) {
      if (!seen.add(checkName(c))) {
        throw new IllegalArgumentException("column '" + c + "' is given twice; give it once");
      }
    }
    return List.copyOf(seen);
  }

  /**
   * The positions of the named columns in {@code schema}, or of every text column ({@code STRING}
   * or {@code CATEGORY}) when {@code names} is empty.
   */
  static int[] textColumns(Schema schema, List<String> names, String rule) {
    if (names.isEmpty()) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        if (isText(schema.column(i).type())) {
          idx.add(i);
        }
      }
      return idx.stream().mapToInt(Integer::intValue).toArray();
    }
    int[] idx = new int[names.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = requireText(schema, names.get(i), rule);
    }
    return idx;
  }

  /** The position of a column that must exist and hold text. */
  static int requireText(Schema schema, String name, String rule) {
    int i = require(schema, name, rule);
    ColumnType t = schema.column(i).type();
    if (!isText(t)) {
      throw new IllegalArgumentException(
          rule
              + " works on text, but column '"
              + name
              + "' is "
              + t
              + "; apply it before converting types, or to a STRING or CATEGORY column");
    }
    return i;
  }

  /** The position of a column that must exist and be INT, LONG or DOUBLE. */
  static int requireNumeric(Schema schema, String name, String rule) {
    int i = require(schema, name, rule);
    ColumnType t = schema.column(i).type();
    if (!isNumeric(t)) {
      throw new IllegalArgumentException(
          rule
              + " needs a numeric column, but '"
              + name
              + "' is "
              + t
              + "; put ConvertTypes (to INT, LONG or DOUBLE) before it");
    }
    return i;
  }

  /** The position of a column that must exist. */
  static int require(Schema schema, String name, String rule) {
    return schema
        .find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    rule
                        + " names column '"
                        + name
                        + "', but the records have only "
                        + schema.names()
                        + "; fix the name or the order of the cleaners"));
  }

  static boolean isText(ColumnType t) {
    return t == ColumnType.STRING || t == ColumnType.CATEGORY;
  }

  static boolean isNumeric(ColumnType t) {
    return t == ColumnType.INT || t == ColumnType.LONG || t == ColumnType.DOUBLE;
  }

  /** The name of the column at {@code index}. */
  static String name(Schema schema, int index) {
    Column c = schema.column(index);
    return c.name();
  }
}
