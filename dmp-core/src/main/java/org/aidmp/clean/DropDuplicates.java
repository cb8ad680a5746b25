package org.aidmp.clean;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Skips records whose key was seen before in the same pass; the first one is kept.
 *
 * <pre>{@code
 * DropDuplicates oneEventPerUserAndTime = DropDuplicates.builder()
 *     .setKeys("user_id", "ts")
 *     .get();
 * }</pre>
 *
 * <p>With no keys set the key is the whole row (all values; the origin does not count). Values are
 * compared with {@code equals}, so run it after {@link NormalizeText} or {@link ConvertTypes} if
 * {@code " a"} and {@code "a"}, or {@code "1"} and {@code "1.0"}, should count as the same. Missing
 * values are equal to each other.
 *
 * <p>Memory grows with the number of distinct keys: each pass keeps every key it has seen until the
 * pass ends. Skipped duplicates are counted as skipped under this rule's name, never quarantined.
 *
 * <p>The keys seen belong to one pass, so this cleaner must be bound ({@link #bind(Schema)}) before
 * use; {@link Cleaning} does that for every pass.
 */
final class DropDuplicates implements Cleaner {
  private final String name;
  private final List<String> keys;
  private final int expectedKeys;

  private DropDuplicates(Builder b) {
    this.name = b.name;
    this.keys = b.keys;
    this.expectedKeys = b.expectedKeys;
  }

  /** A builder with the defaults: whole-row keys. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.keys = keys;
    b.expectedKeys = expectedKeys;
    return b;
  }

  /** The key columns; empty means the whole row. */
  public List<String> keys() {
    return keys;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Not supported: the keys seen belong to a pass. Use {@code bind(schema)} and call {@code clean}
   * on the cleaner it returns.
   *
   * @throws IllegalStateException always
   */
  @Override
  public Record clean(Record record) {
    throw new IllegalStateException(
        name
            + " remembers the keys of one pass; call bind(schema) and clean with the cleaner it"
            + " returns, or add it to a Cleaning");
  }

  @Override
  public Cleaner bind(Schema input) {
    int[] idx = new int[keys.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = Columns.require(input, keys.get(i), name);
    }
    return new Bound(idx, expectedKeys);
  }

  @Override
  public String toString() {
    return "DropDuplicates[" + name + ", keys=" + (keys.isEmpty() ? "whole row" : keys) + "]";
  }

  private final class Bound implements Cleaner {
    private final int[] idx;
    private final Set<Object> seen;

    Bound(int[] idx, int expected) {
      this.idx = idx;
      // Sized so that the expected number of keys fits without rehashing at the 0.75 load factor.
      this.seen = new HashSet<>(Math.max(16, (int) Math.min(1 << 30, expected / 3L * 4 + 1)));
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      Object key;
      if (idx.length == 0) {
        key = new Key(r.values());
      } else if (idx.length == 1) {
        // A single key column is its own key; a null is wrapped so that the set can hold it.
        Object v = r.get(idx[0]);
        key = v == null ? Key.NULL : v;
      } else {
        Object[] v = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) {
          v[i] = r.get(idx[i]);
        }
        key = new Key(v);
      }
      return seen.add(key) ? r : null;
    }
  }

  /** A key of several values, compared element by element. */
  private static final class Key {
    static final Key NULL = new Key(new Object[1]);

    private final Object[] values;
    private final int hash;

    Key(Object[] values) {
      this.values = values;
      this.hash = Arrays.hashCode(values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.values, values);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Builds a {@link DropDuplicates}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "drop-duplicates";
    private List<String> keys = List.of();
    private int expectedKeys = 1 << 16;

    private Builder() {}

    /** The rule's name in reports; default {@code "drop-duplicates"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** The key columns; none (the default) means the whole row. */
    public Builder setKeys(String... columns) {
      this.keys = Columns.checkNames(columns);
      return this;
    }

    /**
     * About how many distinct keys a pass will see, to size the set up front; default 65,536. It is
     * a hint: more keys still work.
     */
    public Builder setExpectedKeys(int expectedKeys) {
      if (expectedKeys < 0) {
        throw new IllegalArgumentException(
            "expectedKeys (" + expectedKeys + ") is negative; give 0 or more");
      }
      this.expectedKeys = expectedKeys;
      return this;
    }

    /** The configured cleaner. */
    public DropDuplicates get() {
      return new DropDuplicates(this);
    }
  }
}
