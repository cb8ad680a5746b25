package org.aidmp.clean;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Maps the spellings of a category to one canonical value.
 *
 * <pre>{@code
 * MapSynonyms cities = MapSynonyms.builder()
 *     .setColumns("city")
 *     .map("New York", "NY", "NYC", "new york city")
 *     .setCaseSensitivity(MapSynonyms.CaseSensitivity.INSENSITIVE)
 *     .get();
 * }</pre>
 *
 * <p>The canonical value is a synonym of itself, so under {@code INSENSITIVE} "NEW YORK" becomes
 * "New York" too. Values are matched as they are, so trim them first ({@link NormalizeText}).
 * Values that are no synonym are kept, or rejected under {@link Unmapped#REJECT}.
 */
final class MapSynonyms implements Cleaner {
  /** Whether letter case matters when matching synonyms. */
  public enum CaseSensitivity {
    /** "ny" and "NY" are different values. */
    SENSITIVE,
    /** "ny" and "NY" are the same value (compared in {@link Locale#ROOT} lower case). */
    INSENSITIVE
  }

  /** What to do with a value that is no known synonym. */
  public enum Unmapped {
    /** Keep it as it is. */
    KEEP,
    /** Reject the record: the column must hold one of the known categories. */
    REJECT
  }

  private final String name;
  private final List<String> columns;
  private final Map<String, String> canonicalBySynonym;
  private final CaseSensitivity caseSensitivity;
  private final Unmapped unmapped;
  private final Map<String, String> lookup;

  private MapSynonyms(Builder b) {
    if (b.canonicalBySynonym.isEmpty()) {
      throw new IllegalArgumentException("no synonyms; add some with map(canonical, synonyms...)");
    }
    this.name = b.name;
    this.columns = b.columns;
    this.canonicalBySynonym = Map.copyOf(b.canonicalBySynonym);
    this.caseSensitivity = b.caseSensitivity;
    this.unmapped = b.unmapped;
    Map<String, String> l = new HashMap<>();
    for (Map.Entry<String, String> e : b.canonicalBySynonym.entrySet()) {
      String key = fold(e.getKey());
      String before = l.putIfAbsent(key, e.getValue());
      if (before != null && !before.equals(e.getValue())) {
        throw new IllegalArgumentException(
            "synonym '"
                + e.getKey()
                + "' maps to both '"
                + before
                + "' and '"
                + e.getValue()
                + "'"
                + (caseSensitivity == CaseSensitivity.INSENSITIVE ? " ignoring case" : "")
                + "; give each synonym one canonical value");
      }
    }
    this.lookup = l;
  }

  /** A new builder: all text columns, case-sensitive, unmapped values kept. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.columns = columns;
    b.canonicalBySynonym.putAll(canonicalBySynonym);
    b.caseSensitivity = caseSensitivity;
    b.unmapped = unmapped;
    return b;
  }

  /** The canonical value of each synonym (canonical values map to themselves). */
  public Map<String, String> synonyms() {
    return canonicalBySynonym;
  }

  @Override
  public String name() {
    return name;
  }

  private String fold(String s) {
    return caseSensitivity == CaseSensitivity.INSENSITIVE ? s.toLowerCase(Locale.ROOT) : s;
  }

  /** Maps one record, binding to its schema first; a pipeline binds once per pass instead. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    return new Bound(Columns.textColumns(input, columns, name), input);
  }

  @Override
  public String toString() {
    return "MapSynonyms["
        + name
        + ", columns="
        + (columns.isEmpty() ? "all text" : columns)
        + ", "
        + lookup.size()
        + " synonyms, "
        + caseSensitivity
        + ", unmapped="
        + unmapped
        + "]";
  }

  private final class Bound implements Cleaner {
    private final int[] idx;
    private final String[] names;

    Bound(int[] idx, Schema input) {
      this.idx = idx;
      this.names = new String[idx.length];
      for (int i = 0; i < idx.length; i++) {
        names[i] = Columns.name(input, idx[i]);
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      Object[] out = null;
      for (int k = 0; k < idx.length; k++) {
        if (!(r.get(idx[k]) instanceof String s)) {
          continue;
        }
        String canonical = lookup.get(fold(s));
        if (canonical == null) {
          if (unmapped == Unmapped.REJECT && !s.isBlank()) {
            throw new BadRecordException(names[k], "not a known category or synonym");
          }
        } else if (!canonical.equals(s)) {
          if (out == null) {
            out = r.values();
          }
          out[idx[k]] = canonical;
        }
      }
      return out == null ? r : r.reshape(r.schema(), out);
    }
  }

  /** Builds a {@link MapSynonyms}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "map-synonyms";
    private List<String> columns = List.of();
    private final Map<String, String> canonicalBySynonym = new LinkedHashMap<>();
    private CaseSensitivity caseSensitivity = CaseSensitivity.SENSITIVE;
    private Unmapped unmapped = Unmapped.KEEP;

    private Builder() {}

    /** The rule's name in reports; default {@code "map-synonyms"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** The columns to map; none (the default) means every text column. */
    public Builder setColumns(String... columns) {
      this.columns = Columns.checkNames(columns);
      return this;
    }

    /** Maps each synonym (and {@code canonical} itself) to {@code canonical}. */
    public Builder map(String canonical, String... synonyms) {
      Objects.requireNonNull(canonical, "canonical");
      Objects.requireNonNull(synonyms, "synonyms");
      put(canonical, canonical);
      for (String s : synonyms) {
        put(Objects.requireNonNull(s, "synonym"), canonical);
      }
      return this;
    }

    /** Adds every entry of a synonym-to-canonical map. */
    public Builder mapAll(Map<String, String> canonicalBySynonym) {
      for (Map.Entry<String, String> e : canonicalBySynonym.entrySet()) {
        map(e.getValue(), e.getKey());
      }
      return this;
    }

    private void put(String synonym, String canonical) {
      String before = canonicalBySynonym.putIfAbsent(synonym, canonical);
      if (before != null && !before.equals(canonical)) {
        throw new IllegalArgumentException(
            "synonym '"
                + synonym
                + "' maps to both '"
                + before
                + "' and '"
                + canonical
                + "'; give each synonym one canonical value");
      }
    }

    /** Whether case matters; default {@link CaseSensitivity#SENSITIVE}. */
    public Builder setCaseSensitivity(CaseSensitivity caseSensitivity) {
      this.caseSensitivity = Objects.requireNonNull(caseSensitivity, "caseSensitivity");
      return this;
    }

    /** What to do with other values; default {@link Unmapped#KEEP}. */
    public Builder setUnmapped(Unmapped unmapped) {
      this.unmapped = Objects.requireNonNull(unmapped, "unmapped");
      return this;
    }

    /** The configured cleaner. */
    public MapSynonyms get() {
      return new MapSynonyms(this);
    }
  }
}
