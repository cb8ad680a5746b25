package org.aidmp.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aidmp.clean.Cleaning;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Source;
import org.aidmp.knn.Lookalike;
import org.aidmp.predict.ScoreStage;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.Pseudonymizer;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileStoreBuilder;
import org.aidmp.profile.UserProfile;
import org.aidmp.progress.ProgressListener;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.stage.Segmenter;

/**
 * A configured run: source → cleaners → event mapping → profiles (+ attributes) and interactions →
 * features → segments, lookalike index, recommender. Build one with {@link #builder()}; a pipeline
 * may be {@link #run()} more than once, each run with a fresh profile store.
 *
 * <pre>{@code
 * Quarantine.InMemory rejected = Quarantine.inMemory();
 * PipelineResult result = Pipeline.builder()
 *     .events(CsvSource.builder(Path.of("events.csv")).get())
 *     .cleanEvents(Cleaning.builder().add(Cleaners.trim()).get())
 *     .mapEvents(mapping)
 *     .attributes(CsvSource.builder(Path.of("users.csv")).get(), "user_id")
 *     .features(FeatureSpec.DEFAULT)
 *     .badRecords(BadRecordPolicy.QUARANTINE, rejected)
 *     .progress((task, done, total) -> {})
 *     .run();
 * }</pre>
 */
public final class Pipeline {
  private static final Predicate<UserProfile> EVERYONE = p -> true;

  final Source events;
  final Cleaning eventCleaning;
  final EventMapping mapping;
  final Source attributes;
  final String attributeIdColumn;
  final Cleaning attributeCleaning;
  final ProfileStoreBuilder storeConfig;
  final FeatureSpec features;
  final Segmenter segmenter;
  final List<ResultSink> outputs;
  final boolean seedGiven;
  final RecommenderTrainer recommender;
  final Supplier<Interactions.Builder> interactions;
  final Lookalike lookalike;
  final Function<Purpose, Predicate<UserProfile>> consent;
  final Pseudonymizer pseudonyms;
  final AttributeAllowList keptAttributes;
  final int personaTraits;
  final BadRecordPolicy policy;
  final Quarantine quarantine;
  final ProgressListener progress;
  final long seed;
  final Set<String> profileOnly;
  final List<ScoreStage> scoreStages;

  private Pipeline(Builder b) {
    PipelineChecks.check(b);
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
    this.keptAttributes = PipelineChecks.keptAttributes(b);
    this.personaTraits = b.personaTraits;
    this.policy = b.policy == null ? BadRecordPolicy.FAIL : b.policy;
    this.quarantine = b.quarantine;
    this.progress = b.progress == null ? ProgressListener.NONE : b.progress;
    this.seed = b.seed;
    this.seedGiven = b.seedSet;
    this.outputs = List.copyOf(b.outputs);
    this.profileOnly = Set.copyOf(b.profileOnly);
    this.scoreStages = List.copyOf(b.scoreStages);
  }

  /**
   * The attribute columns the profile store keeps: those the features use, those the consent policy
   * reads and those allowed besides; every other column is left out at the join.
   */
  public Set<String> keptAttributes() {
    return keptAttributes.names();
  }

  /**
   * A new pipeline builder: the entry point of the library. Give it at least {@link
   * Builder#events(Source)} and {@link Builder#mapEvents(EventMapping)}, then {@link Builder#run()}
   * it or {@link Builder#build()} a pipeline to run later.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs every configured stage, in order.
   *
   * @throws org.aidmp.data.BadRecordException under {@link BadRecordPolicy#FAIL} for the first bad
   *     row, naming its source, line and column
   */
  public PipelineResult run() {
    return new PipelineRun(this).run();
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
    Source events;
    Cleaning eventCleaning;
    EventMapping mapping;
    Source attributes;
    String attributeIdColumn;
    Cleaning attributeCleaning;
    ProfileStoreBuilder storeConfig;
    FeatureSpec features;
    Segmenter segmenter;
    final List<ResultSink> outputs = new ArrayList<>();
    RecommenderTrainer recommender;
    Supplier<Interactions.Builder> interactions;
    Lookalike lookalike;
    Function<Purpose, Predicate<UserProfile>> consent;
    Pseudonymizer pseudonyms;
    ConsentPolicy consentPolicy;
    List<String> moreAttributes;
    int personaTraits = 4;
    BadRecordPolicy policy;
    Quarantine quarantine;
    ProgressListener progress;
    long seed = 42;
    boolean seedSet;
    final Set<String> profileOnly = new TreeSet<>();
    final List<ScoreStage> scoreStages = new ArrayList<>();

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
