package org.aidmp.clean;

import java.util.List;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Removes columns, keeping the others in order.
 *
 * <pre>{@code
 * DropColumns noContact = DropColumns.of("email", "phone");
 * }</pre>
 *
 * <p>Every named column must exist, so that a typo does not leave personal data in place. Every
 * record comes out with the smaller schema, so a report counts every row as changed by this rule.
 */
final class DropColumns implements Cleaner {
  private final String name;
  private final List<String> columns;

  private DropColumns(Builder b) {
    if (b.columns.isEmpty()) {
      throw new IllegalArgumentException("no columns to drop; call setColumns(names...)");
    }
    this.name = b.name;
    this.columns = b.columns;
  }

  /** A cleaner that drops the named columns. */
  public static DropColumns of(String... columns) {
    return builder().setColumns(columns).get();
  }

  /** A new builder; the columns must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.columns = columns;
    return b;
  }

  /** The columns it drops. */
  public List<String> columns() {
    return columns;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Schema outputSchema(Schema input) {
    Schema.Builder b = input.toBuilder();
    for (String c : columns) {
      Columns.require(input, c, name);
      b.remove(c);
    }
    return b.build();
  }

  /** Drops the columns of one record, binding to its schema first. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    Schema out = outputSchema(input);
    int[] keep = new int[out.size()];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = input.indexOf(out.column(i).name());
    }
    return new Cleaner() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Record clean(Record r) {
        Object[] v = new Object[keep.length];
        for (int i = 0; i < keep.length; i++) {
          v[i] = r.get(keep[i]);
        }
        return r.reshape(out, v);
      }
    };
  }

  @Override
  public String toString() {
    return "DropColumns[" + name + ", " + columns + "]";
  }

  /** Builds a {@link DropColumns}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "drop-columns";
    private List<String> columns = List.of();

    private Builder() {}

    /** The rule's name in reports; default {@code "drop-columns"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** The columns to drop. */
    public Builder setColumns(String... columns) {
      this.columns = Columns.checkNames(columns);
      return this;
    }

    /** The configured cleaner. */
    public DropColumns get() {
      return new DropColumns(this);
    }
  }
}
