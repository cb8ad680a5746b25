package org.aidmp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aidmp.clean.Cleaning;
import org.aidmp.clean.CleaningReport;
import org.aidmp.clean.CleaningRun;
import org.aidmp.clean.MaskColumns;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Source;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.internal.random.Seeds;
import org.aidmp.kmeans.Persona;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Lookalike;
import org.aidmp.predict.ScoreStage;
import org.aidmp.predict.Scores;
import org.aidmp.privacy.AttributeAllowList;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.Pseudonymizer;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.IngestReport;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.ProfileStoreBuilder;
import org.aidmp.profile.UserProfile;
import org.aidmp.progress.ProgressListener;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.stage.Seedable;
import org.aidmp.stage.SegmentModel;
import org.aidmp.stage.Segmenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured run: source → cleaners → event mapping → profiles (+ attributes) and interactions →
 * features → segments, lookalike index, recommender. Build one with {@link Dmp#pipeline()}; a
 * pipeline may be {@link #run()} more than once, each run with a fresh profile store.
 *
 * <pre>{@code
 * Quarantine.InMemory rejected = Quarantine.inMemory();
 * PipelineResult result = Dmp.pipeline()
 *     .events(CsvSource.builder(Path.of("events.csv")).get())
 *     .cleanEvents(Cleaning.builder().add(NormalizeText.DEFAULT).get())
 *     .mapEvents(mapping)
 *     .attributes(CsvSource.builder(Path.of("users.csv")).get(), "user_id")
 *     .features(FeatureSpec.DEFAULT)
 *     .badRecords(BadRecordPolicy.QUARANTINE, rejected)
 *     .progress((task, done, total) -> {})
 *     .run();
 * }</pre>
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Predicate<UserProfile> EVERYONE = p -> true;

  private final Source events;
  private final Cleaning eventCleaning;
  private final EventMapping mapping;
  private final Source attributes;
  private final String attributeIdColumn;
  private final Cleaning attributeCleaning;
  private final ProfileStoreBuilder storeConfig;
  private final FeatureSpec features;
  private final Segmenter segmenter;
  private final List<ResultSink> outputs;
  private final boolean seedGiven;
  private final RecommenderTrainer recommender;
  private final Supplier<Interactions.Builder> interactions;
  private final Lookalike lookalike;
  private final Function<Purpose, Predicate<UserProfile>> consent;
  private final Pseudonymizer pseudonyms;
  private final AttributeAllowList keptAttributes;
  private final int personaTraits;
  private final BadRecordPolicy policy;
  private final Quarantine quarantine;
  private final ProgressListener progress;
  private final long seed;
  private final Set<String> profileOnly;
  private final List<ScoreStage> scoreStages;

  private Pipeline(Builder b) {
    if (b.events == null) {
      throw new IllegalStateException("no events source; call events(source) before build()");
    }
    if (b.mapping == null) {
      throw new IllegalStateException(
          "no event mapping; call mapEvents(EventMapping...) to say which columns hold the user"
              + " id, timestamp and event type");
    }
    if (b.segmenter != null && b.features == null) {
      throw new IllegalStateException(
          "segment(...) needs a feature matrix; call features(FeatureSpec...) too");
    }
    if (b.lookalike != null && b.features == null) {
      throw new IllegalStateException(
          "lookalike(...) needs a feature matrix; call features(FeatureSpec...) too");
    }
    for (ScoreStage s : b.scoreStages) {
      if (s.transform().isEmpty() && b.features == null) {
        throw new IllegalStateException(
            "score '"
                + s.name()
                + "' needs feature rows; call features(FeatureSpec...) too, or give the stage the"
                + " transform its model was fitted with");
      }
    }
    if (b.interactions != null && b.recommender == null) {
      throw new IllegalStateException(
          "interactions(...) is set but nothing uses them; call recommend(...) too");
    }
    if (b.recommender != null && !b.mapping.itemColumn().isPresent()) {
      throw new IllegalStateException(
          "recommend(...) needs item ids; map the item column with setItemColumn");
    }
    if (!b.profileOnly.isEmpty() && b.recommender == null) {
      throw new IllegalStateException(
          "profileOnly(...) keeps event types out of recommendations, but there is no"
              + " recommender; call recommend(...) too, or drop profileOnly");
    }
    if (b.recommender != null) {
      checkWeights(b);
    }
    BadRecordPolicy p = b.policy == null ? BadRecordPolicy.FAIL : b.policy;
    if (p == BadRecordPolicy.QUARANTINE && b.quarantine == null) {
      throw new IllegalStateException(
          "policy QUARANTINE needs a quarantine; pass one to badRecords(policy, quarantine)");
    }
    b.mapping.check(
        b.eventCleaning == null
            ? b.events.schema()
            : b.eventCleaning.outputSchema(b.events.schema()));
    this.events = b.events;
    this.eventCleaning = b.eventCleaning == null ? Cleaning.builder().get() : b.eventCleaning;
    this.mapping = b.mapping;
    this.attributes = b.attributes;
    this.attributeIdColumn = b.attributeIdColumn;
    this.attributeCleaning = b.attributeCleaning;
    this.storeConfig = b.storeConfig;
    this.features = b.features;
    this.segmenter = b.segmenter;
    this.recommender = b.recommender;
    this.interactions = b.interactions == null ? Interactions::builder : b.interactions;
    this.lookalike = b.lookalike;
    this.consent = b.consent == null ? purpose -> EVERYONE : b.consent;
    this.pseudonyms = b.pseudonyms;
    this.keptAttributes = keptAttributes(b);
    this.personaTraits = b.personaTraits;
    this.policy = p;
    this.quarantine = b.quarantine;
    this.progress = b.progress == null ? ProgressListener.NONE : b.progress;
    this.seed = b.seed;
    this.seedGiven = b.seedSet;
    this.outputs = List.copyOf(b.outputs);
    this.profileOnly = Set.copyOf(b.profileOnly);
    this.scoreStages = List.copyOf(b.scoreStages);
  }

  /**
   * Every event type the mapping lets through must have a recommender weight or be kept for
   * profiles only, so that a run does not meet an unweighted type halfway. A mapping without a type
   * list cannot be checked here; its unweighted types are left out of the interactions at run time
   * and reported.
   */
  private static void checkWeights(Builder b) {
    Set<String> known = new TreeSet<>(b.mapping.allowedTypes());
    b.mapping.fixedType().ifPresent(known::add);
    Set<String> weighted =
        (b.interactions == null ? Interactions.builder() : b.interactions.get()).weightedTypes();
    for (String type : known) {
      if (!weighted.contains(type) && !b.profileOnly.contains(type)) {
        throw new IllegalStateException(
            "event type '"
                + type
                + "' is allowed by the mapping but has no recommender weight (weighted: "
                + weighted
                + "); give it one with interactions(() -> Interactions.builder().setWeight(...)),"
                + " or keep it for profiles only with profileOnly(...)");
      }
    }
    for (String type : b.profileOnly) {
      if (!known.isEmpty() && !known.contains(type)) {
        throw new IllegalStateException(
            "profileOnly names event type '"
                + type
                + "', which the mapping does not allow ("
                + known
                + "); fix the name or the mapping's types");
      }
    }
  }

  /**
   * The attribute columns the profile store keeps: those the feature spec uses, those the consent
   * policy reads, and those the host allowed besides.
   */
  private static AttributeAllowList keptAttributes(Builder b) {
    AttributeAllowList.Builder keep = AttributeAllowList.builder();
    if (b.features != null) {
      keep.addFeatures(b.features);
    }
    if (b.consentPolicy != null) {
      keep.addConsent(b.consentPolicy, Purpose.builtIn());
    }
    if (b.moreAttributes != null) {
      keep.addAll(b.moreAttributes);
    }
    return keep.get();
  }

  /** The attribute columns the profile store keeps; every other column is left out at the join. */
  public AttributeAllowList keptAttributes() {
    return keptAttributes;
  }

  /** The cleaning followed by pseudonymisation of the id column, when pseudonyms are on. */
  private Cleaning pseudonymised(Cleaning fitted, String idColumn) {
    if (pseudonyms == null) {
      return fitted;
    }
    return fitted.then(
        "pseudonymise " + idColumn, MaskColumns.builder().hash(idColumn, pseudonyms).get());
  }

  /**
   * The lookalike index serves audiences, so it holds the feature rows of users allowed for {@link
   * Purpose#ADVERTISING} only.
   */
  private CosineIndex advertisingIndex(ProfileMatrix matrix, ProfileStore store) {
    Predicate<UserProfile> ads = consent.apply(Purpose.ADVERTISING);
    CosineIndex index = CosineIndex.create(matrix.cols());
    int d = matrix.cols();
    float[] row = new float[d];
    for (int r = 0; r < matrix.rows(); r++) {
      String id = matrix.userId(r);
      if (store.get(id).map(ads::test).orElse(false)) {
        System.arraycopy(matrix.matrix().data, r * d, row, 0, d);
        index.put(id, row);
      }
    }
    return index;
  }

  /**
   * The stage as it will run: a {@link Seedable} stage gets its own split of the pipeline's seed
   * when the pipeline was given one, and keeps its own seed otherwise.
   */
  @SuppressWarnings("unchecked")
  private <S> S seeded(S stage, String name) {
    if (seedGiven && stage instanceof Seedable<?> s) {
      return (S) s.reseeded(Seeds.split(seed, name));
    }
    return stage;
  }

  static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every configured stage, in order.
   *
   * @throws org.aidmp.data.BadRecordException under {@link BadRecordPolicy#FAIL} for the first bad
   *     row, naming its source, line and column
   */
  public PipelineResult run() {
    Instant started = Instant.now();
    List<StageRecord> stages = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    ProfileStore store = storeConfig == null ? ProfileStore.create() : storeConfig.build();

    CleaningReport attributeReport = null;
    IngestReport joined = null;
    // Attributes first, so that consent is known while the events stream past.
    if (attributes != null) {
      inputs.add(attributes.description());
      long t = System.nanoTime();
      Cleaning c = attributeCleaning == null ? Cleaning.builder().get() : attributeCleaning;
      Cleaning fitted = pseudonymised(c.fit(attributes), attributeIdColumn);
      CleaningRun cleaned = fitted.apply(attributes);
      joined =
          store.joinAttributes(
              cleaned, attributeIdColumn, keptAttributes::allows, policy, quarantine);
      attributeReport = cleaned.report();
      stages.add(
          new StageRecord(
              "clean+join attributes",
              fitted,
              attributeReport.read(),
              joined.accepted(),
              since(t)));
    }

    inputs.add(events.description());
    long t = System.nanoTime();
    Cleaning fittedEvents = pseudonymised(eventCleaning.fit(events), mapping.userIdColumn());
    CleaningRun cleanedEvents = fittedEvents.apply(events);
    Interactions.Builder pairs = recommender == null ? null : interactions.get();
    ConsentGate gate =
        pairs == null
            ? null
            : new ConsentGate(consent.apply(Purpose.PERSONALISATION), store, pairs, profileOnly);
    IngestReport mapped =
        store.ingest(
            cleanedEvents,
            mapping,
            policy,
            quarantine,
            progress,
            gate == null ? e -> {} : gate::offer);
    CleaningReport eventReport = cleanedEvents.report();
    if (gate != null && !gate.unweighted().isEmpty()) {
      LOG.warn(
          "events of types without a recommender weight were kept for profiles only, per type: {};"
              + " weigh them, or list them with profileOnly(...)",
          gate.unweighted());
    }
    stages.add(
        new StageRecord(
            "clean+profile events", mapping, eventReport.read(), mapped.accepted(), since(t)));

    ProfileMatrix matrix = null;
    if (features != null) {
      t = System.nanoTime();
      matrix = features.fit(store, consent.apply(Purpose.ANALYTICS), progress);
      stages.add(new StageRecord("features", features, store.size(), matrix.rows(), since(t)));
    }

    Segmentation segmentation = null;
    if (segmenter != null) {
      t = System.nanoTime();
      Segmenter stage = seeded(segmenter, "segment");
      SegmentModel model = stage.fit(matrix.matrix());
      List<Persona> personas =
          Persona.describe(
              model, matrix.matrix(), matrix.transform(), Math.min(personaTraits, matrix.cols()));
      segmentation = new Segmentation(model, personas, matrix);
      stages.add(new StageRecord("segment", stage, matrix.rows(), model.k(), since(t)));
    }

    Recommender recommendations = null;
    if (recommender != null) {
      t = System.nanoTime();
      Interactions x = pairs.build();
      recommendations = recommender.fit(x);
      stages.add(new StageRecord("recommend", recommender, x.nonZeros(), x.itemCount(), since(t)));
    }

    Lookalikes lookalikes = null;
    if (lookalike != null) {
      t = System.nanoTime();
      CosineIndex index = advertisingIndex(matrix, store);
      lookalikes = new Lookalikes(index, lookalike);
      stages.add(
          new StageRecord("lookalike index", lookalike, matrix.rows(), index.size(), since(t)));
    }

    List<Scores> scores = new ArrayList<>(scoreStages.size());
    for (ScoreStage s : scoreStages) {
      t = System.nanoTime();
      Predicate<UserProfile> allowed = consent.apply(s.purpose());
      Scores table = s.score(store, allowed, matrix == null ? null : matrix.transform());
      scores.add(table);
      stages.add(
          new StageRecord(
              "score " + s.name(), s, table.size() + table.unscored(), table.size(), since(t)));
      if (table.unscored() > 0) {
        LOG.warn(
            "score '{}': {} allowed users got no score (their profile did not fit the features"
                + " or the model gave NaN)",
            s.name(),
            table.unscored());
      }
    }

    Provenance provenance =
        new Provenance(
            started,
            inputs,
            stages,
            seed,
            Provenance.currentJvm(),
            VectorKernelsProvider.get().name());
    PipelineResult result =
        new PipelineResult(
            eventReport,
            mapped,
            attributeReport,
            joined,
            store,
            matrix,
            segmentation,
            recommendations,
            lookalikes,
            provenance,
            quarantine,
            pseudonyms,
            scores);
    for (ResultSink sink : outputs) {
      try {
        sink.write(result);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "output stage " + sink.getClass().getName() + " failed: " + e.getMessage(), e);
      }
    }
    return result;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public String toString() {
    return "Pipeline[events "
        + events.description()
        + (attributes == null ? "" : ", attributes " + attributes.description())
        + ", policy "
        + policy
        + ", seed "
        + seed
        + "]";
  }

  /**
   * Assembles a {@link Pipeline}. Each option may be set once: setting it again is an error, so
   * that a mistaken second call cannot silently win. {@link #build()} does not change the builder.
   */
  public static final class Builder {
    private Source events;
    private Cleaning eventCleaning;
    private EventMapping mapping;
    private Source attributes;
    private String attributeIdColumn;
    private Cleaning attributeCleaning;
    private ProfileStoreBuilder storeConfig;
    private FeatureSpec features;
    private Segmenter segmenter;
    private final List<ResultSink> outputs = new ArrayList<>();
    private RecommenderTrainer recommender;
    private Supplier<Interactions.Builder> interactions;
    private Lookalike lookalike;
    private Function<Purpose, Predicate<UserProfile>> consent;
    private Pseudonymizer pseudonyms;
    private ConsentPolicy consentPolicy;
    private List<String> moreAttributes;
    private int personaTraits = 4;
    private BadRecordPolicy policy;
    private Quarantine quarantine;
    private ProgressListener progress;
    private long seed = 42;
    private boolean seedSet;
    private final Set<String> profileOnly = new TreeSet<>();
    private final List<ScoreStage> scoreStages = new ArrayList<>();

    private Builder() {}

    private static void once(Object current, String option) {
      if (current != null) {
        throw new IllegalStateException(option + " was already set; set each option once");
      }
    }

    /** The event rows (required). */
    public Builder events(Source events) {
      once(this.events, "events");
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /** Cleaners for the event rows; fitted on the events first if any needs statistics. */
    public Builder cleanEvents(Cleaning cleaning) {
      once(this.eventCleaning, "cleanEvents");
      this.eventCleaning = Objects.requireNonNull(cleaning, "cleaning");
      return this;
    }

    /** Which columns of the (cleaned) event rows hold user id, time, type, item, value. */
    public Builder mapEvents(EventMapping mapping) {
      once(this.mapping, "mapEvents");
      this.mapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * User attribute rows, joined to profiles by the values of {@code userIdColumn}. Only the
     * columns the run needs are kept in the profile store (an attribute allow-list): those the
     * feature spec uses and those a {@link #consent(ConsentPolicy) consent policy} reads; allow
     * more with {@link #allowAttributes}. Every other column (an {@code ssn}, say) is dropped at
     * the join, after the attribute cleaners ran, so it is never stored, snapshotted or exported.
     */
    public Builder attributes(Source attributes, String userIdColumn) {
      once(this.attributes, "attributes");
      this.attributes = Objects.requireNonNull(attributes, "attributes");
      this.attributeIdColumn = Objects.requireNonNull(userIdColumn, "userIdColumn");
      return this;
    }

    /** Cleaners for the attribute rows. */
    public Builder cleanAttributes(Cleaning cleaning) {
      once(this.attributeCleaning, "cleanAttributes");
      this.attributeCleaning = Objects.requireNonNull(cleaning, "cleaning");
      return this;
    }

    /** How the profile store is configured (half-life, affinity weights, expected users). */
    public Builder profiles(ProfileStoreBuilder config) {
      once(this.storeConfig, "profiles");
      this.storeConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Which features to build from the profiles; without it the run stops at profiles. */
    public Builder features(FeatureSpec spec) {
      once(this.features, "features");
      this.features = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /**
     * Segments users on the feature matrix (requires {@link #features}) with any {@link Segmenter}
     * ({@link org.aidmp.kmeans.KMeans} is the built-in one) and describes each segment as a persona
     * with its four most distinctive features.
     */
    public Builder segment(Segmenter segmenter) {
      once(this.segmenter, "segment");
      this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
      return this;
    }

    /**
     * Adds an output stage that receives the finished result (exports, reports, snapshots); may be
     * called more than once, and the sinks run in the order they were added.
     */
    public Builder output(ResultSink sink) {
      outputs.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /**
     * Trains a recommender on the user × item interactions of the mapped events (requires an item
     * column in the mapping). Events without an item are left out of the interactions.
     */
    public Builder recommend(RecommenderTrainer trainer) {
      once(this.recommender, "recommend");
      this.recommender = Objects.requireNonNull(trainer, "trainer");
      return this;
    }

    /**
     * Keeps these event types in the profiles but out of the recommender's interactions (page views
     * that count for segments but should not drive recommendations, say). When the mapping lists
     * its allowed types, every one of them must have a recommender weight or be named here, and the
     * pipeline's build checks that.
     */
    public Builder profileOnly(String... eventTypes) {
      for (String type : eventTypes) {
        profileOnly.add(Objects.requireNonNull(type, "event type"));
      }
      return this;
    }

    /**
     * How events become interaction weights (weight per event type, time decay); asked for a fresh
     * builder on every run. The default is {@link Interactions#builder()}.
     */
    public Builder interactions(Supplier<Interactions.Builder> config) {
      once(this.interactions, "interactions");
      this.interactions = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Indexes the users' feature rows for lookalike audiences (requires {@link #features}); the
     * result's {@link PipelineResult#lookalikes()} expands any seed audience.
     */
    public Builder lookalike(Lookalike settings) {
      once(this.lookalike, "lookalike");
      this.lookalike = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Who may be modelled, per purpose, read from the users' attributes by the policy (deny by
     * default unless the policy says otherwise). Each stage sees only the users allowed for the
     * purpose it serves: the feature matrix, its scaling and the segments serve {@link
     * Purpose#ANALYTICS}; the recommender's training interactions serve {@link
     * Purpose#PERSONALISATION}; the lookalike index serves {@link Purpose#ADVERTISING}. Users left
     * out keep their profile, so that consent given later can take effect. Without this option
     * everyone is modelled.
     */
    public Builder consent(ConsentPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      once(this.consent, "consent");
      this.consent = policy::forPurpose;
      this.consentPolicy = policy;
      return this;
    }

    /**
     * Attribute columns the profile store keeps besides those the features use and a consent policy
     * reads (see {@link #attributes}): for instance the attributes a {@link #consent(Predicate)
     * consent predicate} reads, or ones the host looks up in profiles later.
     */
    public Builder allowAttributes(String... names) {
      Objects.requireNonNull(names, "names");
      once(this.moreAttributes, "allowAttributes");
      List<String> list = new ArrayList<>();
      for (String n : names) {
        Objects.requireNonNull(n, "attribute name");
        if (n.isBlank()) {
          throw new IllegalArgumentException("an attribute name is blank; give column names");
        }
        list.add(n);
      }
      this.moreAttributes = List.copyOf(list);
      return this;
    }

    /**
     * One rule for every purpose, given by the host (for instance from its own consent service):
     * users for whom {@code allowed} is false are left out of every model, as {@link
     * #consent(ConsentPolicy)} describes. The pipeline cannot tell which attributes a predicate
     * reads: list them with {@link #allowAttributes}, or the store drops them and the predicate
     * sees them missing.
     */
    public Builder consent(Predicate<UserProfile> allowed) {
      Objects.requireNonNull(allowed, "allowed");
      once(this.consent, "consent");
      this.consent = purpose -> allowed;
      return this;
    }

    /**
     * Replaces user ids by keyed pseudonyms at intake, after the cleaners have normalised them, in
     * the events and the attributes alike: profiles, models, snapshots and exports then hold only
     * pseudonyms, and a host looks a user up by {@link Pseudonymizer#pseudonym(String)}.
     */
    public Builder pseudonymize(Pseudonymizer pseudonymizer) {
      once(this.pseudonyms, "pseudonymize");
      this.pseudonyms = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
      return this;
    }

    /**
     * What the mapping and join stages do with rows they cannot use (cleanings carry their own
     * policy). The default is {@link BadRecordPolicy#FAIL}.
     *
     * @param quarantine where rejected rows go; required for {@link BadRecordPolicy#QUARANTINE}
     */
    public Builder badRecords(BadRecordPolicy policy, Quarantine quarantine) {
      once(this.policy, "badRecords");
      this.policy = Objects.requireNonNull(policy, "policy");
      this.quarantine = quarantine;
      return this;
    }

    /**
     * Scores users with a fitted model once features are built, and keeps the scores as a table on
     * the result ({@link PipelineResult#scores(String)}), which audiences by score read and which
     * forgetting a user clears. Only users allowed for the stage's purpose are scored (see {@link
     * #consent(ConsentPolicy)}), all of them, not only those in the analytics matrix. May be called
     * once per score name; the stages run in the order they were added.
     *
     * @throws IllegalStateException if a score of that name was already added
     */
    public Builder score(ScoreStage stage) {
      Objects.requireNonNull(stage, "stage");
      for (ScoreStage s : scoreStages) {
        if (s.name().equals(stage.name())) {
          throw new IllegalStateException(
              "score '" + stage.name() + "' was already added; give each score its own name");
        }
      }
      scoreStages.add(stage);
      return this;
    }

    /** Told how long work is coming along. */
    public Builder progress(ProgressListener listener) {
      once(this.progress, "progress");
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The run's seed, recorded in the provenance and split for the stages that draw at random. */
    public Builder seed(long seed) {
      if (seedSet) {
        throw new IllegalStateException("seed was already set; set each option once");
      }
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /** The pipeline; checks the configuration as a whole. */
    public Pipeline build() {
      return new Pipeline(this);
    }

    /** Builds the pipeline and runs it. */
    public PipelineResult run() {
      return build().run();
    }
  }
}
