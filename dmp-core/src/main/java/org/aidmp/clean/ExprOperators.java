package org.aidmp.clean;

import java.util.Locale;
import java.util.Objects;
import org.aidmp.clean.Expr.Eval;
import org.aidmp.clean.Expr.Kind;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.Schema;

/**
 * The binary operators of {@link Expr}: arithmetic, comparison and logic, with their type rules
 * (integers stay integers under +, − and ×; comparisons need like kinds; logic follows SQL's
 * three-valued rules) and the rejections a record can meet (overflow, division by zero).
 */
final class ExprOperators {
  private ExprOperators() {}

  static Expr arithmetic(char op, Expr a, Expr b) {
    Objects.requireNonNull(b, "other");
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        Kind ka = requireNumeric(a, schema);
        Kind kb = requireNumeric(b, schema);
        return op != '/' && ka == Kind.INTEGER && kb == Kind.INTEGER ? Kind.INTEGER : Kind.NUMBER;
      }

      @Override
      Eval bind(Schema schema) {
        Eval ea = a.bind(schema);
        Eval eb = b.bind(schema);
        String where = toString();
        if (kind(schema) == Kind.INTEGER) {
          return r -> {
            Object x = ea.eval(r);
            Object y = eb.eval(r);
            if (x == null || y == null) {
              return null;
            }
            long l = (Long) x;
            long m = (Long) y;
            try {
              return op == '+'
                  ? Math.addExact(l, m)
                  : op == '-' ? Math.subtractExact(l, m) : Math.multiplyExact(l, m);
            } catch (ArithmeticException e) {
              throw new BadRecordException(null, "integer overflow in " + where);
            }
          };
        }
        return r -> {
          Object x = ea.eval(r);
          Object y = eb.eval(r);
          if (x == null || y == null) {
            return null;
          }
          double l = ((Number) x).doubleValue();
          double m = ((Number) y).doubleValue();
          double v;
          switch (op) {
            case '+' -> v = l + m;
            case '-' -> v = l - m;
            case '*' -> v = l * m;
            default -> {
              if (m == 0) {
                throw new BadRecordException(null, "division by zero in " + where);
              }
              v = l / m;
            }
          }
          if (!Double.isFinite(v)) {
            throw new BadRecordException(null, "not a finite number in " + where);
          }
          return v;
        };
      }

      @Override
      public String toString() {
        return "(" + a + " " + op + " " + b + ")";
      }
    };
  }

  static Kind requireNumeric(Expr e, Schema schema) {
    Kind k = e.kind(schema);
    if (k != Kind.INTEGER && k != Kind.NUMBER) {
      throw new IllegalArgumentException(
          "DeriveColumn: "
              + e
              + " is "
              + k.name().toLowerCase(Locale.ROOT)
              + ", not a number; convert it with ConvertTypes first or use parseNumber()");
    }
    return k;
  }

  static void requireKind(Expr e, Schema schema, Kind want) {
    Kind k = e.kind(schema);
    if (k != want) {
      throw new IllegalArgumentException(
          "DeriveColumn: "
              + e
              + " is "
              + k.name().toLowerCase(Locale.ROOT)
              + " but "
              + want.name().toLowerCase(Locale.ROOT)
              + " is needed there");
    }
  }

  static Expr compare(String op, Expr a, Expr b) {
    Objects.requireNonNull(b, "other");
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        Kind ka = a.kind(schema);
        Kind kb = b.kind(schema);
        boolean numeric = isNumber(ka) && isNumber(kb);
        if (!numeric && ka != kb) {
          throw new IllegalArgumentException(
              "DeriveColumn: cannot compare "
                  + a
                  + " ("
                  + ka.name().toLowerCase(Locale.ROOT)
                  + ") with "
                  + b
                  + " ("
                  + kb.name().toLowerCase(Locale.ROOT)
                  + ")");
        }
        if (ka == Kind.BOOLEAN && !op.equals("=") && !op.equals("!=")) {
          throw new IllegalArgumentException(
              "DeriveColumn: booleans have no order; use = or != in " + this);
        }
        return Kind.BOOLEAN;
      }

      @Override
      Eval bind(Schema schema) {
        Eval ea = a.bind(schema);
        Eval eb = b.bind(schema);
        boolean numeric = isNumber(a.kind(schema)) && isNumber(b.kind(schema));
        return r -> {
          Object x = ea.eval(r);
          Object y = eb.eval(r);
          if (x == null || y == null) {
            return null;
          }
          int c;
          if (numeric) {
            c =
                x instanceof Long l && y instanceof Long m
                    ? Long.compare(l, m)
                    : Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
          } else {
            @SuppressWarnings("unchecked")
            Comparable<Object> cx = (Comparable<Object>) x;
            c = cx.compareTo(y);
          }
          return switch (op) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            default -> c != 0;
          };
        };
      }

      @Override
      public String toString() {
        return "(" + a + " " + op + " " + b + ")";
      }
    };
  }

  static boolean isNumber(Kind k) {
    return k == Kind.INTEGER || k == Kind.NUMBER;
  }

  static Expr logic(boolean and, Expr a, Expr b) {
    Objects.requireNonNull(b, "other");
    return new Expr() {
      @Override
      Kind kind(Schema schema) {
        requireKind(a, schema, Kind.BOOLEAN);
        requireKind(b, schema, Kind.BOOLEAN);
        return Kind.BOOLEAN;
      }

      @Override
      Eval bind(Schema schema) {
        Eval ea = a.bind(schema);
        Eval eb = b.bind(schema);
        // SQL's three-valued logic: false decides AND, true decides OR, even beside a missing one
        Boolean decides = !and;
        return r -> {
          Object x = ea.eval(r);
          if (decides.equals(x)) {
            return decides;
          }
          Object y = eb.eval(r);
          if (decides.equals(y)) {
            return decides;
          }
          return x == null || y == null ? null : !decides;
        };
      }

      @Override
      public String toString() {
        return "(" + a + (and ? " and " : " or ") + b + ")";
      }
    };
  }
}
