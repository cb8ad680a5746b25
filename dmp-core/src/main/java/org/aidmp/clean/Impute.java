package org.aidmp.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/**
 * Fills missing values ({@code null} or blank text) with a constant or a statistic of the column.
 *
 * <pre>{@code
 * Impute impute = Impute.builder()
 *     .constant("country", "unknown")
 *     .mean("age")
 *     .median("income")
 *     .mode("city")
 *     .get()
 *     .fit(source);               // mean, median and mode need one pass over the data
 * Map<String, Object> learned = impute.values();   // kept for new data
 * Impute restored = Impute.builder().mean("age").setFitted("age", learned.get("age")).get();
 * }</pre>
 *
 * <p>{@link Strategy#MEAN} and {@link Strategy#MEDIAN} need a numeric column (put {@link
 * ConvertTypes} first); on {@code INT} and {@code LONG} columns the statistic is rounded to the
 * nearest integer, halves up. The median is exact, so fitting holds every non-missing value of the
 * column in memory (8 bytes each). {@link Strategy#MODE} works on any column and keeps a count per
 * distinct value; among equally frequent values the one seen first wins. A column without a single
 * value cannot be fitted. Constants must have the column's Java type.
 */
public final class Impute implements FittableCleaner {
  /** How a column's missing values are filled. */
  public enum Strategy {
    /** A value given in the configuration. */
    CONSTANT,
    /** The mean of the column's values at fit time. */
    MEAN,
    /** The median of the column's values at fit time. */
    MEDIAN,
    /** The most frequent of the column's values at fit time. */
    MODE
  }

  private record Rule(Strategy strategy, Object value) {}

  private final String name;
  private final Map<String, Rule> rules;

  private Impute(String name, Map<String, Rule> rules) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          "no columns to impute; add one with constant, mean, median or mode");
    }
    this.name = name;
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
  }

  /** A new builder with no columns. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with these rules (and fitted values, if any). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.rules.putAll(rules);
    return b;
  }

  @Override
  public String name() {
    return name;
  }

  /** The strategy of each imputed column, in the order added. */
  public Map<String, Strategy> strategies() {
    Map<String, Strategy> m = new LinkedHashMap<>();
    rules.forEach((c, r) -> m.put(c, r.strategy()));
    return Collections.unmodifiableMap(m);
  }

  /**
   * The value each column's missing values are filled with: the constants, and the fitted
   * statistics once fitted. Restore a fitted imputer from it with {@link Builder#setFitted}.
   */
  public Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    rules.forEach(
        (c, r) -> {
          if (r.value() != null) {
            m.put(c, r.value());
          }
        });
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean isFitted() {
    for (Rule r : rules.values()) {
      if (r.value() == null) {
        return false;
      }
    }
    return true;
  }

  /** Fits on every record of {@code source} and returns the fitted imputer. */
  @Override
  public Impute fit(Source source) {
    return (Impute) FittableCleaner.super.fit(source);
  }

  /** Imputes one record, binding to its schema first; a pipeline binds once per pass instead. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    if (!isFitted()) {
      throw new IllegalStateException(
          name
              + " is not fitted: "
              + unfitted()
              + " need statistics; call fit(source), or"
              + " Cleaning.fit(source) when it is part of a Cleaning");
    }
    int[] idx = new int[rules.size()];
    Object[] fill = new Object[rules.size()];
    int k = 0;
    for (Map.Entry<String, Rule> e : rules.entrySet()) {
      idx[k] = checkColumn(input, e.getKey(), e.getValue().strategy());
      ColumnType t = input.column(idx[k]).type();
      Object v = e.getValue().value();
      if (!t.accepts(v)) {
        throw new IllegalArgumentException(
            name
                + ": column '"
                + e.getKey()
                + "' is "
                + t
                + " but its fill value is a "
                + v.getClass().getSimpleName()
                + "; give a "
                + t.javaType().getSimpleName()
                + (e.getValue().strategy() == Strategy.CONSTANT ? "" : ", or fit again"));
      }
      fill[k++] = v;
    }
    return new Bound(idx, fill);
  }

  private int checkColumn(Schema input, String column, Strategy s) {
    return s == Strategy.MEAN || s == Strategy.MEDIAN
        ? Columns.requireNumeric(input, column, name + " " + s.name().toLowerCase(Locale.ROOT))
        : Columns.require(input, column, name);
  }

  private List<String> unfitted() {
    List<String> out = new ArrayList<>();
    rules.forEach(
        (c, r) -> {
          if (r.value() == null) {
            out.add(c);
          }
        });
    return out;
  }

  @Override
  public Fitter fitter(Schema input) {
    List<String> cols = new ArrayList<>();
    List<Stat> stats = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (Map.Entry<String, Rule> e : rules.entrySet()) {
      int i = checkColumn(input, e.getKey(), e.getValue().strategy());
      if (e.getValue().strategy() == Strategy.CONSTANT) {
        continue;
      }
      cols.add(e.getKey());
      idx.add(i);
      stats.add(new Stat(e.getValue().strategy(), input.column(i).type()));
    }
    return new Fitter() {
      @Override
      public void accept(Record r) {
        for (int k = 0; k < stats.size(); k++) {
          int i = idx.get(k);
          if (!r.isMissing(i)) {
            stats.get(k).add(r.get(i));
          }
        }
      }

      @Override
      public Impute fitted() {
        Map<String, Rule> out = new LinkedHashMap<>(rules);
        for (int k = 0; k < stats.size(); k++) {
          Object v = stats.get(k).result();
          if (v == null) {
            throw new IllegalStateException(
                name
                    + ": column '"
                    + cols.get(k)
                    + "' has no values to take the "
                    + stats.get(k).strategy.name().toLowerCase(Locale.ROOT)
                    + " of; impute it with a constant instead");
          }
          out.put(cols.get(k), new Rule(stats.get(k).strategy, v));
        }
        return new Impute(name, out);
      }
    };
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Impute[").append(name);
    rules.forEach(
        (c, r) ->
            sb.append(", ")
                .append(c)
                .append('=')
                .append(r.strategy())
                .append(r.value() == null ? " (not fitted)" : ""));
    return sb.append(']').toString();
  }

  private final class Bound implements Cleaner {
    private final int[] idx;
    private final Object[] fill;

    Bound(int[] idx, Object[] fill) {
      this.idx = idx;
      this.fill = fill;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      Object[] out = null;
      for (int k = 0; k < idx.length; k++) {
        if (r.isMissing(idx[k])) {
          if (out == null) {
            out = r.values();
          }
          out[idx[k]] = fill[k];
        }
      }
      return out == null ? r : r.reshape(r.schema(), out);
    }
  }

  /** Statistics of one column during a fit. */
  private static final class Stat {
    final Strategy strategy;
    final ColumnType type;
    // MEAN: a compensated (Kahan) sum, so that long columns do not drift.
    double sum;
    double compensation;
    long count;
    // MEDIAN: every value.
    double[] values = new double[0];
    // MODE: count and first-seen position per value.
    final Map<Object, long[]> counts = new HashMap<>();

    Stat(Strategy strategy, ColumnType type) {
      this.strategy = strategy;
      this.type = type;
      if (strategy == Strategy.MEDIAN) {
        values = new double[1024];
      }
    }

    void add(Object v) {
      switch (strategy) {
        case MEAN:
          double y = ((Number) v).doubleValue() - compensation;
          double t = sum + y;
          compensation = (t - sum) - y;
          sum = t;
          count++;
          break;
        case MEDIAN:
          if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
          }
          values[(int) count++] = ((Number) v).doubleValue();
          break;
        default:
          long[] c = counts.computeIfAbsent(v, k -> new long[] {0, count});
          c[0]++;
          count++;
      }
    }

    Object result() {
      if (count == 0) {
        return null;
      }
      switch (strategy) {
        case MEAN:
          return typed(sum / count);
        case MEDIAN:
          double[] a = Arrays.copyOf(values, (int) count);
          Arrays.sort(a);
          int mid = a.length / 2;
          return typed(a.length % 2 == 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2);
        default:
          Object best = null;
          long[] bestCount = null;
          for (Map.Entry<Object, long[]> e : counts.entrySet()) {
            long[] c = e.getValue();
            if (bestCount == null
                || c[0] > bestCount[0]
                || (c[0] == bestCount[0] && c[1] < bestCount[1])) {
              best = e.getKey();
              bestCount = c;
            }
          }
          return best;
      }
    }

    private Object typed(double d) {
      switch (type) {
        case INT:
          return (int) Math.floor(d + 0.5);
        case LONG:
          return (long) Math.floor(d + 0.5);
        default:
          return d;
      }
    }
  }

  /** Collects the columns of an {@link Impute}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "impute";
    private final Map<String, Rule> rules = new LinkedHashMap<>();

    private Builder() {}

    /** The rule's name in reports; default {@code "impute"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** Fills {@code column} with {@code value}, which must have the column's Java type. */
    public Builder constant(String column, Object value) {
      Objects.requireNonNull(value, "value (use a non-null constant)");
      return put(column, new Rule(Strategy.CONSTANT, value));
    }

    /** Fills the numeric {@code column} with its mean; needs a fit. */
    public Builder mean(String column) {
      return put(column, new Rule(Strategy.MEAN, null));
    }

    /** Fills the numeric {@code column} with its median; needs a fit. */
    public Builder median(String column) {
      return put(column, new Rule(Strategy.MEDIAN, null));
    }

    /** Fills {@code column} with its most frequent value; needs a fit. */
    public Builder mode(String column) {
      return put(column, new Rule(Strategy.MODE, null));
    }

    /**
     * Sets the fitted value of a column added with {@link #mean}, {@link #median} or {@link #mode},
     * as {@link Impute#values()} gave it after an earlier fit: restores a fitted imputer (from a
     * snapshot, say) without reading the data again. The value's type is checked against the column
     * when the imputer is bound.
     */
    public Builder setFitted(String column, Object value) {
      Objects.requireNonNull(value, "value");
      Rule rule = rules.get(column);
      if (rule == null || rule.strategy() == Strategy.CONSTANT) {
        throw new IllegalArgumentException(
            "column '"
                + column
                + "' has no mean, median or mode to restore"
                + (rule == null
                    ? "; add it with mean, median or mode first"
                    : "; it is a constant"));
      }
      rules.put(column, new Rule(rule.strategy(), value));
      return this;
    }

    private Builder put(String column, Rule rule) {
      Columns.checkName(column);
      Rule before = rules.get(column);
      if (before != null) {
        throw new IllegalArgumentException(
            "column '"
                + column
                + "' is already imputed by "
                + before.strategy()
                + "; give each column one strategy");
      }
      rules.put(column, rule);
      return this;
    }

    /** The configured imputer; fitted when every column is a constant. */
    public Impute get() {
      return new Impute(name, rules);
    }
  }
}
