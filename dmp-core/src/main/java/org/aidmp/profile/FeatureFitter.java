package org.aidmp.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.aidmp.profile.FeatureSpec.FeatureGroup;
import org.aidmp.progress.ProgressListener;

/**
 * Fits a {@link FeatureSpec} on a snapshot of a store, in passes over the snapshot: vocabularies,
 * fill values, scaling statistics, rows. Every pass reads the same snapshot, and the rows come from
 * the finished transform, so fitting and later transforming agree exactly.
 */
final class FeatureFitter {
  private final FeatureSpec spec;
  private final ProfileStore store;
  private final Predicate<UserProfile> include;
  private final ProgressListener progress;

  FeatureFitter(
      FeatureSpec spec,
      ProfileStore store,
      Predicate<UserProfile> include,
      ProgressListener progress) {
    this.spec = spec;
    this.store = store;
    this.include = include;
    this.progress = progress;
  }

  ProfileMatrix fit() {
    List<UserProfile> all = store.profiles();
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "the profile store is empty; accept events or join attributes before fitting");
    }
    List<UserProfile> users = new ArrayList<>(all.size());
    for (UserProfile p : all) {
      if (include.test(p)) {
        users.add(p);
      }
    }
    int n = users.size();
    if (n == 0) {
      throw new IllegalArgumentException(
          "none of the " + all.size() + " users passes the filter; nobody to fit features on");
    }
    progress.onProgress("fit features", 0, 4);
    List<String> attrs = store.attributeNames();
    for (String a : spec.numericAttributes()) {
      requireAttribute(attrs, a);
    }
    for (String a : spec.categoricalAttributes()) {
      requireAttribute(attrs, a);
    }
    long asOf = spec.asOf().map(i -> i.toEpochMilli()).orElseGet(() -> latest(users));

    // Pass 1: which columns exist.
    if (spec.groups().contains(FeatureGroup.DISTINCT_ITEMS) && store.distinctItemLimit() == 0) {
      throw new IllegalArgumentException(
          "DISTINCT_ITEMS needs a store that tracks items; build it with"
              + " setDistinctItemLimit(n) or drop the group");
    }
    Map<String, List<String>> vocabularies = new HashMap<>();
    for (String a : spec.categoricalAttributes()) {
      vocabularies.put(a, vocabulary(users, a));
    }
    Columns columns =
        columns(
            spec,
            spec.eventTypes().isEmpty() ? typesWithEvents(users) : spec.eventTypes(),
            spec.groups().contains(FeatureGroup.CATEGORY_AFFINITY)
                ? topCategories(users, asOf)
                : List.of(),
            vocabularies);
    byte[] kind = columns.kind();
    String[] key = columns.key();
    String[] level = columns.level();
    int d = kind.length;
    String[] rfm = spec.rfmTypes().toArray(new String[0]);
    double[] center = new double[d];
    double[] scale = new double[d];
    Arrays.fill(scale, 1);
    double[] fill = new double[d];
    Arrays.fill(fill, Double.NaN);
    FeatureTransform raw = transform(asOf, rfm, kind, key, level, center, scale, fill);
    progress.onProgress("fit features", 1, 4);

    // Pass 2: fill values from the non-missing raw values.
    int[] numeric = numericColumns(kind);
    double[] sum = new double[d];
    long[] count = new long[d];
    double[] min = new double[d];
    double[] max = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (UserProfile p : users) {
      double decay = p.decay(asOf);
      double total = p.rawAffinityTotal();
      FeatureIds ids = raw.ids(p);
      for (int j : numeric) {
        double v = raw.raw(j, p, ids, asOf, decay, total);
        if (!Double.isNaN(v)) {
          sum[j] += v;
          count[j]++;
          min[j] = Math.min(min[j], v);
          max[j] = Math.max(max[j], v);
        }
      }
    }
    // Every numeric feature gets a fill, even one never missing in training: a later user may
    // lack it (an attribute-only user has no recency).
    for (int j : numeric) {
      fill[j] =
          count[j] == 0
              ? 0
              : switch (spec.missingFill()) {
                case MEAN -> sum[j] / count[j];
                case ZERO -> 0;
                case MIN -> min[j];
                case MAX -> max[j];
              };
    }
    progress.onProgress("fit features", 2, 4);

    // Pass 3: scaling statistics of the filled values (Welford, in double).
    double[] mean = new double[d];
    double[] m2 = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    long seen = 0;
    for (UserProfile p : users) {
      seen++;
      double decay = p.decay(asOf);
      double total = p.rawAffinityTotal();
      FeatureIds ids = raw.ids(p);
      for (int j : numeric) {
        double v = raw.raw(j, p, ids, asOf, decay, total);
        if (Double.isNaN(v)) {
          v = fill[j];
        }
        double delta = v - mean[j];
        mean[j] += delta / seen;
        m2[j] += delta * (v - mean[j]);
        min[j] = Math.min(min[j], v);
        max[j] = Math.max(max[j], v);
      }
    }
    for (int j : numeric) {
      switch (spec.scaling()) {
        case STANDARD -> {
          center[j] = mean[j];
          scale[j] = Math.sqrt(m2[j] / n);
        }
        case MIN_MAX -> {
          center[j] = min[j];
          scale[j] = max[j] - min[j];
        }
        case NONE -> {
          center[j] = 0;
          scale[j] = 1;
        }
      }
    }
    FeatureTransform fitted = transform(asOf, rfm, kind, key, level, center, scale, fill);
    progress.onProgress("fit features", 3, 4);

    // Pass 4: the rows, through the fitted transform itself.
    ProfileMatrix m = fitted.matrix(users, progress);
    progress.onProgress("fit features", 4, 4);
    return m;
  }

  /** The layout of the feature columns: kind, key and one-hot level of each. */
  record Columns(byte[] kind, String[] key, String[] level) {}

  /**
   * The columns of {@code spec} in their documented order, given the count types, the affinity
   * categories and each categorical attribute's vocabulary (all in column order).
   *
   * @throws IllegalArgumentException if the layout has no column
   */
  static Columns columns(
      FeatureSpec spec,
      List<String> countTypes,
      List<String> categories,
      Map<String, List<String>> vocabularies) {
    List<Byte> kinds = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    if (spec.groups().contains(FeatureGroup.TYPE_COUNTS)) {
      for (String t : countTypes) {
        add(kinds, keys, levels, FeatureTransform.COUNT, t, null);
      }
    }
    if (spec.groups().contains(FeatureGroup.RECENCY)) {
      add(kinds, keys, levels, FeatureTransform.RECENCY, null, null);
    }
    if (spec.groups().contains(FeatureGroup.FREQUENCY)) {
      add(kinds, keys, levels, FeatureTransform.FREQUENCY, null, null);
    }
    if (spec.groups().contains(FeatureGroup.MONETARY)) {
      add(kinds, keys, levels, FeatureTransform.MONETARY, null, null);
    }
    if (spec.groups().contains(FeatureGroup.DISTINCT_ITEMS)) {
      add(kinds, keys, levels, FeatureTransform.DISTINCT_ITEMS, null, null);
    }
    if (spec.groups().contains(FeatureGroup.CATEGORY_AFFINITY)) {
      for (String c : categories) {
        add(kinds, keys, levels, FeatureTransform.AFFINITY, c, null);
      }
    }
    for (String a : spec.numericAttributes()) {
      add(kinds, keys, levels, FeatureTransform.NUMERIC, a, null);
    }
    for (String a : spec.categoricalAttributes()) {
      List<String> vocabulary = vocabularies.get(a);
      if (vocabulary == null) {
        throw new IllegalArgumentException(
            "no vocabulary for the categorical attribute '" + a + "'; pass one per attribute");
      }
      for (String v : vocabulary) {
        add(kinds, keys, levels, FeatureTransform.ONE_HOT, a, v);
      }
      if (spec.unseenCategoryPolicy() == UnseenCategoryPolicy.OTHER) {
        add(kinds, keys, levels, FeatureTransform.ONE_HOT, a, null);
      }
    }
    int d = kinds.size();
    if (d == 0) {
      throw new IllegalArgumentException(
          "the spec gives no features on this store (no event types, categories or attribute"
              + " values); check the groups and the data");
    }
    byte[] kind = new byte[d];
    for (int j = 0; j < d; j++) {
      kind[j] = kinds.get(j);
    }
    return new Columns(kind, keys.toArray(new String[0]), levels.toArray(new String[0]));
  }

  private FeatureTransform transform(
      long asOf,
      String[] rfm,
      byte[] kind,
      String[] key,
      String[] level,
      double[] center,
      double[] scale,
      double[] fill) {
    return new FeatureTransform(
        asOf,
        spec.scaling(),
        spec.countTransform(),
        spec.affinityForm(),
        spec.unseenCategoryPolicy(),
        rfm,
        kind,
        key,
        level,
        center,
        scale,
        fill);
  }

  private static int[] numericColumns(byte[] kind) {
    int c = 0;
    int[] out = new int[kind.length];
    for (int j = 0; j < kind.length; j++) {
      if (kind[j] != FeatureTransform.ONE_HOT) {
        out[c++] = j;
      }
    }
    return Arrays.copyOf(out, c);
  }

  private static void add(
      List<Byte> kinds,
      List<String> keys,
      List<String> levels,
      byte kind,
      String key,
      String level) {
    kinds.add(kind);
    keys.add(key);
    levels.add(level);
  }

  private static void requireAttribute(List<String> known, String a) {
    if (!known.contains(a)) {
      throw new IllegalArgumentException(
          "attribute '"
              + a
              + "' was never joined into the store (it has "
              + known
              + "); join an attributes source with it or remove it from the spec");
    }
  }

  /** The latest event time among the snapshot, 0 when nobody has events. */
  private static long latest(List<UserProfile> users) {
    long l = Long.MIN_VALUE;
    for (UserProfile p : users) {
      if (p.events > 0) {
        l = Math.max(l, p.lastSeen);
      }
    }
    return l == Long.MIN_VALUE ? 0 : l;
  }

  private static List<String> typesWithEvents(List<UserProfile> users) {
    Interner types = users.get(0).types;
    long[] total = new long[types.size()];
    for (UserProfile p : users) {
      for (int i = 0; i < p.typeCounts.length && i < total.length; i++) {
        total[i] += p.typeCounts[i];
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < total.length; i++) {
      if (total[i] > 0) {
        out.add(types.name(i));
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The categories to give affinity columns: the top ones by total score, sorted by name. */
  private List<String> topCategories(List<UserProfile> users, long asOf) {
    Interner cats = users.get(0).categories;
    int c = cats.size();
    double[] mass = new double[c];
    boolean[] present = new boolean[c];
    for (UserProfile p : users) {
      double decay = p.decay(asOf);
      for (int i = 0; i < p.catIds.length; i++) {
        int id = p.catIds[i];
        if (id < c) {
          present[id] = true;
          mass[id] += p.catRaw[i] * decay;
        }
      }
    }
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      if (present[i]) {
        ids.add(i);
      }
    }
    int top = spec.topCategories();
    if (top > 0 && ids.size() > top) {
      ids.sort(
          Comparator.comparingDouble((Integer i) -> -mass[i]).thenComparing(i -> cats.name(i)));
      ids = ids.subList(0, top);
    }
    List<String> out = new ArrayList<>();
    for (int i : ids) {
      out.add(cats.name(i));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The values of a categorical attribute that get columns: the most frequent, sorted. */
  private List<String> vocabulary(List<UserProfile> users, String attribute) {
    Map<String, long[]> counts = new HashMap<>();
    for (UserProfile p : users) {
      String v = AttributeValues.categorical(p.attribute(attribute));
      if (v != null) {
        counts.computeIfAbsent(v, k -> new long[1])[0]++;
      }
    }
    List<String> values = new ArrayList<>(counts.keySet());
    int max = spec.maxCategoriesPerAttribute();
    if (values.size() > max) {
      if (spec.unseenCategoryPolicy() == UnseenCategoryPolicy.ERROR) {
        throw new IllegalArgumentException(
            "attribute '"
                + attribute
                + "' has "
                + values.size()
                + " distinct values, more than"
                + " maxCategoriesPerAttribute ("
                + max
                + "); raise the limit or use"
                + " UnseenCategoryPolicy.OTHER or IGNORE");
      }
      values.sort(
          Comparator.comparingLong((String v) -> -counts.get(v)[0])
              .thenComparing(Comparator.naturalOrder()));
      values = new ArrayList<>(values.subList(0, max));
    }
    values.sort(Comparator.naturalOrder());
    return values;
  }
}
