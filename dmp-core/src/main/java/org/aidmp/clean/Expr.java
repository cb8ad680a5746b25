package org.aidmp.clean;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Objects;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * A typed expression over the columns of a record, for {@link Cleaners#derive}: arithmetic, text,
 * date parts, comparisons and conditions, built from calls rather than parsed from a string.
 *
 * <pre>{@code
 * Expr amount = Expr.col("Quantity").times(Expr.col("UnitPrice"));
 * Expr size = Expr.when(amount.ge(Expr.lit(100)), Expr.lit("large"), Expr.lit("small"));
 * Expr weekday = Expr.col("InvoiceDate").datePart(Expr.DatePart.DAY_OF_WEEK, ZoneId.of("UTC"));
 * }</pre>
 *
 * <p><b>Types.</b> An expression has one of five kinds, checked when the cleaner is bound to a
 * schema: integer ({@code INT} and {@code LONG} columns, evaluated as {@code Long}), number ({@code
 * DOUBLE}), text ({@code STRING}, {@code CATEGORY}), boolean and timestamp. Integer {@code +},
 * {@code -} and {@code *} stay integers (an overflow rejects the record); any number involved, or a
 * division, makes a number. Text columns are not numbers: convert them first with {@link
 * ConvertTypes}, or wrap them in {@link #parseNumber()}, which rejects records whose text is not a
 * number.
 *
 * <p><b>Missing values.</b> A missing input makes the result missing ({@code null}), as in SQL;
 * {@link #isMissing()} and {@link #orElse(Expr)} look at missing values on purpose, and a missing
 * condition of {@link #when} takes the {@code otherwise} branch.
 *
 * <p><b>Bad inputs.</b> Division by zero, an integer overflow, a non-finite number and text that
 * {@link #parseNumber()} cannot read throw a {@link BadRecordException}, which the {@link Cleaning}
 * handles under its bad-record policy like any other rule's.
 *
 * <p>Expressions are immutable and thread-safe; only the factory methods here make them.
 */
public abstract class Expr {
  /** The kinds of value an expression yields. */
  enum Kind {
    INTEGER,
    NUMBER,
    TEXT,
    BOOLEAN,
    TIMESTAMP
  }

  /** Evaluates an expression bound to a schema on one record. */
  @FunctionalInterface
  interface Eval {
    Object eval(Record r);
  }

  /** Parts of a timestamp, read in a time zone. */
  public enum DatePart {
    /** The year, such as 2011. */
    YEAR,
    /** The month, 1 (January) to 12. */
    MONTH,
    /** The day of the month, 1 to 31. */
    DAY_OF_MONTH,
    /** The day of the week, 1 (Monday) to 7 (Sunday), as ISO-8601 numbers them. */
    DAY_OF_WEEK,
    /** The day of the year, 1 to 366. */
    DAY_OF_YEAR,
    /** The hour of the day, 0 to 23. */
    HOUR,
    /** The minute of the hour, 0 to 59. */
    MINUTE
  }

  Expr() {}

  /** The kind this expression yields on records of {@code schema}; checks the columns. */
  abstract Kind kind(Schema schema);

  /** The evaluator for records of {@code schema}; call {@link #kind} first. */
  abstract Eval bind(Schema schema);

  /** A description for error messages, without values. */
  @Override
  public abstract String toString();

  // ---- leaves

  /** The value of the named column. */
  public static Expr col(String name) {
    Columns.checkName(name);
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        int i = Columns.require(schema, name, "DeriveColumn");
        return kindOf(schema.column(i).type());
      }

      @Override
      Eval bind(Schema schema) {
        int i = schema.indexOf(name);
        if (kindOf(schema.column(i).type()) == Kind.INTEGER) {
          return r -> {
            Object v = r.get(i);
            return v == null ? null : ((Number) v).longValue();
          };
        }
        return r -> r.get(i);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** An integer constant. */
  public static Expr lit(long value) {
    return constant(value, Kind.INTEGER, Long.toString(value));
  }

  /** A number constant; it must be finite. */
  public static Expr lit(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("constant (" + value + ") must be a finite number");
    }
    return constant(value, Kind.NUMBER, Double.toString(value));
  }

  /** A text constant. */
  public static Expr lit(String value) {
    Objects.requireNonNull(value, "value");
    return constant(value, Kind.TEXT, "'" + value + "'");
  }

  /** A boolean constant. */
  public static Expr lit(boolean value) {
    return constant(value, Kind.BOOLEAN, Boolean.toString(value));
  }

  private static Expr constant(Object value, Kind kind, String text) {
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        return kind;
      }

      @Override
      Eval bind(Schema schema) {
        return r -> value;
      }

      @Override
      public String toString() {
        return text;
      }
    };
  }

  static Kind kindOf(ColumnType t) {
    switch (t) {
      case INT:
      case LONG:
        return Kind.INTEGER;
      case DOUBLE:
        return Kind.NUMBER;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case TIMESTAMP:
        return Kind.TIMESTAMP;
      default:
        return Kind.TEXT;
    }
  }

  // ---- arithmetic

  /** This plus {@code other}. */
  public Expr plus(Expr other) {
    return ExprOperators.arithmetic('+', this, other);
  }

  /** This minus {@code other}. */
  public Expr minus(Expr other) {
    return ExprOperators.arithmetic('-', this, other);
  }

  /** This times {@code other}. */
  public Expr times(Expr other) {
    return ExprOperators.arithmetic('*', this, other);
  }

  /** This divided by {@code other}, always a number; division by zero rejects the record. */
  public Expr dividedBy(Expr other) {
    return ExprOperators.arithmetic('/', this, other);
  }

  /**
   * This text read as a decimal number ({@code -12.5}, {@code 1e3}); text that is not one rejects
   * the record, blank text is missing.
   */
  public Expr parseNumber() {
    Expr a = this;
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        ExprOperators.requireKind(a, schema, Kind.TEXT);
        return Kind.NUMBER;
      }

      @Override
      Eval bind(Schema schema) {
        Eval e = a.bind(schema);
        String column = a.toString();
        return r -> {
          Object v = e.eval(r);
          if (v == null) {
            return null;
          }
          String s = ((String) v).strip();
          if (s.isEmpty()) {
            return null;
          }
          if (!TextValues.isDecimal(s)) {
            throw new BadRecordException(
                column, "not a number: expected decimal notation such as -12.5 or 1e3");
          }
          double d = TextValues.parseDecimal(s);
          if (!Double.isFinite(d)) {
            throw new BadRecordException(column, "number beyond the DOUBLE range");
          }
          return d;
        };
      }

      @Override
      public String toString() {
        return "parseNumber(" + a + ")";
      }
    };
  }

  // ---- text

  /** This value as text, formatted with {@code toString()} (timestamps as ISO-8601). */
  public Expr asText() {
    return unary("asText", null, Kind.TEXT, Object::toString);
  }

  /** This text in lower case (root locale). */
  public Expr lower() {
    return unary("lower", Kind.TEXT, Kind.TEXT, v -> ((String) v).toLowerCase(Locale.ROOT));
  }

  /** This text in upper case (root locale). */
  public Expr upper() {
    return unary("upper", Kind.TEXT, Kind.TEXT, v -> ((String) v).toUpperCase(Locale.ROOT));
  }

  /** This text without leading and trailing white space. */
  public Expr trim() {
    return unary("trim", Kind.TEXT, Kind.TEXT, v -> ((String) v).strip());
  }

  /** The length of this text in chars, an integer. */
  public Expr length() {
    return unary("length", Kind.TEXT, Kind.INTEGER, v -> (long) ((String) v).length());
  }

  /**
   * The chars of this text from {@code start} (0-based) up to {@code end} (exclusive), clipped to
   * the text, so a short text gives a shorter or empty result rather than an error.
   */
  public Expr substring(int start, int end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "substring(" + start + ", " + end + "): need 0 <= start <= end");
    }
    return unary(
        "substring",
        Kind.TEXT,
        Kind.TEXT,
        v -> {
          String s = (String) v;
          int from = Math.min(start, s.length());
          return s.substring(from, Math.min(end, s.length()));
        });
  }

  /** The texts one after the other; missing if any is missing. */
  public static Expr concat(Expr... parts) {
    Objects.requireNonNull(parts, "parts");
    if (parts.length == 0) {
      throw new IllegalArgumentException("concat() needs at least one part");
    }
    Expr[] copy = parts.clone();
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        for (Expr p : copy) {
          ExprOperators.requireKind(p, schema, Kind.TEXT);
        }
        return Kind.TEXT;
      }

      @Override
      Eval bind(Schema schema) {
        Eval[] es = new Eval[copy.length];
        for (int i = 0; i < es.length; i++) {
          es[i] = copy[i].bind(schema);
        }
        return r -> {
          StringBuilder sb = new StringBuilder();
          for (Eval e : es) {
            Object v = e.eval(r);
            if (v == null) {
              return null;
            }
            sb.append((String) v);
          }
          return sb.toString();
        };
      }

      @Override
      public String toString() {
        StringBuilder sb = new StringBuilder("concat(");
        for (int i = 0; i < copy.length; i++) {
          sb.append(i > 0 ? ", " : "").append(copy[i]);
        }
        return sb.append(')').toString();
      }
    };
  }

  // ---- dates

  /** A part of this timestamp as seen in {@code zone}, an integer. */
  public Expr datePart(DatePart part, ZoneId zone) {
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(zone, "zone");
    return unary(
        part.name().toLowerCase(Locale.ROOT),
        Kind.TIMESTAMP,
        Kind.INTEGER,
        v -> {
          ZonedDateTime t = ((Instant) v).atZone(zone);
          return (long)
              switch (part) {
                case YEAR -> t.getYear();
                case MONTH -> t.getMonthValue();
                case DAY_OF_MONTH -> t.getDayOfMonth();
                case DAY_OF_WEEK -> dayOfWeek(t.getDayOfWeek());
                case DAY_OF_YEAR -> t.getDayOfYear();
                case HOUR -> t.getHour();
                case MINUTE -> t.getMinute();
              };
        });
  }

  private static int dayOfWeek(DayOfWeek d) {
    return d.getValue();
  }

  /** The calendar date of this timestamp in {@code zone}, as ISO-8601 text ({@code 2011-12-09}). */
  public Expr date(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return unary(
        "date",
        Kind.TIMESTAMP,
        Kind.TEXT,
        v -> ((Instant) v).atZone(zone).toLocalDate().toString());
  }

  private Expr unary(String fn, Kind in, Kind out, java.util.function.Function<Object, Object> f) {
    Expr a = this;
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        if (in != null) {
          ExprOperators.requireKind(a, schema, in);
        } else {
          a.kind(schema);
        }
        return out;
      }

      @Override
      Eval bind(Schema schema) {
        Eval e = a.bind(schema);
        return r -> {
          Object v = e.eval(r);
          return v == null ? null : f.apply(v);
        };
      }

      @Override
      public String toString() {
        return fn + "(" + a + ")";
      }
    };
  }

  // ---- comparisons and logic

  /** Whether this is greater than {@code other} (numbers, texts or timestamps). */
  public Expr gt(Expr other) {
    return ExprOperators.compare(">", this, other);
  }

  /** Whether this is greater than or equal to {@code other}. */
  public Expr ge(Expr other) {
    return ExprOperators.compare(">=", this, other);
  }

  /** Whether this is less than {@code other}. */
  public Expr lt(Expr other) {
    return ExprOperators.compare("<", this, other);
  }

  /** Whether this is less than or equal to {@code other}. */
  public Expr le(Expr other) {
    return ExprOperators.compare("<=", this, other);
  }

  /** Whether this equals {@code other} (integers and numbers compare by value). */
  public Expr eq(Expr other) {
    return ExprOperators.compare("=", this, other);
  }

  /** Whether this differs from {@code other}. */
  public Expr ne(Expr other) {
    return ExprOperators.compare("!=", this, other);
  }

  /** Both conditions hold; missing if either is missing and the other does not decide. */
  public Expr and(Expr other) {
    return ExprOperators.logic(true, this, other);
  }

  /** Either condition holds; missing if either is missing and the other does not decide. */
  public Expr or(Expr other) {
    return ExprOperators.logic(false, this, other);
  }

  /** The condition negated; missing stays missing. */
  public Expr not() {
    return unary("not", Kind.BOOLEAN, Kind.BOOLEAN, v -> !(Boolean) v);
  }

  /** Whether this value is missing ({@code null} or blank text); never missing itself. */
  public Expr isMissing() {
    Expr a = this;
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        a.kind(schema);
        return Kind.BOOLEAN;
      }

      @Override
      Eval bind(Schema schema) {
        Eval e = a.bind(schema);
        return r -> {
          Object v = e.eval(r);
          return v == null || (v instanceof String s && s.isBlank());
        };
      }

      @Override
      public String toString() {
        return "isMissing(" + a + ")";
      }
    };
  }

  /** This value, or {@code fallback} where this one is missing. */
  public Expr orElse(Expr fallback) {
    return when(this.isMissing(), fallback, this);
  }

  /**
   * {@code then} where {@code condition} holds, {@code otherwise} where it does not or is missing.
   * The branches must be of one kind (integers and numbers mix, giving a number).
   */
  public static Expr when(Expr condition, Expr then, Expr otherwise) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(then, "then");
    Objects.requireNonNull(otherwise, "otherwise");
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        ExprOperators.requireKind(condition, schema, Kind.BOOLEAN);
        Kind kt = then.kind(schema);
        Kind ko = otherwise.kind(schema);
        if (kt == ko) {
          return kt;
        }
        if (ExprOperators.isNumber(kt) && ExprOperators.isNumber(ko)) {
          return Kind.NUMBER;
        }
        throw new IllegalArgumentException(
            "DeriveColumn: the branches of "
                + this
                + " are "
                + kt.name().toLowerCase(Locale.ROOT)
                + " and "
                + ko.name().toLowerCase(Locale.ROOT)
                + "; give both one kind");
      }

      @Override
      Eval bind(Schema schema) {
        Eval ec = condition.bind(schema);
        Eval et = then.bind(schema);
        Eval eo = otherwise.bind(schema);
        boolean widen = kind(schema) == Kind.NUMBER;
        return r -> {
          Object v = Boolean.TRUE.equals(ec.eval(r)) ? et.eval(r) : eo.eval(r);
          return widen && v instanceof Long l ? (Object) l.doubleValue() : v;
        };
      }

      @Override
      public String toString() {
        return "when(" + condition + ", " + then + ", " + otherwise + ")";
      }
    };
  }
}
