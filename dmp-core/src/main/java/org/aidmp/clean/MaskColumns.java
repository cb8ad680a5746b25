package org.aidmp.clean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.privacy.Pseudonymizer;

/**
 * Masks or drops columns that hold personal data: replaces ids with keyed pseudonyms, redacts free
 * text, keeps the last few characters of phone or card numbers, or drops a column outright.
 *
 * <pre>{@code
 * MaskColumns pii = MaskColumns.builder()
 *     .hash("user_id", Pseudonymizer.of(PseudonymKey.of("k1", secret)))
 *     .redact("email")
 *     .keepLast("phone", 4)        // "+44 20 7946 0958" -> "***0958"
 *     .drop("ssn")
 *     .get();
 * Cleaning cleaning = Cleaning.builder().add(pii).get();
 * }</pre>
 *
 * <p>Every named column must exist when the cleaner is bound, so a misspelt name cannot leave
 * personal data in place. {@code hash} and {@code keepLast} work on text ({@code STRING} or {@code
 * CATEGORY}) columns; {@code redact} writes the redaction text into text columns and a missing
 * value into others; {@code drop} removes the column. Missing values (null or blank) stay as they
 * are. {@code keepLast} always writes {@code ***} before the kept characters, and masks a value no
 * longer than the kept part entirely, so neither the length nor a short value shows. Immutable and
 * thread-safe; bound cleaners serve one pass on one thread.
 */
final class MaskColumns implements Cleaner {
  private enum Kind {
    HASH,
    REDACT,
    KEEP_LAST,
    DROP
  }

  private record Rule(Kind kind, int keep) {}

  private final String name;
  private final Map<String, Rule> rules;
  private final Pseudonymizer pseudonymizer;
  private final String redaction;

  private MaskColumns(Builder b) {
    if (b.rules.isEmpty()) {
      throw new IllegalArgumentException(
          "no columns to mask; call hash, redact, keepLast or drop with a column name");
    }
    this.name = b.name;
    this.rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.rules));
    this.pseudonymizer = b.pseudonymizer;
    this.redaction = b.redaction;
  }

  /** A new builder; at least one column must be named. */
  public static Builder builder() {
    return new Builder();
  }

  /** The columns it masks or drops. */
  public List<String> columns() {
    return List.copyOf(rules.keySet());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Schema outputSchema(Schema input) {
    Schema.Builder b = input.toBuilder();
    for (Map.Entry<String, Rule> e : rules.entrySet()) {
      int i = Columns.require(input, e.getKey(), name);
      Kind k = e.getValue().kind();
      if (k == Kind.DROP) {
        b.remove(e.getKey());
      } else if ((k == Kind.HASH || k == Kind.KEEP_LAST)
          && !Columns.isText(input.column(i).type())) {
        Columns.requireText(input, e.getKey(), name);
      }
    }
    return b.build();
  }

  /** Masks one record, binding to its schema first; a pipeline binds once per pass instead. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    Schema out = outputSchema(input);
    int[] from = new int[out.size()];
    for (int i = 0; i < from.length; i++) {
      from[i] = input.indexOf(out.column(i).name());
    }
    Rule[] byInput = new Rule[input.size()];
    for (Map.Entry<String, Rule> e : rules.entrySet()) {
      byInput[input.indexOf(e.getKey())] = e.getValue();
    }
    boolean drops = from.length != input.size();
    return new Cleaner() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Record clean(Record r) {
        Object[] v = drops ? new Object[from.length] : null;
        boolean changed = drops;
        Record result = r;
        for (int o = 0; o < from.length; o++) {
          int i = from[o];
          Object value = r.get(i);
          Rule rule = byInput[i];
          Object masked =
              rule == null || r.isMissing(i) ? value : mask(rule, value, input.column(i).type());
          if (drops) {
            v[o] = masked;
          } else if (masked != value) {
            result = result.with(i, masked);
            changed = true;
          }
        }
        if (drops) {
          return r.reshape(out, v);
        }
        return changed ? result : r;
      }
    };
  }

  private Object mask(Rule rule, Object value, ColumnType type) {
    return switch (rule.kind()) {
      case HASH -> pseudonymizer.pseudonym((String) value);
      case REDACT -> Columns.isText(type) ? redaction : null;
      case KEEP_LAST -> keepLast((String) value, rule.keep());
      case DROP -> throw new IllegalStateException("dropped columns are not masked");
    };
  }

  static String keepLast(String s, int n) {
    int cps = s.codePointCount(0, s.length());
    if (cps <= n) {
      return "***";
    }
    return "***" + s.substring(s.offsetByCodePoints(0, cps - n));
  }

  @Override
  public String toString() {
    Map<String, String> what = new LinkedHashMap<>();
    rules.forEach(
        (c, r) ->
            what.put(c, r.kind() == Kind.KEEP_LAST ? "keepLast " + r.keep() : r.kind().name()));
    return "MaskColumns[" + name + ", " + what + "]";
  }

  /** Builds a {@link MaskColumns}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "mask-columns";
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private Pseudonymizer pseudonymizer;
    private String redaction = "[redacted]";

    private Builder() {}

    /** The rule's name in reports; default {@code "mask-columns"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /**
     * Replaces the text columns' values with their pseudonyms. All hashed columns share one
     * pseudonymizer, so that ids stay joinable across columns and sources.
     */
    public Builder hash(Pseudonymizer pseudonymizer, String... columns) {
      Objects.requireNonNull(pseudonymizer, "pseudonymizer");
      if (this.pseudonymizer != null && this.pseudonymizer != pseudonymizer) {
        throw new IllegalArgumentException(
            "hash was given two pseudonymizers; use one for every hashed column");
      }
      this.pseudonymizer = pseudonymizer;
      return add(new Rule(Kind.HASH, 0), columns);
    }

    /** Same as {@link #hash(Pseudonymizer, String...)} for one column. */
    public Builder hash(String column, Pseudonymizer pseudonymizer) {
      return hash(pseudonymizer, column);
    }

    /** Replaces the values with the redaction text (text columns) or a missing value. */
    public Builder redact(String... columns) {
      return add(new Rule(Kind.REDACT, 0), columns);
    }

    /** Keeps the last {@code n} characters of a text column, after {@code ***}. */
    public Builder keepLast(String column, int n) {
      if (n < 1 || n > 16) {
        throw new IllegalArgumentException(
            "keepLast(" + n + ") must keep 1 to 16 characters; use redact to keep none");
      }
      return add(new Rule(Kind.KEEP_LAST, n), column);
    }

    /** Removes the columns. */
    public Builder drop(String... columns) {
      return add(new Rule(Kind.DROP, 0), columns);
    }

    /** The text written by {@code redact} (default {@code "[redacted]"}). */
    public Builder setRedaction(String text) {
      this.redaction = Objects.requireNonNull(text, "text");
      return this;
    }

    private Builder add(Rule rule, String... columns) {
      List<String> names = new ArrayList<>(Columns.checkNames(columns));
      if (names.isEmpty()) {
        throw new IllegalArgumentException("no column named; give at least one column");
      }
      for (String c : names) {
        if (rules.containsKey(c)) {
          throw new IllegalArgumentException(
              "column '" + c + "' already has a rule; give each column one rule");
        }
      }
      for (String c : names) {
        rules.put(c, rule);
      }
      return this;
    }

    /** The cleaner. */
    public MaskColumns get() {
      return new MaskColumns(this);
    }
  }
}
