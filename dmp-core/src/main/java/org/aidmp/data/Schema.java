package org.aidmp.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered list of uniquely named, typed columns.
 *
 * <pre>{@code
 * Schema events = Schema.builder()
 *     .add("user_id", ColumnType.STRING)
 *     .add("ts", ColumnType.TIMESTAMP)
 *     .add("value", ColumnType.DOUBLE)
 *     .build();
 * int ts = events.indexOf("ts");
 * }</pre>
 *
 * <p>Schemas are immutable; derive a changed one with {@link #toBuilder()}.
 */
public final class Schema {
  private final List<Column> columns;
  private final Map<String, Integer> index;

  private Schema(List<Column> columns) {
    this.columns = List.copyOf(columns);
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      String name = this.columns.get(i).name();
      if (byName.putIfAbsent(name, i) != null) {
        throw new IllegalArgumentException(
            "column '"
                + name
                + "' appears twice (positions "
                + byName.get(name)
                + " and "
                + i
                + "); rename one of them");
      }
    }
    this.index = Collections.unmodifiableMap(byName);
  }

  /** A schema of the given columns, in order. */
  public static Schema of(List<Column> columns) {
    return new Schema(columns);
  }

  /** A schema in which every named column is a {@link ColumnType#STRING}, as read from text. */
  public static Schema ofStrings(List<String> names) {
    List<Column> cols = new ArrayList<>(names.size());
    for (String n : names) {
      cols.add(new Column(n, ColumnType.STRING));
    }
    return new Schema(cols);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this schema's columns. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.columns.addAll(columns);
    return b;
  }

  /** The number of columns. */
  public int size() {
    return columns.size();
  }

  /** The columns, in order; the list is unmodifiable. */
  public List<Column> columns() {
    return columns;
  }

  /** The column at {@code index}. */
  public Column column(int index) {
    return columns.get(index);
  }

  /** The column names, in order. */
  public List<String> names() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return names;
  }

  /** The position of the named column, if present. */
  public Optional<Integer> find(String name) {
    return Optional.ofNullable(index.get(name));
  }

  /** Whether a column of that name exists. */
  public boolean contains(String name) {
    return index.containsKey(name);
  }

  /**
   * The position of the named column.
   *
   * @throws IllegalArgumentException naming the column and listing the ones that exist
   */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + name + "'; the schema has " + names());
    }
    return i;
  }

  @Override
  public boolean equals(Object o) {
    // Records of one source share one schema instance, so identity answers the common case.
    return o == this || (o instanceof Schema s && s.columns.equals(columns));
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Schema[");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(columns.get(i).name()).append(':').append(columns.get(i).type());
    }
    return sb.append(']').toString();
  }

  /** Collects columns for a {@link Schema}; {@link #build()} never changes the builder. */
  public static final class Builder {
    private final List<Column> columns = new ArrayList<>();

    private Builder() {}

    /** Appends a column. */
    public Builder add(String name, ColumnType type) {
      columns.add(new Column(name, type));
      return this;
    }

    /** Changes the type of an existing column. */
    public Builder setType(String name, ColumnType type) {
      Objects.requireNonNull(type, "type");
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(name)) {
          columns.set(i, new Column(name, type));
          return this;
        }
      }
      throw new IllegalArgumentException("no column '" + name + "' to retype");
    }

    /** Removes a column; it must exist. */
    public Builder remove(String name) {
      if (!columns.removeIf(c -> c.name().equals(name))) {
        throw new IllegalArgumentException("no column '" + name + "' to remove");
      }
      return this;
    }

    /** A schema of the columns added so far. */
    public Schema build() {
      return new Schema(columns);
    }
  }
}
