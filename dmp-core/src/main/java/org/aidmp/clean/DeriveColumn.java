package org.aidmp.clean;

import java.util.Locale;
import java.util.Objects;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Adds a column computed from others by an {@link Expr}: arithmetic, text, date parts and
 * conditions, with a declared type.
 *
 * <pre>{@code
 * DeriveColumn amount = DeriveColumn.builder()
 *     .setName("amount")
 *     .setType(ColumnType.DOUBLE)
 *     .setExpression(Expr.col("Quantity").times(Expr.col("UnitPrice")))
 *     .get();
 * Cleaning cleaning = Cleaning.builder().add(ConvertTypes.to(typed)).add(amount).get();
 * }</pre>
 *
 * <p>The column is appended after the input's columns; with {@link Builder#setReplaceExisting} a
 * column of that name is replaced in place (and may change type). The expression's kind must fit
 * the type: integers become {@code INT} (a value outside its range rejects the record), {@code
 * LONG} or {@code DOUBLE}; numbers become {@code DOUBLE}, or {@code INT} or {@code LONG} when the
 * value is whole (otherwise the record is rejected); text becomes {@code STRING} or {@code
 * CATEGORY}; booleans and timestamps keep their type. Without a declared type the kind's natural
 * type is used ({@code LONG}, {@code DOUBLE}, {@code STRING}, {@code BOOLEAN}, {@code TIMESTAMP}).
 *
 * <p>Missing columns and kinds that do not fit are configuration errors, reported by {@link
 * #bind(Schema)} before any record is read. Bad values (division by zero, overflow, text that is
 * not a number) throw a {@link BadRecordException} naming the derived column, which the {@link
 * Cleaning}'s policy fails, skips or quarantines.
 */
final class DeriveColumn implements Cleaner {
  private final String name;
  private final String column;
  private final ColumnType type;
  private final Expr expression;
  private final boolean replaceExisting;

  private DeriveColumn(Builder b) {
    if (b.column == null) {
      throw new IllegalArgumentException("no column name; call setName(\"amount\")");
    }
    if (b.expression == null) {
      throw new IllegalArgumentException(
          "no expression for column '" + b.column + "'; call setExpression(...)");
    }
    this.name = b.name != null ? b.name : "DeriveColumn(" + b.column + ")";
    this.column = b.column;
    this.type = b.type;
    this.expression = b.expression;
    this.replaceExisting = b.replaceExisting;
  }

  /** A new builder; the name and the expression must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A derived column of the expression's natural type. */
  public static DeriveColumn of(String column, Expr expression) {
    return builder().setName(column).setExpression(expression).get();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.column = column;
    b.type = type;
    b.expression = expression;
    b.replaceExisting = replaceExisting;
    return b;
  }

  /** The name of the derived column. */
  public String column() {
    return column;
  }

  /** The expression. */
  public Expr expression() {
    return expression;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Schema outputSchema(Schema input) {
    return output(input, typeFor(expression.kind(input)));
  }

  private ColumnType typeFor(Expr.Kind kind) {
    ColumnType natural =
        switch (kind) {
          case INTEGER -> ColumnType.LONG;
          case NUMBER -> ColumnType.DOUBLE;
          case TEXT -> ColumnType.STRING;
          case BOOLEAN -> ColumnType.BOOLEAN;
          case TIMESTAMP -> ColumnType.TIMESTAMP;
        };
    if (type == null) {
      return natural;
    }
    boolean fits =
        switch (kind) {
          case INTEGER, NUMBER -> Columns.isNumeric(type);
          case TEXT -> Columns.isText(type);
          default -> type == natural;
        };
    if (!fits) {
      throw new IllegalArgumentException(
          name
              + ": "
              + expression
              + " gives "
              + kind.name().toLowerCase(Locale.ROOT)
              + " values, which cannot be a "
              + type
              + " column; declare "
              + natural
              + " or change the expression");
    }
    return type;
  }

  private Schema output(Schema input, ColumnType t) {
    if (input.contains(column)) {
      if (!replaceExisting) {
        throw new IllegalArgumentException(
            name
                + ": the records already have a column '"
                + column
                + "'; pick another name or call setReplaceExisting(true)");
      }
      return input.toBuilder().setType(column, t).build();
    }
    return input.toBuilder().add(column, t).build();
  }

  /** Derives the column for one record, binding to its schema first. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    ColumnType t = typeFor(expression.kind(input));
    Schema out = output(input, t);
    Expr.Eval eval = expression.bind(input);
    int target = out.indexOf(column);
    boolean append = target == input.size();
    String rule = name;
    return new Cleaner() {
      @Override
      public Record clean(Record r) {
        Object v;
        try {
          v = convert(eval.eval(r), t);
        } catch (BadRecordException e) {
          if (e.column() != null) {
            throw e;
          }
          throw new BadRecordException(column, e.reason());
        }
        Object[] values;
        if (append) {
          values = new Object[input.size() + 1];
          for (int i = 0; i < input.size(); i++) {
            values[i] = r.get(i);
          }
        } else {
          values = r.values();
        }
        values[target] = v;
        return r.reshape(out, values);
      }

      @Override
      public String name() {
        return rule;
      }

      @Override
      public Schema outputSchema(Schema in) {
        return out;
      }
    };
  }

  private Object convert(Object v, ColumnType t) {
    if (v == null) {
      return null;
    }
    switch (t) {
      case INT, LONG -> {
        long l;
        if (v instanceof Double d) {
          if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
            throw new BadRecordException(
                column, "not a whole number, but the column is " + t + "; declare DOUBLE");
          }
          l = d.longValue();
        } else {
          l = (Long) v;
        }
        if (t == ColumnType.LONG) {
          return l;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
          throw new BadRecordException(column, "integer out of the INT range; declare LONG");
        }
        return (int) l;
      }
      case DOUBLE -> {
        return ((Number) v).doubleValue();
      }
      default -> {
        return v;
      }
    }
  }

  @Override
  public String toString() {
    return name + " = " + expression;
  }

  /** Options of a {@link DeriveColumn}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name;
    private String column;
    private ColumnType type;
    private Expr expression;
    private boolean replaceExisting;

    private Builder() {}

    /** The name of the derived column (required). */
    public Builder setName(String column) {
      this.column = Columns.checkName(column);
      return this;
    }

    /** The column's type; by default the expression's natural type. */
    public Builder setType(ColumnType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /** How the value is computed (required). */
    public Builder setExpression(Expr expression) {
      this.expression = Objects.requireNonNull(expression, "expression");
      return this;
    }

    /** Whether an existing column of that name is replaced (default: it is an error). */
    public Builder setReplaceExisting(boolean replace) {
      this.replaceExisting = replace;
      return this;
    }

    /** The rule's name in reports (default {@code DeriveColumn(column)}). */
    public Builder setRuleName(String ruleName) {
      Objects.requireNonNull(ruleName, "ruleName");
      if (ruleName.isBlank()) {
        throw new IllegalArgumentException("rule name is blank");
      }
      this.name = ruleName;
      return this;
    }

    /** The cleaner. */
    public DeriveColumn get() {
      return new DeriveColumn(this);
    }
  }
}
