package org.aidmp.clean;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Rejects records whose values break a rule: a numeric range, a regular expression, a set of
 * allowed values, or presence.
 *
 * <pre>{@code
 * Validate checks = Validate.builder()
 *     .require("user_id")
 *     .range("age", 0, 120)
 *     .matches("email", "[^@\\s]+@[^@\\s]+")
 *     .oneOf("country", List.of("FR", "DE", "US"))
 *     .get();
 * }</pre>
 *
 * <p>Checks run in the order added and the first that fails rejects the record with a {@link
 * BadRecordException} naming the column and the rule, never the value. Missing values pass every
 * check except {@link Builder#require}. Range checks need a numeric column (put {@link
 * ConvertTypes} first); pattern checks need a text column and must match the whole value; allowed
 * values are compared with {@code equals} and must have the column's Java type. All checks of one
 * {@code Validate} count under its one name; use several to count rules apart.
 */
final class Validate implements Cleaner {
  private enum Kind {
    REQUIRE,
    RANGE,
    MATCHES,
    ONE_OF
  }

  /** One check on one column. */
  private record Check(
      Kind kind, String column, double min, double max, Pattern pattern, Set<Object> allowed) {}

  private final String name;
  private final List<Check> checks;

  private Validate(Builder b) {
    if (b.checks.isEmpty()) {
      throw new IllegalArgumentException(
          "no checks; add one with require, range, matches or oneOf");
    }
    this.name = b.name;
    this.checks = List.copyOf(b.checks);
  }

  /** A new builder with no checks. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this validator's name and checks. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.checks.addAll(checks);
    return b;
  }

  @Override
  public String name() {
    return name;
  }

  /** Validates one record, binding to its schema first; a pipeline binds once per pass instead. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    int[] idx = new int[checks.size()];
    for (int i = 0; i < idx.length; i++) {
      Check c = checks.get(i);
      switch (c.kind()) {
        case RANGE:
          idx[i] = Columns.requireNumeric(input, c.column(), name + " range");
          break;
        case MATCHES:
          idx[i] = Columns.requireText(input, c.column(), name + " pattern");
          break;
        case ONE_OF:
          idx[i] = Columns.require(input, c.column(), name);
          ColumnType t = input.column(idx[i]).type();
          for (Object v : c.allowed()) {
            if (!t.accepts(v)) {
              throw new IllegalArgumentException(
                  name
                      + ": column '"
                      + c.column()
                      + "' is "
                      + t
                      + " but an allowed value is a "
                      + v.getClass().getSimpleName()
                      + "; give values of type "
                      + t.javaType().getSimpleName());
            }
          }
          break;
        default:
          idx[i] = Columns.require(input, c.column(), name);
      }
    }
    return new Bound(idx);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Validate[").append(name);
    for (Check c : checks) {
      sb.append(", ").append(describe(c));
    }
    return sb.append(']').toString();
  }

  private static String describe(Check c) {
    switch (c.kind()) {
      case REQUIRE:
        return "require(" + c.column() + ")";
      case RANGE:
        return "range(" + c.column() + ", " + c.min() + ".." + c.max() + ")";
      case MATCHES:
        return "matches(" + c.column() + ", " + c.pattern() + ")";
      default:
        return "oneOf(" + c.column() + ", " + c.allowed().size() + " values)";
    }
  }

  private final class Bound implements Cleaner {
    private final int[] idx;
    private final Check[] checkArray = checks.toArray(new Check[0]);
    // Per check: a reusable matcher (a bound cleaner serves one thread) and the reason, built once
    // rather than on every rejection.
    private final Matcher[] matchers = new Matcher[checkArray.length];
    private final String[] reasons = new String[checkArray.length];

    Bound(int[] idx) {
      this.idx = idx;
      for (int i = 0; i < checkArray.length; i++) {
        Check c = checkArray[i];
        switch (c.kind()) {
          case REQUIRE:
            reasons[i] = "missing, but required";
            break;
          case RANGE:
            reasons[i] = "outside the range [" + c.min() + ", " + c.max() + "]";
            break;
          case MATCHES:
            matchers[i] = c.pattern().matcher("");
            reasons[i] = "does not match the pattern " + c.pattern();
            break;
          default:
            reasons[i] = "not one of the allowed values";
        }
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      for (int i = 0; i < idx.length; i++) {
        Check c = checkArray[i];
        Object v = r.get(idx[i]);
        boolean ok;
        if (c.kind() == Kind.REQUIRE) {
          ok = !r.isMissing(idx[i]);
        } else if (v == null) {
          ok = true;
        } else {
          switch (c.kind()) {
            case RANGE:
              double d = ((Number) v).doubleValue();
              // Written so that NaN fails too.
              ok = d >= c.min() && d <= c.max();
              break;
            case MATCHES:
              ok = matchers[i].reset((String) v).matches();
              break;
            default:
              ok = c.allowed().contains(v);
          }
        }
        if (!ok) {
          throw new BadRecordException(c.column(), reasons[i]);
        }
      }
      return r;
    }
  }

  /** Collects the checks of a {@link Validate}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "validate";
    private final List<Check> checks = new ArrayList<>();

    private Builder() {}

    /** The rule's name in reports; default {@code "validate"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** Rejects records where {@code column} is missing ({@code null} or blank text). */
    public Builder require(String column) {
      checks.add(new Check(Kind.REQUIRE, Columns.checkName(column), 0, 0, null, null));
      return this;
    }

    /** Rejects records where the numeric {@code column} is outside {@code [min, max]} or NaN. */
    public Builder range(String column, double min, double max) {
      Columns.checkName(column);
      if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
        throw new IllegalArgumentException(
            "range for '"
                + column
                + "' is ["
                + min
                + ", "
                + max
                + "]; give min <= max, no NaN"
                + " (use infinity for an open end)");
      }
      checks.add(new Check(Kind.RANGE, column, min, max, null, null));
      return this;
    }

    /** Rejects records where the text {@code column} does not match {@code regex} as a whole. */
    public Builder matches(String column, String regex) {
      Objects.requireNonNull(regex, "regex");
      try {
        return matches(column, Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "pattern \""
                + regex
                + "\" for '"
                + column
                + "' is not a valid regular expression: "
                + e.getDescription()
                + "; fix the pattern",
            e);
      }
    }

    /** Rejects records where the text {@code column} does not match {@code pattern} as a whole. */
    public Builder matches(String column, Pattern pattern) {
      Objects.requireNonNull(pattern, "pattern");
      checks.add(new Check(Kind.MATCHES, Columns.checkName(column), 0, 0, pattern, null));
      return this;
    }

    /** Rejects records where {@code column} holds a value not in {@code allowed}. */
    public Builder oneOf(String column, Collection<?> allowed) {
      Columns.checkName(column);
      Objects.requireNonNull(allowed, "allowed");
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException(
            "no allowed values for '" + column + "'; give at least one");
      }
      checks.add(new Check(Kind.ONE_OF, column, 0, 0, null, Set.copyOf(allowed)));
      return this;
    }

    /** The configured validator. */
    public Validate get() {
      return new Validate(this);
    }
  }
}
