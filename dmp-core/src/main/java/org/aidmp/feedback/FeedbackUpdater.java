package org.aidmp.feedback;

import java.io.DataOutput;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.recommend.Recommender;
import org.aidmp.stage.ScoreModel;
import org.aidmp.state.UserStatePart;
import org.ejml.data.FMatrixRMaj;

/**
 * Folds live events into the profile store, feature rows, segments and recommendations while the
 * host keeps serving.
 *
 * <pre>{@code
 * try (FeedbackUpdater updater = FeedbackUpdater.newBuilder()
 *     .setConfig(FeedbackConfig.builder().setEventTypes(types).get())
 *     .setCentroids(kmeansModel.centroids())
 *     .setEncoder(FeatureEncoder.logCounts(means, stds))
 *     .setProfileStore(batchProfiles)             // one store for batch and live
 *     .setPopularity(popularityBySegment)
 *     .addListener(change -> audiences.move(change))
 *     .build()) {
 *   updater.accept(new Event("u42", now, "purchase"));   // from any thread
 *   int segment = updater.segmentOf("u42");
 *   Recommendations r = updater.recommendations("u42", 10);
 *   updater.forget("u42");                               // store, live state, drift, queue
 * }
 * }</pre>
 *
 * <p><b>Per event</b>: the event is checked (bad ones are counted and skipped or quarantined, or
 * thrown in strict mode, {@link BadRecordPolicy#FAIL}); events of users without consent are counted
 * and dropped unseen, bad or not. Then, with the user's lock held, the {@link FeatureEncoder}
 * computes the user's new row from their aggregates as they will be with the event, the row is
 * assigned to the nearest centroid and added to that centroid's pending drift, and only then is the
 * event folded into the {@link ProfileStore}: a rejected event leaves no trace. A user moving to
 * another segment is queued for the listeners.
 *
 * <p><b>One profile store.</b> The updater keeps no user table of its own: counters come from the
 * store ({@link Builder#setProfileStore}, else that of a {@link FeatureEncoder#ofProfiles} encoder,
 * else a private one), and the live rows, segments and cached recommendations sit in flat arrays
 * indexed by the user's slot in the store. Forgetting a user in the store (directly or through
 * {@link #forget}) also drops their live state; a later event starts a fresh profile, or is dropped
 * if the consent predicate says no.
 *
 * <p><b>Threads.</b> {@code accept} is safe from any number of threads. Each intake thread has a
 * stripe of its own (its gate lock, its drift accumulator, its counters), so threads share no lock
 * on the hot path except the user's. Centroids are an immutable model read without locking; a
 * stripe that has gathered {@link FeedbackConfig#driftBatch()} events publishes the drift of all
 * stripes as a new model version, so segment ids never change and every answer names the version
 * that produced it. {@link #snapshot()} and {@link #close()} take every stripe's lock. With one
 * thread the final state depends only on the events and their order. Listeners run on a thread of
 * the updater's own ({@link Builder#addListener}).
 */
public final class FeedbackUpdater implements AutoCloseable, UserStatePart {
  /** The name of this part in forget receipts and snapshots. */
  public static final String PART_NAME = "live";

  private final LiveParts parts;
  private final Intake intake;

  private FeedbackUpdater(LiveParts parts) {
    this.parts = parts;
    this.intake = parts.intake;
  }

  /** A builder for an updater; each option may be set once. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The settings. */
  public FeedbackConfig config() {
    return parts.config;
  }

  /** The profile store live events are folded into. */
  public ProfileStore profileStore() {
    return parts.store;
  }

  /** The number of segments. */
  public int segments() {
    return parts.k;
  }

  /** The feature dimension. */
  public int dimension() {
    return parts.d;
  }

  /** The current centroid version. */
  @Override
  public long modelVersion() {
    return parts.centroids.model().version;
  }

  /** The current model itself, for the concurrency tests. */
  DriftingCentroids.Model currentModel() {
    return parts.centroids.model();
  }

  /** The current centroids, k × d. */
  public FMatrixRMaj centroids() {
    return new FMatrixRMaj(parts.k, parts.d, true, parts.centroids.model().centroids.clone());
  }

  /**
   * Folds one event in.
   *
   * @return true if accepted; false if it was bad and skipped or quarantined, or its user has no
   *     consent
   * @throws BadRecordException for a bad event in strict mode ({@link BadRecordPolicy#FAIL})
   * @throws IllegalStateException after {@link #close()}
   */
  public boolean accept(Event event) {
    return intake.accept(event);
  }

  /**
   * Folds events in, in order, as {@link #accept} would one by one. Faster than that with many
   * users: the state of each group of eight events' users is read ahead together, so their cache
   * misses overlap. Prefer it when events arrive in batches.
   *
   * @return how many were accepted
   * @throws BadRecordException in strict mode at the first bad event; earlier ones stay applied
   */
  public long acceptAll(Iterable<Event> events) {
    return intake.acceptAll(events);
  }

  /**
   * Reads, without changing anything, the state that accepting {@code events} will touch: their
   * users' aggregates and live rows, eight users at a time, so that the cache misses of a group
   * overlap instead of following one another. A caller that must act on each event's own outcome,
   * as a stream consumer does, calls this for the next few events and then {@link #accept} on each
   * in order: the results are exactly those of the {@code accept} calls alone, only faster when the
   * users' state is out of cache (many users). With few users it costs a few loads for nothing;
   * {@link #acceptAll} does both for a caller that needs only the count.
   *
   * @param events the events about to be accepted; nulls and bad events are allowed and skipped
   */
  public void readAhead(Iterable<Event> events) {
    intake.readAhead(events);
  }

  /**
   * Publishes the drift gathered so far as a new model version now, without waiting for a full
   * batch; does nothing when there is none.
   *
   * @return the model version after the call
   */
  public long publishDrift() {
    return parts.centroids.publish();
  }

  /**
   * The user's segment, as {@link org.aidmp.pipeline.Segmentation#segmentOf} answers for the batch
   * model; −1 for a user without live state. {@link #profile} adds the model version that assigned
   * it, the distance and the row.
   */
  public int segmentOf(String userId) {
    return parts.reads.segmentOf(userId);
  }

  /** A copy of the user's live state, or null for a user without one. */
  public LiveUser profile(String userId) {
    return parts.reads.liveUser(userId);
  }

  /**
   * The score of the user's live feature row under the model set with {@link
   * Builder#setScoreModel}: a propensity or risk as of the user's latest accepted event. It is
   * computed on demand, under the user's lock, from the row in place; intake does no scoring work.
   *
   * @return the score, or NaN for a user without live state (never seen, forgotten or revoked)
   * @throws IllegalStateException if no score model was set
   */
  public double score(String userId) {
    return parts.reads.score(Objects.requireNonNull(userId, "userId"), parts.scoreModel());
  }

  /**
   * Folds one event in as {@link #accept} does and returns the user's score after it, as {@link
   * #score} computes it.
   *
   * @return the score, or NaN if the event was not accepted
   * @throws IllegalStateException if no score model was set, or after {@link #close()}
   * @throws BadRecordException for a bad event in strict mode ({@link BadRecordPolicy#FAIL})
   */
  public double acceptAndScore(Event event) {
    ScoreModel m = parts.scoreModel();
    return accept(event) ? parts.reads.score(event.userId(), m) : Double.NaN;
  }

  /** The model live rows are scored with, if one was set. */
  public java.util.Optional<ScoreModel> scoreModel() {
    return java.util.Optional.ofNullable(parts.scoreModel);
  }

  /** Whether the user's cached recommendations are stale (or were never computed). */
  public boolean recommendationsStale(String userId) {
    return parts.recs.stale(Objects.requireNonNull(userId, "userId"));
  }

  /**
   * The user's recommendations: cached ones when no event arrived since they were computed,
   * otherwise recomputed now by the {@link Recommender}. Users it was not fitted on, users without
   * consent to personalisation ({@link Builder#setPersonalisationConsent}) and users never seen get
   * their segment's popular items (segment −1 for users never seen). The recommender runs outside
   * every lock.
   *
   * @param n how many items, at least 1
   */
  public Recommendations recommendations(String userId, int n) {
    return parts.recs.recommendations(Objects.requireNonNull(userId, "userId"), n);
  }

  /**
   * Removes every trace of a user: their profile in the store, their live row and segment, cached
   * recommendations, queued segment changes and the pending drift (all of it: pending sums cannot
   * be split by user, so at most one batch of other users' drift is lost too). Counters of past
   * events and the centroids, which hold no per-user data, are kept.
   *
   * @return the entries removed (profile, live row, cached list, queued changes, pending drift)
   */
  @Override
  public long forget(String userId) {
    return parts.erasure.forget(Objects.requireNonNull(userId, "userId"));
  }

  /**
   * As {@link #forget}, kept for callers of the earlier name.
   *
   * @return true if the updater or its store held the user
   * @deprecated use {@link #forget}, which also says how much was removed
   */
  @Deprecated
  public boolean erase(String userId) {
    return forget(userId) > 0;
  }

  /**
   * Applies a retention pass to the profile store and the live state: expired event types and
   * attributes leave the store as {@link ProfileStore#expire(ProfileStore.Expiry)} describes; a
   * user who lost part of their data also loses their live row, segment, cached recommendations and
   * queued segment changes (they were computed from the expired data; the user's next event
   * rebuilds them from what is left); a user left with nothing is forgotten. Pending drift that
   * held such users' rows is discarded. The same happens when the pass is run on the shared store
   * directly (for instance by a pipeline result's {@code expire}), except that the pending drift is
   * then discarded at the next publication.
   *
   * <pre>{@code
   * ExpiryReceipt r = updater.expire(RetentionPolicy.builder()
   *     .setEventTtl("view", Duration.ofDays(90)).get().at(Instant.now()));
   * }</pre>
   *
   * @return what was removed; it holds no ids
   */
  public org.aidmp.state.ExpiryReceipt expire(ProfileStore.Expiry expiry) {
    return parts.erasure.expire(Objects.requireNonNull(expiry, "expiry"));
  }

  /**
   * Drops the user's live state at once when their consent was withdrawn: row, segment, cached
   * recommendations, queued segment changes and pending drift. Their profile stays in the store
   * (use {@link #forget} to erase it). Later events of the user are dropped as long as the consent
   * predicate says no, so change the host's consent record first, then call this.
   *
   * @return the entries removed
   */
  public long revoke(String userId) {
    return parts.erasure.revoke(Objects.requireNonNull(userId, "userId"));
  }

  /** Users with live state. */
  public int size() {
    return (int) parts.counters.liveUsers.sum();
  }

  /** The counters; each is exact, though the set is not one atomic cut while intake runs. */
  public FeedbackStats stats() {
    return parts.counters.stats(
        parts.centroids.stripes(), parts.dispatch, parts.centroids.model().version);
  }

  /**
   * A consistent cut of the live state. Intake waits while it is copied (linear in users); reads
   * ({@link #segmentOf}, {@link #profile}, {@link #recommendations}) do not. The updater's own
   * profile store, when it has one, is part of the snapshot; a shared store is saved by its owner
   * (inside {@link #withIntakePaused}, for the same cut).
   */
  public FeedbackSnapshot snapshot() {
    return withIntakePaused(
        () ->
            FeedbackSnapshot.take(
                parts.config,
                parts.centroids,
                parts.counters,
                parts.reads.allLiveUsers(),
                parts.ownsStore ? parts.store : null));
  }

  /** {@value #PART_NAME}. */
  @Override
  public String partName() {
    return PART_NAME;
  }

  /** Writes {@link #snapshot()}; {@link FeedbackSnapshot#read} reads it back. */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    snapshot().write(out);
  }

  /**
   * Runs {@code action} while intake is paused, so that state kept outside the updater (a shared
   * {@link ProfileStore}, a campaign snapshot) can be saved at the same cut as {@link #snapshot()}.
   * Reads go on meanwhile, and the action may call {@code snapshot()}.
   *
   * <pre>{@code
   * updater.withIntakePaused(() -> {
   *   FeedbackSnapshot live = updater.snapshot();
   *   store.write(out);
   *   return live;
   * });
   * }</pre>
   */
  public <T> T withIntakePaused(Supplier<T> action) {
    return parts.centroids.whileAllLocked(Objects.requireNonNull(action, "action"));
  }

  /**
   * Stops intake (an {@code accept} racing with this either finishes before it returns or throws),
   * delivers the segment changes already queued and stops the listener thread (waiting up to 10
   * seconds for it). Idempotent.
   */
  @Override
  public void close() {
    parts.close();
  }

  /**
   * Assembles a {@link FeedbackUpdater}. Every option may be set once (a second call is an error);
   * {@link #build()} does not change the builder. Needs a config, an encoder, and either centroids
   * or a snapshot to restore.
   */
  public static final class Builder {
    // Read by LiveParts, which checks and wires them.
    FeedbackConfig config;
    FMatrixRMaj centroids;
    long[] segmentSizes;
    Long modelVersion;
    FeatureEncoder encoder;
    Recommender recommender;
    ScoreModel scoreModel;
    ProfileStore store;
    Predicate<String> personalisation;
    Integer segmentSlots;
    boolean racyIntake;
    int stripes;
    SegmentPopularity popularity;
    Quarantine quarantine;
    Clock clock;
    Predicate<String> consent;
    ThreadFactory threadFactory;
    VectorKernels kernels;
    FeedbackSnapshot restore;
    final List<Consumer<SegmentChange>> listeners = new ArrayList<>();
    final LiveParts.Seeds seeds = new LiveParts.Seeds();

    private Builder() {}

    private static <T> T once(T current, T value, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " is already set; set it once");
      }
      return Objects.requireNonNull(value, name);
    }

    /** The settings. */
    public Builder setConfig(FeedbackConfig config) {
      this.config = once(this.config, config, "config");
      return this;
    }

    /** The trained centroids, k × d (copied at build); segment j is row j. Finite values only. */
    public Builder setCentroids(FMatrixRMaj centroids) {
      BuilderChecks.checkCentroids(centroids);
      this.centroids = once(this.centroids, centroids.copy(), "centroids");
      return this;
    }

    /**
     * The trained K-Means model: its centroids and cluster sizes ({@link #setCentroids} and {@link
     * #setSegmentSizes} in one). Euclidean models only: the live assignment measures squared
     * Euclidean distance.
     *
     * @throws IllegalArgumentException for a cosine model
     */
    public Builder setModel(KMeansModel model) {
      BuilderChecks.checkEuclidean(model);
      setCentroids(model.centroids());
      return setSegmentSizes(BuilderChecks.sizes(model.clusterSizes()));
    }

    /** Training rows per segment, to weigh the centroids' starting pull (see the class doc). */
    public Builder setSegmentSizes(long[] sizes) {
      this.segmentSizes = once(this.segmentSizes, BuilderChecks.checkSizes(sizes), "segmentSizes");
      return this;
    }

    /** The version of the starting centroids (default 1), e.g. the saved model's. */
    public Builder setModelVersion(long version) {
      if (version < 0) {
        throw new IllegalArgumentException("modelVersion (" + version + ") is negative");
      }
      this.modelVersion = once(this.modelVersion, version, "modelVersion");
      return this;
    }

    /** The feature transform the centroids were trained with. */
    public Builder setEncoder(FeatureEncoder encoder) {
      this.encoder = once(this.encoder, encoder, "encoder");
      return this;
    }

    /**
     * Personal recommendations from a fitted batch model, for the users it was fitted on; everyone
     * else, and everyone without one, gets segment popularity. Called outside every lock of the
     * updater, possibly from several threads at once.
     */
    public Builder setRecommender(Recommender recommender) {
      this.recommender = once(this.recommender, recommender, "recommender");
      return this;
    }

    /**
     * A model that scores users' live rows ({@link FeedbackUpdater#score}): a logistic or
     * gradient-boosted model fitted on rows made by the same {@link #setEncoder encoder}, so its
     * features mean the same live as in training. Without one, intake is unchanged and {@code
     * score} is refused.
     *
     * @throws IllegalStateException at build if its dimension is not the centroids'
     */
    public Builder setScoreModel(ScoreModel model) {
      this.scoreModel = once(this.scoreModel, model, "scoreModel");
      return this;
    }

    /**
     * Gives the last {@code slots} places of a personal list to what is popular in the user's
     * current segment (items not already listed), so a user who moves segment sees their list
     * change at once though the personal model is the batch one. Default 0.
     */
    public Builder setSegmentSlots(int slots) {
      if (slots < 0) {
        throw new IllegalArgumentException("segmentSlots (" + slots + ") is negative; use 0");
      }
      this.segmentSlots = once(this.segmentSlots, slots, "segmentSlots");
      return this;
    }

    /**
     * The profile store live events go into: the batch pipeline's, so that there is one store.
     * Without it the store of a {@link FeatureEncoder#ofProfiles} encoder is used, and without that
     * a private store.
     *
     * @throws IllegalStateException at build if an {@link FeatureEncoder#ofProfiles} encoder over
     *     another store is set
     */
    public Builder setProfileStore(ProfileStore store) {
      this.store = once(this.store, store, "profileStore");
      return this;
    }

    /**
     * Who may get personal recommendations; the others get their segment's popular items (the
     * non-personalised answer), never an exception. Called on every {@code recommendations} call,
     * so it must be fast and thread-safe. Everyone by default.
     */
    public Builder setPersonalisationConsent(Predicate<String> allowed) {
      this.personalisation = once(this.personalisation, allowed, "personalisationConsent");
      return this;
    }

    /**
     * The racy test variant: intake skips its stripe lock, so two threads sharing a stripe lose
     * counter updates and drift. Only for the tests that show the concurrency checkers catch it.
     */
    Builder racyIntakeForTests() {
      this.racyIntake = true;
      return this;
    }

    /** The number of intake stripes (default twice the processors); for tests. */
    Builder setStripes(int stripes) {
      this.stripes = BuilderChecks.checkStripes(stripes);
      return this;
    }

    /** Popular items per segment, the cold-start answer. */
    public Builder setPopularity(SegmentPopularity popularity) {
      this.popularity = once(this.popularity, popularity, "popularity");
      return this;
    }

    /** Where bad events go under {@link BadRecordPolicy#QUARANTINE}; required then. */
    public Builder setQuarantine(Quarantine quarantine) {
      this.quarantine = once(this.quarantine, quarantine, "quarantine");
      return this;
    }

    /**
     * Whose events may be used. Events of users for whom {@code allowed} is false are counted
     * ({@link FeedbackStats#withoutConsent()}) and dropped: they update no profile, segment or
     * recommendation and are not quarantined, bad or not, since keeping them would keep their data.
     * When a user withdraws, change the answer here, then call {@link FeedbackUpdater#revoke}.
     * Called once per event from the intake thread, so it must be fast and thread-safe. Everyone by
     * default.
     */
    public Builder setConsent(Predicate<String> allowed) {
      this.consent = once(this.consent, allowed, "consent");
      return this;
    }

    /** The clock future timestamps are judged by; the system UTC clock by default. */
    public Builder setClock(Clock clock) {
      this.clock = once(this.clock, clock, "clock");
      return this;
    }

    /** Makes the listener thread; by default a daemon thread named dmp-feedback-listeners. */
    public Builder setThreadFactory(ThreadFactory factory) {
      this.threadFactory = once(this.threadFactory, factory, "threadFactory");
      return this;
    }

    /**
     * The kernels for distances; the JVM's best by default. A test hook: users pick the kernels
     * with the JVM's options and the {@code dmp.kernels} system property, not per updater.
     */
    Builder setKernels(VectorKernels kernels) {
      this.kernels = once(this.kernels, kernels, "kernels");
      return this;
    }

    /**
     * Adds a listener told of every user who moves between segments. Listeners run on the updater's
     * own listener thread, never on the thread that called {@code accept}, so a slow one delays the
     * other listeners but never intake; when the queue is full, changes are dropped and counted in
     * {@link FeedbackStats#listenerDropped()}. An exception is counted and logged, and delivery
     * goes on.
     */
    public Builder addListener(Consumer<SegmentChange> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a user known from training with their row (copied) and segment (−1 for none); their live
     * counters start at zero. Not combinable with {@link #restore}.
     */
    public Builder addUser(String userId, float[] row, int segment) {
      seeds.add(userId, row, segment);
      return this;
    }

    /**
     * Adds users known from training: row i of {@code rows} is user {@code ids.get(i)}, in segment
     * {@code segments[i]} (e.g. a profile matrix and the K-Means labels).
     */
    public Builder addUsers(List<String> ids, FMatrixRMaj rows, int[] segments) {
      BuilderChecks.checkUsers(ids, rows, segments);
      int d = rows.numCols;
      for (int i = 0; i < ids.size(); i++) {
        addUser(
            ids.get(i), java.util.Arrays.copyOfRange(rows.data, i * d, (i + 1) * d), segments[i]);
      }
      return this;
    }

    /** Continues from a snapshot instead of fresh centroids. */
    public Builder restore(FeedbackSnapshot snapshot) {
      this.restore = once(this.restore, snapshot, "restore");
      return this;
    }

    /**
     * The updater; checks that the options fit together. Starts the listener thread if there are
     * listeners: close the updater to stop it.
     */
    public FeedbackUpdater build() {
      return new FeedbackUpdater(LiveParts.assemble(this));
    }
  }
}
