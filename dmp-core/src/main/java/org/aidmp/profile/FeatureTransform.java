package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aidmp.profile.FeatureSpec.AffinityForm;
import org.aidmp.profile.FeatureSpec.CountTransform;
import org.aidmp.progress.ProgressListener;
import org.ejml.data.FMatrixRMaj;

/**
 * A fitted, immutable feature transform: feature names, fill values, scaling statistics and
 * category vocabularies learnt by {@link FeatureSpec#fit(ProfileStore)}. Training users, new users
 * and users updated by live events all go through the same transform, so their rows are comparable;
 * transforming a training user again gives the identical row.
 *
 * <pre>{@code
 * FeatureTransform t = spec.fit(store).transform();
 * float[] row = new float[t.dimension()];
 * t.transform(store.get(userId).orElseThrow(), row, 0);     // no allocation
 * double days = t.unscale(t.indexOf("recency_days"), row[t.indexOf("recency_days")]);
 * try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(path))) {
 *   t.write(out);
 * }
 * }</pre>
 *
 * <p>Each numeric feature {@code j} is {@code (raw - center(j)) / scale(j)}, with center and scale
 * the mean and population standard deviation ({@link Scaling#STANDARD}), the minimum and range
 * ({@link Scaling#MIN_MAX}) or 0 and 1 ({@link Scaling#NONE}) of the training values; a feature
 * whose scale is 0 (constant in training) is 0. A missing raw value is replaced by {@link
 * #fill(int)} first. One-hot columns are 0 or 1 and never scaled.
 *
 * <p>Thread-safe: a transform holds no mutable state.
 */
public final class FeatureTransform {
  static final byte COUNT = 0;
  static final byte RECENCY = 1;
  static final byte FREQUENCY = 2;
  static final byte MONETARY = 3;
  static final byte DISTINCT_ITEMS = 4;
  static final byte AFFINITY = 5;
  static final byte NUMERIC = 6;
  static final byte ONE_HOT = 7;

  /** The suffix of the "other" indicator of a categorical attribute. */
  static final String OTHER_LEVEL = "*other*";

  private static final double DAY_MILLIS = 86_400_000d;

  private final long asOf;
  private final Scaling scaling;
  private final CountTransform countTransform;
  private final AffinityForm affinityForm;
  private final UnseenCategoryPolicy unseenPolicy;
  private final String[] rfmTypes;
  final byte[] kinds;
  final String[] keys;

  /** The value of a one-hot column, null for the "other" column and for numeric features. */
  final String[] levels;

  private final double[] center;
  private final double[] scale;
  private final double[] fill;

  private final String[] names;
  private final Map<String, Integer> indexByName;
  private final int[] numeric;
  private final Block[] blocks;

  /** The indicator columns of one categorical attribute: [start, end), other at end - 1 if any. */
  private record Block(String attribute, int start, int end, int other, Map<String, Integer> at) {}

  FeatureTransform(
      long asOf,
      Scaling scaling,
      CountTransform countTransform,
      AffinityForm affinityForm,
      UnseenCategoryPolicy unseenPolicy,
      String[] rfmTypes,
      byte[] kinds,
      String[] keys,
      String[] levels,
      double[] center,
      double[] scale,
      double[] fill) {
    int d = kinds.length;
    if (keys.length != d
        || levels.length != d
        || center.length != d
        || scale.length != d
        || fill.length != d) {
      throw new IllegalArgumentException("feature arrays differ in length");
    }
    this.asOf = asOf;
    this.scaling = Objects.requireNonNull(scaling);
    this.countTransform = Objects.requireNonNull(countTransform);
    this.affinityForm = Objects.requireNonNull(affinityForm);
    this.unseenPolicy = Objects.requireNonNull(unseenPolicy);
    this.rfmTypes = rfmTypes.clone();
    this.kinds = kinds.clone();
    this.keys = keys.clone();
    this.levels = levels.clone();
    this.center = center.clone();
    this.scale = scale.clone();
    this.fill = fill.clone();
    this.names = new String[d];
    Map<String, Integer> byName = new HashMap<>();
    List<Integer> numericList = new ArrayList<>();
    List<Block> blockList = new ArrayList<>();
    int j = 0;
    while (j < d) {
      byte k = kinds[j];
      if (k < COUNT || k > ONE_HOT) {
        throw new IllegalArgumentException("unknown feature kind " + k + " at " + j);
      }
      if (k != ONE_HOT) {
        names[j] = name(k, keys[j], null);
        numericList.add(j);
        j++;
        continue;
      }
      String attribute = keys[j];
      int start = j;
      int other = -1;
      Map<String, Integer> at = new HashMap<>();
      while (j < d && kinds[j] == ONE_HOT && keys[j].equals(attribute)) {
        names[j] = name(ONE_HOT, attribute, levels[j]);
        if (levels[j] == null) {
          other = j;
        } else {
          at.put(levels[j], j);
        }
        j++;
      }
      blockList.add(new Block(attribute, start, j, other, Map.copyOf(at)));
    }
    for (int i = 0; i < d; i++) {
      if (byName.putIfAbsent(names[i], i) != null) {
        throw new IllegalArgumentException(
            "two features are named '" + names[i] + "'; rename the attribute or the value");
      }
    }
    this.indexByName = Collections.unmodifiableMap(byName);
    this.numeric = numericList.stream().mapToInt(Integer::intValue).toArray();
    this.blocks = blockList.toArray(new Block[0]);
  }

  private static String name(byte kind, String key, String level) {
    switch (kind) {
      case COUNT:
        return "count:" + key;
      case RECENCY:
        return "recency_days";
      case FREQUENCY:
        return "frequency";
      case MONETARY:
        return "monetary";
      case DISTINCT_ITEMS:
        return "distinct_items";
      case AFFINITY:
        return "affinity:" + key;
      case NUMERIC:
        return "attr:" + key;
      default:
        return "attr:" + key + "=" + (level == null ? OTHER_LEVEL : level);
    }
  }

  /** The number of features (columns). */
  public int dimension() {
    return kinds.length;
  }

  /** The feature names, in column order. */
  public List<String> featureNames() {
    return List.of(names);
  }

  /** The name of feature {@code j}. */
  public String featureName(int j) {
    return names[j];
  }

  /** The column of the named feature, or -1. */
  public int indexOf(String featureName) {
    Integer i = indexByName.get(featureName);
    return i == null ? -1 : i;
  }

  /** The time recency and affinity are measured at, unless a call gives another. */
  public Instant asOf() {
    return Instant.ofEpochMilli(asOf);
  }

  /** The scaling applied to numeric features. */
  public Scaling scaling() {
    return scaling;
  }

  /** How counts enter the features. */
  public CountTransform countTransform() {
    return countTransform;
  }

  /** How affinity enters the features. */
  public AffinityForm affinityForm() {
    return affinityForm;
  }

  /** What happens to categorical values outside the vocabulary. */
  public UnseenCategoryPolicy unseenCategoryPolicy() {
    return unseenPolicy;
  }

  /** The event types RFM looks at; empty means all. */
  public List<String> rfmTypes() {
    return List.of(rfmTypes);
  }

  /** Whether feature {@code j} is a one-hot indicator. */
  public boolean isIndicator(int j) {
    return kinds[j] == ONE_HOT;
  }

  /**
   * The center of feature {@code j}: the training mean (STANDARD), minimum (MIN_MAX) or 0 (NONE and
   * indicators).
   */
  public double center(int j) {
    return center[j];
  }

  /**
   * The scale of feature {@code j}: the training standard deviation (STANDARD), range (MIN_MAX) or
   * 1 (NONE and indicators); 0 for a feature constant in training.
   */
  public double scale(int j) {
    return scale[j];
  }

  /** The raw value a missing value of feature {@code j} is replaced by; NaN for indicators. */
  public double fill(int j) {
    return fill[j];
  }

  /**
   * The fitted values of a categorical attribute, in column order (without the "other" column).
   *
   * @throws IllegalArgumentException if the attribute is not one-hot encoded by this transform
   */
  public List<String> vocabulary(String attribute) {
    for (Block b : blocks) {
      if (b.attribute.equals(attribute)) {
        List<String> out = new ArrayList<>();
        for (int j = b.start; j < b.end; j++) {
          if (levels[j] != null) {
            out.add(levels[j]);
          }
        }
        return List.copyOf(out);
      }
    }
    throw new IllegalArgumentException(
        "attribute '"
            + attribute
            + "' is not one-hot encoded here; the features are "
            + featureNames());
  }

  /**
   * Writes the row of {@code profile} into {@code out[offset .. offset + dimension())}, measuring
   * recency and affinity at the fitted as-of time. Allocates nothing for typed attributes.
   *
   * @param out the row buffer; only the row's range is modified
   * @throws IllegalArgumentException if the row does not fit in {@code out}, a numeric attribute
   *     holds non-number text, or a categorical value is unseen under {@link
   *     UnseenCategoryPolicy#ERROR}
   */
  public void transform(UserProfile profile, float[] out, int offset) {
    transform(profile, asOf, out, offset);
  }

  /**
   * Like {@link #transform(UserProfile, float[], int)}, measuring recency and affinity at {@code
   * asOfMillis} instead (for live scoring "now"); scaling statistics are unchanged.
   */
  public void transform(UserProfile profile, long asOfMillis, float[] out, int offset) {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(out, "out");
    if (offset < 0 || offset > out.length - kinds.length) {
      throw new IllegalArgumentException(
          "a row of "
              + kinds.length
              + " features does not fit at offset "
              + offset
              + " in an array of "
              + out.length);
    }
    FeatureIds ids = ids(profile);
    double decay = profile.decay(asOfMillis);
    double totalRaw = profile.rawAffinityTotal();
    for (int j : numeric) {
      double raw = raw(j, profile, ids, asOfMillis, decay, totalRaw);
      if (Double.isNaN(raw)) {
        raw = fill[j];
      }
      out[offset + j] = (float) scaled(j, raw);
    }
    for (Block b : blocks) {
      Arrays.fill(out, offset + b.start, offset + b.end, 0f);
      String v = AttributeValues.categorical(attribute(profile, ids.key[b.start]));
      if (v == null) {
        continue;
      }
      Integer col = b.at.get(v);
      if (col != null) {
        out[offset + col] = 1f;
      } else if (unseenPolicy == UnseenCategoryPolicy.OTHER) {
        out[offset + b.other] = 1f;
      } else if (unseenPolicy == UnseenCategoryPolicy.ERROR) {
        throw new IllegalArgumentException(
            "attribute '"
                + b.attribute
                + "' has a value not seen when fitting; refit, or use"
                + " UnseenCategoryPolicy.IGNORE or OTHER");
      }
    }
  }

  /** The rows of all users of {@code store}, in ascending id order, with this transform. */
  public ProfileMatrix transform(ProfileStore store) {
    return matrix(store.profiles(), ProgressListener.NONE);
  }

  /** The rows of {@code profiles}, in the given order. */
  public ProfileMatrix transform(List<UserProfile> profiles) {
    return matrix(profiles, ProgressListener.NONE);
  }

  ProfileMatrix matrix(List<UserProfile> profiles, ProgressListener progress) {
    int n = profiles.size();
    int d = kinds.length;
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          n + " users x " + d + " features exceed one array; select fewer features or users");
    }
    FMatrixRMaj m = new FMatrixRMaj(n, d);
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      UserProfile p = profiles.get(i);
      ids[i] = p.userId();
      transform(p, m.data, i * d);
      if ((i + 1) % 65_536 == 0) {
        progress.onProgress("feature rows", i + 1, n);
      }
    }
    progress.onProgress("feature rows", n, n);
    return new ProfileMatrix(ids, m, this);
  }

  private double scaled(int j, double raw) {
    double s = scale[j];
    return s == 0 ? 0 : (raw - center[j]) / s;
  }

  /**
   * The value of feature {@code j} in original units from a scaled value: undoes the scaling and,
   * for count features under {@link CountTransform#LOG1P}, the log. Indicators are returned as they
   * are; a feature constant in training gives its constant. Counts, recencies and affinities are
   * never below 0, and affinity shares never above 1, whatever rounding the float matrix did.
   */
  public double unscale(int j, double scaledValue) {
    if (kinds[j] == ONE_HOT) {
      return scaledValue;
    }
    double v = scale[j] == 0 ? center[j] : center[j] + scaledValue * scale[j];
    if (isCount(kinds[j]) && countTransform == CountTransform.LOG1P) {
      v = Math.expm1(v);
    }
    // Scaled values are floats: a true 0 can come back as -3e-8. Keep each kind in its domain.
    if (isCount(kinds[j]) || kinds[j] == RECENCY || kinds[j] == AFFINITY) {
      v = Math.max(0, v);
    }
    if (kinds[j] == AFFINITY && affinityForm == AffinityForm.SHARE) {
      v = Math.min(1, v);
    }
    return v;
  }

  private static boolean isCount(byte kind) {
    return kind == COUNT || kind == FREQUENCY || kind == DISTINCT_ITEMS;
  }

  /**
   * FeatureIds, in one store's interners, of the names the features refer to. Resolving them once
   * per store instead of once per feature and call keeps hash lookups out of the per-row loop; they
   * are resolved again when the profile comes from another store or the store has learnt new names
   * (a type or category listed in the spec may appear only later).
   */
  private volatile FeatureIds ids;

  FeatureIds ids(UserProfile p) {
    FeatureIds r = ids;
    if (r == null || !r.fits(p)) {
      r = new FeatureIds(p, kinds, keys, rfmTypes);
      ids = r;
    }
    return r;
  }

  private static Object attribute(UserProfile p, int id) {
    return id >= 0 && id < p.attributes.length ? p.attributes[id] : null;
  }

  /** The unscaled value of numeric feature {@code j}, NaN when missing. */
  double raw(int j, UserProfile p, FeatureIds ids, long asOfMillis, double decay, double totalRaw) {
    switch (kinds[j]) {
      case COUNT:
        {
          int id = ids.key[j];
          return counted(id >= 0 && id < p.typeCounts.length ? p.typeCounts[id] : 0);
        }
      case RECENCY:
        {
          long last = rfmLast(p, ids);
          return last == Long.MIN_VALUE ? Double.NaN : Math.max(0, asOfMillis - last) / DAY_MILLIS;
        }
      case FREQUENCY:
        return counted(rfmCount(p, ids));
      case MONETARY:
        return rfmValue(p, ids);
      case DISTINCT_ITEMS:
        return counted(p.distinctItems);
      case AFFINITY:
        {
          double r = 0;
          int id = ids.key[j];
          for (int i = 0; i < p.catIds.length; i++) {
            if (p.catIds[i] == id) {
              r = p.catRaw[i];
              break;
            }
          }
          if (affinityForm == AffinityForm.SHARE) {
            // The decay factor cancels in a share, so raw sums avoid underflow for old activity.
            return totalRaw > 0 ? r / totalRaw : 0;
          }
          return r == 0 ? 0 : r * decay;
        }
      case NUMERIC:
        return AttributeValues.numeric(keys[j], attribute(p, ids.key[j]));
      default:
        throw new IllegalStateException("not a numeric feature: " + names[j]);
    }
  }

  private double counted(long c) {
    return countTransform == CountTransform.LOG1P ? Math.log1p(c) : c;
  }

  private long rfmLast(UserProfile p, FeatureIds ids) {
    if (p.events == 0) {
      return Long.MIN_VALUE;
    }
    if (rfmTypes.length == 0) {
      return p.lastSeen;
    }
    long last = Long.MIN_VALUE;
    for (int id : ids.rfm) {
      if (id >= 0 && id < p.typeCounts.length && p.typeCounts[id] > 0) {
        last = Math.max(last, p.typeLast[id]);
      }
    }
    return last;
  }

  private long rfmCount(UserProfile p, FeatureIds ids) {
    if (rfmTypes.length == 0) {
      return p.events;
    }
    long c = 0;
    for (int id : ids.rfm) {
      if (id >= 0 && id < p.typeCounts.length) {
        c += p.typeCounts[id];
      }
    }
    return c;
  }

  private double rfmValue(UserProfile p, FeatureIds ids) {
    if (rfmTypes.length == 0) {
      return p.totalValue;
    }
    double v = 0;
    for (int id : ids.rfm) {
      if (id >= 0 && id < p.typeValue.length) {
        v += p.typeValue[id];
      }
    }
    return v;
  }

  /**
   * Writes this transform in a compact binary form that {@link #read(DataInput)} restores.
   *
   * @throws IOException from {@code out}
   */
  public void write(DataOutput out) throws IOException {
    FeatureTransformCodec.write(this, out);
  }

  /**
   * Reads a transform written by {@link #write(DataOutput)}.
   *
   * @throws IOException if the input is not such a transform, is of another format version, or is
   *     cut short
   */
  public static FeatureTransform read(DataInput in) throws IOException {
    return FeatureTransformCodec.read(in);
  }

  /** Equal when every fitted value and setting is equal (fills and scales compared bit-wise). */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureTransform t
        && t.asOf == asOf
        && t.scaling == scaling
        && t.countTransform == countTransform
        && t.affinityForm == affinityForm
        && t.unseenPolicy == unseenPolicy
        && Arrays.equals(t.rfmTypes, rfmTypes)
        && Arrays.equals(t.kinds, kinds)
        && Arrays.equals(t.keys, keys)
        && Arrays.equals(t.levels, levels)
        && Arrays.equals(t.center, center)
        && Arrays.equals(t.scale, scale)
        && Arrays.equals(t.fill, fill);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        asOf,
        scaling,
        Arrays.hashCode(kinds),
        Arrays.hashCode(keys),
        Arrays.hashCode(center),
        Arrays.hashCode(scale));
  }

  /** Shows the settings and the number of features. */
  @Override
  public String toString() {
    return "FeatureTransform["
        + kinds.length
        + " features, scaling="
        + scaling
        + ", asOf="
        + asOf()
        + "]";
  }
}
