package org.aidmp.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.aidmp.progress.ProgressListener;

/**
 * Which features to build from user profiles, and how; {@link #fit(ProfileStore)} learns the
 * vocabularies and scaling statistics from a store and returns the feature matrix with the fitted
 * {@link FeatureTransform}.
 *
 * <pre>{@code
 * FeatureSpec spec = FeatureSpec.builder()
 *     .setGroups(EnumSet.of(FeatureGroup.TYPE_COUNTS, FeatureGroup.RECENCY,
 *         FeatureGroup.MONETARY, FeatureGroup.CATEGORY_AFFINITY))
 *     .setRfmTypes(List.of("purchase"))
 *     .setTopCategories(20)
 *     .setNumericAttributes(List.of("age"))
 *     .setCategoricalAttributes(List.of("country"))
 *     .setUnseenCategoryPolicy(UnseenCategoryPolicy.OTHER)
 *     .get();
 * ProfileMatrix m = spec.fit(store);
 * float[] row = new float[m.cols()];
 * m.transform().transform(store.get("new-user").orElseThrow(), row, 0);   // same scaling
 * }</pre>
 *
 * <p>Features, in column order:
 *
 * <ol>
 *   <li>{@link FeatureGroup#TYPE_COUNTS}: {@code count:<type>} per event type, the listed ones or
 *       all with events in the store (sorted by name), through the {@link CountTransform};
 *   <li>{@link FeatureGroup#RECENCY}: {@code recency_days}, days from the latest event of the RFM
 *       types to the as-of time (0 if later); missing for users without such events;
 *   <li>{@link FeatureGroup#FREQUENCY}: {@code frequency}, events of the RFM types, through the
 *       count transform;
 *   <li>{@link FeatureGroup#MONETARY}: {@code monetary}, the sum of values of the RFM types;
 *   <li>{@link FeatureGroup#DISTINCT_ITEMS}: {@code distinct_items}, through the count transform;
 *   <li>{@link FeatureGroup#CATEGORY_AFFINITY}: {@code affinity:<category>} for the top categories
 *       by total decayed affinity at the as-of time (all when 0), sorted by name, as {@link
 *       AffinityForm};
 *   <li>{@code attr:<name>} per numeric attribute (numbers, booleans as 1/0, or number text;
 *       missing or non-finite is missing; other text is an error);
 *   <li>{@code attr:<name>=<value>} indicators per categorical attribute value, sorted by value,
 *       then {@code attr:<name>=*other*} under {@link UnseenCategoryPolicy#OTHER}.
 * </ol>
 *
 * <p>Missing values are filled by {@link MissingFill} with a statistic of the training values
 * before scaling. Instances are immutable.
 */
public final class FeatureSpec {
  /** Groups of features computed from a profile's events. */
  public enum FeatureGroup {
    /** One count per event type. */
    TYPE_COUNTS,
    /** Days since the latest event (R of RFM). */
    RECENCY,
    /** Number of events (F of RFM). */
    FREQUENCY,
    /** Sum of event values (M of RFM). */
    MONETARY,
    /** Number of distinct items (needs a store that tracks items). */
    DISTINCT_ITEMS,
    /** Decayed affinity per item category. */
    CATEGORY_AFFINITY
  }

  /** How counts (type counts, frequency, distinct items) enter the features. */
  public enum CountTransform {
    /** The count itself. */
    RAW,
    /** {@code log(1 + count)}, which tames the long tail of heavy users. */
    LOG1P
  }

  /** How category affinity enters the features. */
  public enum AffinityForm {
    /** The decayed score itself; grows with activity. */
    SCORE,
    /** The score divided by the user's total over all categories (0 without any). */
    SHARE
  }

  /** How a missing value (no recency, missing attribute) is filled before scaling. */
  public enum MissingFill {
    /** The mean of the training values. */
    MEAN,
    /** Zero. */
    ZERO,
    /** The smallest training value. */
    MIN,
    /** The largest training value (for recency: as stale as the stalest user). */
    MAX
  }

  /** The defaults: counts, RFM and affinity, log1p counts, shares, mean fill, standard scaling. */
  public static final FeatureSpec DEFAULT = new Builder().get();

  private final Set<FeatureGroup> groups;
  private final List<String> eventTypes;
  private final CountTransform countTransform;
  private final List<String> rfmTypes;
  private final Instant asOf;
  private final int topCategories;
  private final AffinityForm affinityForm;
  private final List<String> numericAttributes;
  private final List<String> categoricalAttributes;
  private final UnseenCategoryPolicy unseenPolicy;
  private final int maxCategoriesPerAttribute;
  private final MissingFill missingFill;
  private final Scaling scaling;

  private FeatureSpec(Builder b) {
    this.groups = java.util.Collections.unmodifiableSet(EnumSet.copyOf(b.groups));
    this.eventTypes = List.copyOf(b.eventTypes);
    this.countTransform = b.countTransform;
    this.rfmTypes = List.copyOf(b.rfmTypes);
    this.asOf = b.asOf;
    this.topCategories = b.topCategories;
    this.affinityForm = b.affinityForm;
    this.numericAttributes = List.copyOf(b.numericAttributes);
    this.categoricalAttributes = List.copyOf(b.categoricalAttributes);
    this.unseenPolicy = b.unseenPolicy;
    this.maxCategoriesPerAttribute = b.maxCategoriesPerAttribute;
    this.missingFill = b.missingFill;
    this.scaling = b.scaling;
    if (groups.isEmpty() && numericAttributes.isEmpty() && categoricalAttributes.isEmpty()) {
      throw new IllegalArgumentException(
          "no features: the groups are empty and no attributes are listed; add a group or an"
              + " attribute");
    }
    if (!eventTypes.isEmpty() && !groups.contains(FeatureGroup.TYPE_COUNTS)) {
      throw new IllegalArgumentException(
          "eventTypes "
              + eventTypes
              + " are set but TYPE_COUNTS is not among the groups "
              + groups
              + "; add the group or drop the types");
    }
    if (!rfmTypes.isEmpty()
        && !groups.contains(FeatureGroup.RECENCY)
        && !groups.contains(FeatureGroup.FREQUENCY)
        && !groups.contains(FeatureGroup.MONETARY)) {
      throw new IllegalArgumentException(
          "rfmTypes "
              + rfmTypes
              + " are set but none of RECENCY, FREQUENCY, MONETARY is among"
              + " the groups "
              + groups
              + "; add one or drop the types");
    }
    if (topCategories > 0 && !groups.contains(FeatureGroup.CATEGORY_AFFINITY)) {
      throw new IllegalArgumentException(
          "topCategories ("
              + topCategories
              + ") is set but CATEGORY_AFFINITY is not among the"
              + " groups "
              + groups
              + "; add the group or drop the limit");
    }
    for (String a : numericAttributes) {
      if (categoricalAttributes.contains(a)) {
        throw new IllegalArgumentException(
            "attribute '" + a + "' is listed as both numeric and categorical; keep one");
      }
    }
  }

  /** A builder with the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this spec's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.groups.clear();
    b.groups.addAll(groups);
    b.eventTypes.addAll(eventTypes);
    b.countTransform = countTransform;
    b.rfmTypes.addAll(rfmTypes);
    b.asOf = asOf;
    b.topCategories = topCategories;
    b.affinityForm = affinityForm;
    b.numericAttributes.addAll(numericAttributes);
    b.categoricalAttributes.addAll(categoricalAttributes);
    b.unseenPolicy = unseenPolicy;
    b.maxCategoriesPerAttribute = maxCategoriesPerAttribute;
    b.missingFill = missingFill;
    b.scaling = scaling;
    return b;
  }

  /** The feature groups built from events. */
  public Set<FeatureGroup> groups() {
    return groups;
  }

  /** The event types counted; empty means every type with events in the store. */
  public List<String> eventTypes() {
    return eventTypes;
  }

  /** How counts enter the features. */
  public CountTransform countTransform() {
    return countTransform;
  }

  /** The event types RFM looks at; empty means all. */
  public List<String> rfmTypes() {
    return rfmTypes;
  }

  /** The time recency and affinity are measured at; empty means the store's latest event. */
  public Optional<Instant> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** How many categories get an affinity feature; 0 means all. */
  public int topCategories() {
    return topCategories;
  }

  /** How affinity enters the features. */
  public AffinityForm affinityForm() {
    return affinityForm;
  }

  /** Attributes used as numbers. */
  public List<String> numericAttributes() {
    return numericAttributes;
  }

  /** Attributes one-hot encoded. */
  public List<String> categoricalAttributes() {
    return categoricalAttributes;
  }

  /** What happens to a categorical value outside the fitted vocabulary. */
  public UnseenCategoryPolicy unseenCategoryPolicy() {
    return unseenPolicy;
  }

  /** The most values one categorical attribute gets columns for (the most frequent ones). */
  public int maxCategoriesPerAttribute() {
    return maxCategoriesPerAttribute;
  }

  /** How missing values are filled. */
  public MissingFill missingFill() {
    return missingFill;
  }

  /** How numeric features are scaled. */
  public Scaling scaling() {
    return scaling;
  }

  /** Fits on {@code store}; see {@link #fit(ProfileStore, ProgressListener)}. */
  public ProfileMatrix fit(ProfileStore store) {
    return fit(store, ProgressListener.NONE);
  }

  /**
   * Learns vocabularies, fill values and scaling statistics from the users in {@code store} and
   * returns their feature rows (users in ascending id order) with the fitted transform. The users
   * are snapshotted once, so events arriving meanwhile do not skew one pass against another; every
   * row is produced by {@link FeatureTransform#transform(UserProfile, float[], int)}, so a training
   * user transformed again later gives the identical row.
   *
   * @throws IllegalArgumentException if the store is empty, a listed attribute was never joined, or
   *     the category limit drops values under {@link UnseenCategoryPolicy#ERROR}
   */
  public ProfileMatrix fit(ProfileStore store, ProgressListener progress) {
    return fit(store, p -> true, progress);
  }

  /**
   * As {@link #fit(ProfileStore, ProgressListener)}, on the users {@code include} accepts only: the
   * others neither get a row nor count in any statistic (vocabularies, scaling), so a user who
   * withheld consent leaves no trace in the matrix or its transform.
   *
   * @throws IllegalArgumentException also if no user passes {@code include}
   */
  public ProfileMatrix fit(
      ProfileStore store, Predicate<UserProfile> include, ProgressListener progress) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(include, "include");
    Objects.requireNonNull(progress, "progress");
    return new FeatureFitter(this, store, include, progress).fit();
  }

  /**
   * The transform {@link #fit} would learn, assembled from statistics computed elsewhere (by a
   * distributed engine over per-user aggregates, say), so that rows transformed there and in this
   * JVM share one {@link FeatureTransform}. The columns follow the order documented on this class;
   * {@code center}, {@code scale} and {@code fill} give one value per column in that order (for
   * one-hot columns they are ignored and set to 0, 1 and NaN).
   *
   * <pre>{@code
   * FeatureTransform t = spec.assemble(asOf, List.of("purchase", "view"), List.of("books"),
   *     Map.of(), center, scale, fill);
   * }</pre>
   *
   * @param asOfMillis the as-of time recency and affinity are measured at
   * @param countTypes the types of the count columns (the spec's own when it lists them)
   * @param categories the categories of the affinity columns, in column order
   * @param vocabularies each categorical attribute's values, in column order
   * @throws IllegalArgumentException if the arrays do not have one value per column, or a
   *     vocabulary is missing
   */
  public FeatureTransform assemble(
      long asOfMillis,
      List<String> countTypes,
      List<String> categories,
      Map<String, List<String>> vocabularies,
      double[] center,
      double[] scale,
      double[] fill) {
    Objects.requireNonNull(countTypes, "countTypes");
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(vocabularies, "vocabularies");
    FeatureFitter.Columns c =
        FeatureFitter.columns(
            this, eventTypes.isEmpty() ? countTypes : eventTypes, categories, vocabularies);
    int d = c.kind().length;
    if (center.length != d || scale.length != d || fill.length != d) {
      throw new IllegalArgumentException(
          "the layout has "
              + d
              + " columns but center, scale and fill have "
              + center.length
              + ", "
              + scale.length
              + " and "
              + fill.length
              + " values; pass one per column");
    }
    double[] ce = center.clone();
    double[] sc = scale.clone();
    double[] fi = fill.clone();
    for (int j = 0; j < d; j++) {
      if (c.kind()[j] == FeatureTransform.ONE_HOT) {
        ce[j] = 0;
        sc[j] = 1;
        fi[j] = Double.NaN;
      }
    }
    return new FeatureTransform(
        asOfMillis,
        scaling,
        countTransform,
        affinityForm,
        unseenPolicy,
        rfmTypes.toArray(new String[0]),
        c.kind(),
        c.key(),
        c.level(),
        ce,
        sc,
        fi);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSpec s
        && s.groups.equals(groups)
        && s.eventTypes.equals(eventTypes)
        && s.countTransform == countTransform
        && s.rfmTypes.equals(rfmTypes)
        && Objects.equals(s.asOf, asOf)
        && s.topCategories == topCategories
        && s.affinityForm == affinityForm
        && s.numericAttributes.equals(numericAttributes)
        && s.categoricalAttributes.equals(categoricalAttributes)
        && s.unseenPolicy == unseenPolicy
        && s.maxCategoriesPerAttribute == maxCategoriesPerAttribute
        && s.missingFill == missingFill
        && s.scaling == scaling;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        groups,
        eventTypes,
        countTransform,
        rfmTypes,
        asOf,
        topCategories,
        affinityForm,
        numericAttributes,
        categoricalAttributes,
        unseenPolicy,
        maxCategoriesPerAttribute,
        missingFill,
        scaling);
  }

  @Override
  public String toString() {
    return "FeatureSpec[groups="
        + groups
        + ", eventTypes="
        + eventTypes
        + ", countTransform="
        + countTransform
        + ", rfmTypes="
        + rfmTypes
        + ", asOf="
        + asOf
        + ", topCategories="
        + topCategories
        + ", affinityForm="
        + affinityForm
        + ", numericAttributes="
        + numericAttributes
        + ", categoricalAttributes="
        + categoricalAttributes
        + ", unseenCategoryPolicy="
        + unseenPolicy
        + ", maxCategoriesPerAttribute="
        + maxCategoriesPerAttribute
        + ", missingFill="
        + missingFill
        + ", scaling="
        + scaling
        + "]";
  }

  /** Settings of a {@link FeatureSpec}; {@link #get()} does not change the builder. */
  public static final class Builder {
    private final EnumSet<FeatureGroup> groups =
        EnumSet.of(
            FeatureGroup.TYPE_COUNTS,
            FeatureGroup.RECENCY,
            FeatureGroup.FREQUENCY,
            FeatureGroup.MONETARY,
            FeatureGroup.CATEGORY_AFFINITY);
    private final List<String> eventTypes = new ArrayList<>();
    private CountTransform countTransform = CountTransform.LOG1P;
    private final List<String> rfmTypes = new ArrayList<>();
    private Instant asOf;
    private int topCategories;
    private AffinityForm affinityForm = AffinityForm.SHARE;
    private final List<String> numericAttributes = new ArrayList<>();
    private final List<String> categoricalAttributes = new ArrayList<>();
    private UnseenCategoryPolicy unseenPolicy = UnseenCategoryPolicy.IGNORE;
    private int maxCategoriesPerAttribute = 100;
    private MissingFill missingFill = MissingFill.MEAN;
    private Scaling scaling = Scaling.STANDARD;

    private Builder() {}

    /**
     * The feature groups built from events; default TYPE_COUNTS, RECENCY, FREQUENCY, MONETARY,
     * CATEGORY_AFFINITY. May be empty when attributes are listed.
     */
    public Builder setGroups(Collection<FeatureGroup> groups) {
      Objects.requireNonNull(groups, "groups");
      // Not groups.contains(null): immutable lists throw on that question instead of answering.
      for (FeatureGroup g : groups) {
        if (g == null) {
          throw new IllegalArgumentException("groups " + groups + " contain null; remove it");
        }
      }
      this.groups.clear();
      this.groups.addAll(groups);
      return this;
    }

    /** The event types to count, in this order; default empty: all types with events. */
    public Builder setEventTypes(Collection<String> types) {
      names(types, "eventTypes", eventTypes);
      return this;
    }

    /** How counts enter the features; default {@link CountTransform#LOG1P}. */
    public Builder setCountTransform(CountTransform t) {
      this.countTransform = Objects.requireNonNull(t, "countTransform");
      return this;
    }

    /**
     * The event types recency, frequency and monetary look at (purchases, say); default empty: all.
     */
    public Builder setRfmTypes(Collection<String> types) {
      names(types, "rfmTypes", rfmTypes);
      return this;
    }

    /**
     * The time recency and affinity are measured at; default unset: the store's latest event at
     * fitting time. Fixed in the fitted transform.
     */
    public Builder setAsOf(Instant asOf) {
      this.asOf = Objects.requireNonNull(asOf, "asOf");
      return this;
    }

    /** Affinity features for only the {@code n} categories of largest total affinity; 0 = all. */
    public Builder setTopCategories(int n) {
      if (n < 0) {
        throw new IllegalArgumentException(
            "topCategories (" + n + ") is negative; use 0 for all categories");
      }
      this.topCategories = n;
      return this;
    }

    /** How affinity enters the features; default {@link AffinityForm#SHARE}. */
    public Builder setAffinityForm(AffinityForm form) {
      this.affinityForm = Objects.requireNonNull(form, "affinityForm");
      return this;
    }

    /** Joined attributes to use as numbers, in this order. */
    public Builder setNumericAttributes(Collection<String> names) {
      names(names, "numericAttributes", numericAttributes);
      return this;
    }

    /** Joined attributes to one-hot encode, in this order. */
    public Builder setCategoricalAttributes(Collection<String> names) {
      names(names, "categoricalAttributes", categoricalAttributes);
      return this;
    }

    /** What to do with unseen categorical values; default {@link UnseenCategoryPolicy#IGNORE}. */
    public Builder setUnseenCategoryPolicy(UnseenCategoryPolicy policy) {
      this.unseenPolicy = Objects.requireNonNull(policy, "unseenCategoryPolicy");
      return this;
    }

    /**
     * The most values of one categorical attribute that get a column (the most frequent in
     * training); the rest count as unseen. Default 100.
     */
    public Builder setMaxCategoriesPerAttribute(int max) {
      if (max < 1) {
        throw new IllegalArgumentException(
            "maxCategoriesPerAttribute (" + max + ") must be at least 1");
      }
      this.maxCategoriesPerAttribute = max;
      return this;
    }

    /** How missing values are filled; default {@link MissingFill#MEAN}. */
    public Builder setMissingFill(MissingFill fill) {
      this.missingFill = Objects.requireNonNull(fill, "missingFill");
      return this;
    }

    /** How numeric features are scaled; default {@link Scaling#STANDARD}. */
    public Builder setScaling(Scaling scaling) {
      this.scaling = Objects.requireNonNull(scaling, "scaling");
      return this;
    }

    /**
     * The spec.
     *
     * @throws IllegalArgumentException if settings conflict (see the messages)
     */
    public FeatureSpec get() {
      return new FeatureSpec(this);
    }

    private static void names(Collection<String> in, String what, List<String> into) {
      Objects.requireNonNull(in, what);
      List<String> checked = new ArrayList<>();
      for (String s : in) {
        if (s == null || s.isBlank()) {
          throw new IllegalArgumentException(what + " " + in + " contain a null or blank name");
        }
        if (checked.contains(s)) {
          throw new IllegalArgumentException(what + " list '" + s + "' twice; list it once");
        }
        checked.add(s);
      }
      into.clear();
      into.addAll(checked);
    }
  }
}
