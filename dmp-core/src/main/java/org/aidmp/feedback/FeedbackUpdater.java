package org.aidmp.feedback;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.kmeans.Distance;
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
 *   Assignment a = updater.segmentOf("u42");
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
 * store ({@link Builder#setProfileStore}, else the {@link ProfileEncoder}'s store, else a private
 * one), and the live rows, segments and cached recommendations sit in flat arrays indexed by the
 * user's slot in the store. Forgetting a user in the store (directly or through {@link #forget})
 * also drops their live state; a later event starts a fresh profile, or is dropped if the consent
 * predicate says no.
 *
 * <p><b>Threads.</b> {@code accept} is safe from any number of threads. Each intake thread has a
 * stripe of its own (its gate lock, its drift accumulator, its counters), so threads share no lock
 * on the hot path except the user's. Centroids are an immutable model read without locking; a
 * stripe that has gathered {@link FeedbackConfig#driftBatch()} events publishes the drift of all
 * stripes as a new model version, so segment ids never change and every answer names the version
 * that produced it. {@link #snapshot()} and {@link #close()} take every stripe's lock. With one
 * thread the final state depends only on the events and their order.
 *
 * <p><b>Listeners</b> run on one thread the updater owns (made by the builder's thread factory);
 * intake only offers to a bounded queue and never waits. {@link #close()} delivers what is queued
 * and stops the thread.
 */
public final class FeedbackUpdater implements AutoCloseable, UserStatePart {
  /** The name of this part in forget receipts and snapshots. */
  public static final String PART_NAME = "live";

  private final FeedbackConfig config;
  private final int[] storeTypeIds;
  private final ProfileStore store;
  private final boolean ownsStore;
  private final LiveTable live;
  private final DriftingCentroids centroids;
  private final ListenerDispatch dispatch;
  private final FeedbackCounters counters = new FeedbackCounters();
  private final RecommendationCache recs;
  private final Intake intake;
  private final boolean drift;
  private final LiveErasure erasure;
  private final int k;
  private final int d;
  private final ScoreModel scoreModel;

  private FeedbackUpdater(Builder b, ProfileStore store, boolean ownsStore) {
    this.config = b.config;
    this.store = store;
    this.ownsStore = ownsStore;
    this.drift = config.drift() == CentroidDrift.DECAYED_MEAN;
    List<String> types = config.eventTypes();
    Map<String, Integer> typeIndex = new HashMap<>();
    this.storeTypeIds = new int[types.size()];
    for (int i = 0; i < types.size(); i++) {
      typeIndex.put(types.get(i), i);
      storeTypeIds[i] = store.typeId(types.get(i));
      if (storeTypeIds[i] < 0) {
        throw new IllegalStateException(
            "the profile store does not take live event type #"
                + i
                + "; add every live event type to its setEventTypes, or raise setMaxEventTypes");
      }
    }
    VectorKernels kernels = b.kernels == null ? VectorKernelsProvider.get() : b.kernels;
    FeedbackSnapshot snap = b.restore;
    DriftingCentroids.Model start;
    double[] weights;
    if (snap != null) {
      start =
          new DriftingCentroids.Model(
              snap.modelVersion, snap.centroids.clone(), snap.k, snap.d, kernels);
      weights = snap.weights;
    } else {
      FMatrixRMaj c = b.centroids;
      start =
          new DriftingCentroids.Model(
              b.modelVersion,
              java.util.Arrays.copyOf(c.data, c.numRows * c.numCols),
              c.numRows,
              c.numCols,
              kernels);
      weights = DriftingCentroids.initialWeights(b.segmentSizes, c.numRows, config.halfLife());
    }
    this.k = start.k;
    this.d = start.d;
    int stripes = b.stripes > 0 ? b.stripes : defaultStripes();
    this.centroids = new DriftingCentroids(start, weights, config.halfLife(), kernels, stripes);
    this.live = new LiveTable(d);
    this.dispatch =
        new ListenerDispatch(b.listeners, config.listenerQueueCapacity(), b.threadFactory);
    this.recs =
        new RecommendationCache(
            store,
            live,
            b.recommender,
            b.popularity,
            b.personalisation == null ? id -> true : b.personalisation,
            b.segmentSlots,
            centroids);
    this.intake =
        new Intake(
            config,
            Map.copyOf(typeIndex),
            storeTypeIds,
            b.encoder,
            store,
            live,
            centroids,
            dispatch,
            counters,
            b.quarantine,
            b.clock == null ? Clock.systemUTC() : b.clock,
            kernels,
            b.consent == null ? id -> true : b.consent,
            b.racyIntake);
    this.scoreModel = b.scoreModel;
    this.erasure = new LiveErasure(store, live, centroids, dispatch, recs, counters, drift);
    if (snap != null) {
      centroids.restorePending(snap.pendingSum, snap.pendingCount, snap.pendingEvents);
      counters.restore(snap);
      for (LiveUser u : snap.users) {
        seed(u.userId(), u.row(), u.segment(), u.squaredDistance(), u.modelVersion());
      }
    }
    for (Builder.Seed s : b.seeds) {
      double dist =
          s.segment() < 0
              ? Double.NaN
              : kernels.squaredDistance(s.row(), 0, start.centroids, s.segment() * d, d);
      seed(s.userId(), s.row(), s.segment(), dist, s.segment() < 0 ? -1 : start.version);
    }
  }

  private static int defaultStripes() {
    return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  }

  private void seed(String userId, float[] row, int segment, double dist, long version) {
    store.ensure(userId);
    store.read(
        userId,
        (slot, view) -> {
          LiveTable.Page p = live.page(slot);
          if (!live.present(slot)) {
            counters.liveUsers.increment();
          }
          System.arraycopy(row, 0, p.rows, live.rowOffset(slot), d);
          LiveTable.assign(p, slot, segment, dist, version);
          return null;
        });
  }

  /** A builder for an updater; each option may be set once. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The settings. */
  public FeedbackConfig config() {
    return config;
  }

  /** The profile store live events are folded into. */
  public ProfileStore profileStore() {
    return store;
  }

  /** The number of segments. */
  public int segments() {
    return k;
  }

  /** The feature dimension. */
  public int dimension() {
    return d;
  }

  /** The current centroid version. */
  @Override
  public long modelVersion() {
    return centroids.model().version;
  }

  /** The current model itself, for the concurrency tests. */
  DriftingCentroids.Model currentModel() {
    return centroids.model();
  }

  /** The current centroids, k × d. */
  public FMatrixRMaj centroids() {
    return new FMatrixRMaj(k, d, true, centroids.model().centroids.clone());
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
   * Folds events in, in order.
   *
   * @return how many were accepted
   * @throws BadRecordException in strict mode at the first bad event; earlier ones stay applied
   */
  public long acceptAll(Iterable<Event> events) {
    long n = 0;
    for (Event e : events) {
      if (accept(e)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Publishes the drift gathered so far as a new model version now, without waiting for a full
   * batch; does nothing when there is none.
   *
   * @return the model version after the call
   */
  public long publishDrift() {
    return centroids.publish();
  }

  /** The user's segment and the model version that assigned it; segment −1 for unknown users. */
  public Assignment segmentOf(String userId) {
    Assignment a =
        store.read(
            userId,
            (slot, view) -> {
              LiveTable.Page p = live.existing(slot);
              if (p == null || !live.present(slot)) {
                return null;
              }
              return new Assignment(
                  userId,
                  LiveTable.segment(p, slot),
                  LiveTable.squaredDistance(p, slot),
                  LiveTable.modelVersion(p, slot));
            });
    return a != null ? a : new Assignment(userId, -1, Double.NaN, -1);
  }

  /** A copy of the user's live state, or null for a user without one. */
  public LiveUser profile(String userId) {
    return store.read(
        userId,
        (slot, view) -> {
          LiveTable.Page p = live.existing(slot);
          if (p == null || !live.present(slot)) {
            return null;
          }
          long[] counts = new long[storeTypeIds.length];
          for (int t = 0; t < counts.length; t++) {
            counts[t] = view.count(storeTypeIds[t]);
          }
          int off = live.rowOffset(slot);
          return new LiveUser(
              userId,
              counts,
              view.events(),
              view.valueSum(),
              view.firstSeen(),
              view.lastSeen(),
              java.util.Arrays.copyOfRange(p.rows, off, off + d),
              LiveTable.segment(p, slot),
              LiveTable.squaredDistance(p, slot),
              LiveTable.modelVersion(p, slot));
        });
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
    Objects.requireNonNull(userId, "userId");
    ScoreModel m = scoreModel;
    if (m == null) {
      throw new IllegalStateException(
          "no score model; set one with setScoreModel when building the updater");
    }
    Double s =
        store.read(
            userId,
            (slot, view) -> {
              LiveTable.Page p = live.existing(slot);
              if (p == null || !live.present(slot)) {
                return null;
              }
              return m.score(p.rows, live.rowOffset(slot));
            });
    return s == null ? Double.NaN : s;
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
    if (scoreModel == null) {
      throw new IllegalStateException(
          "no score model; set one with setScoreModel when building the updater");
    }
    return accept(event) ? score(event.userId()) : Double.NaN;
  }

  /** The model live rows are scored with, if one was set. */
  public java.util.Optional<ScoreModel> scoreModel() {
    return java.util.Optional.ofNullable(scoreModel);
  }

  /** Whether the user's cached recommendations are stale (or were never computed). */
  public boolean recommendationsStale(String userId) {
    return recs.stale(Objects.requireNonNull(userId, "userId"));
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
    Objects.requireNonNull(userId, "userId");
    if (n < 1) {
      throw new IllegalArgumentException("n (" + n + ") must be at least 1");
    }
    return recs.recommendations(userId, n);
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
    return erasure.forget(Objects.requireNonNull(userId, "userId"));
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
    return erasure.expire(Objects.requireNonNull(expiry, "expiry"));
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
    return erasure.revoke(Objects.requireNonNull(userId, "userId"));
  }

  /** Users with live state. */
  public int size() {
    return (int) counters.liveUsers.sum();
  }

  /** The counters; each is exact, though the set is not one atomic cut while intake runs. */
  public FeedbackStats stats() {
    return counters.stats(centroids.stripes(), dispatch, centroids.model().version);
  }

  /**
   * A consistent cut of the live state. Intake waits while it is copied (linear in users); reads
   * ({@link #segmentOf}, {@link #profile}, {@link #recommendations}) do not. The updater's own
   * profile store, when it has one, is part of the snapshot; a shared store is saved by its owner
   * (inside {@link #withIntakePaused}, for the same cut).
   */
  public FeedbackSnapshot snapshot() {
    centroids.lockAll();
    try {
      List<LiveUser> copies = new ArrayList<>();
      for (String id : store.userIds()) {
        LiveUser u = profile(id);
        if (u != null) {
          copies.add(u);
        }
      }
      return FeedbackSnapshot.take(config, centroids, counters, copies, ownsStore ? store : null);
    } finally {
      centroids.unlockAll();
    }
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
    Objects.requireNonNull(action, "action");
    centroids.lockAll();
    try {
      return action.get();
    } finally {
      centroids.unlockAll();
    }
  }

  /**
   * Stops intake (an {@code accept} racing with this either finishes before it returns or throws),
   * delivers the segment changes already queued and stops the listener thread (waiting up to 10
   * seconds for it). Idempotent.
   */
  @Override
  public void close() {
    intake.closed = true;
    // Wait for events in flight, so every change they queue is delivered below.
    centroids.lockAll();
    centroids.unlockAll();
    dispatch.close();
  }

  /**
   * Assembles a {@link FeedbackUpdater}. Every option may be set once (a second call is an error);
   * {@link #build()} does not change the builder. Needs a config, an encoder, and either centroids
   * or a snapshot to restore.
   */
  public static final class Builder {
    private FeedbackConfig config;
    private FMatrixRMaj centroids;
    private long[] segmentSizes;
    private long modelVersion = 1;
    private boolean modelVersionSet;
    private FeatureEncoder encoder;
    private Recommender recommender;
    private ScoreModel scoreModel;
    private ProfileStore store;
    private Predicate<String> personalisation;
    private int segmentSlots;
    private boolean segmentSlotsSet;
    private boolean racyIntake;
    private int stripes;
    private SegmentPopularity popularity;
    private Quarantine quarantine;
    private Clock clock;
    private Predicate<String> consent;
    private ThreadFactory threadFactory;
    private VectorKernels kernels;
    private FeedbackSnapshot restore;
    private final List<SegmentChangeListener> listeners = new ArrayList<>();
    private final List<Seed> seeds = new ArrayList<>();
    private final java.util.Set<String> seedIds = new java.util.HashSet<>();

    private Builder() {}

    private static void once(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " is already set; set it once");
      }
    }

    /** The settings. */
    public Builder setConfig(FeedbackConfig config) {
      once(this.config, "config");
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The trained centroids, k × d (copied at build); segment j is row j. Finite values only. */
    public Builder setCentroids(FMatrixRMaj centroids) {
      once(this.centroids, "centroids");
      Objects.requireNonNull(centroids, "centroids");
      if (centroids.numRows < 1 || centroids.numCols < 1) {
        throw new IllegalArgumentException(
            "centroids are "
                + centroids.numRows
                + " x "
                + centroids.numCols
                + "; need at least one segment and one feature");
      }
      for (int i = 0; i < centroids.numRows * centroids.numCols; i++) {
        if (!Float.isFinite(centroids.data[i])) {
          throw new IllegalArgumentException(
              "centroid "
                  + (i / centroids.numCols)
                  + ", feature "
                  + (i % centroids.numCols)
                  + " is "
                  + centroids.data[i]
                  + "; centroids must be finite");
        }
      }
      this.centroids = centroids.copy();
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
      Objects.requireNonNull(model, "model");
      if (model.distance() != Distance.EUCLIDEAN) {
        throw new IllegalArgumentException(
            "the model was fitted with distance "
                + model.distance()
                + "; the live updater"
                + " assigns by Euclidean distance, so fit with Distance.EUCLIDEAN or pass"
                + " normalised rows and centroids yourself");
      }
      setCentroids(model.centroids());
      int[] sizes = model.clusterSizes();
      long[] w = new long[sizes.length];
      for (int j = 0; j < sizes.length; j++) {
        w[j] = sizes[j];
      }
      return setSegmentSizes(w);
    }

    /** Training rows per segment, to weigh the centroids' starting pull (see the class doc). */
    public Builder setSegmentSizes(long[] sizes) {
      once(this.segmentSizes, "segmentSizes");
      Objects.requireNonNull(sizes, "sizes");
      for (int j = 0; j < sizes.length; j++) {
        if (sizes[j] < 0) {
          throw new IllegalArgumentException("segment " + j + " size (" + sizes[j] + ") < 0");
        }
      }
      this.segmentSizes = sizes.clone();
      return this;
    }

    /** The version of the starting centroids (default 1), e.g. the saved model's. */
    public Builder setModelVersion(long version) {
      if (modelVersionSet) {
        throw new IllegalStateException("modelVersion is already set; set it once");
      }
      if (version < 0) {
        throw new IllegalArgumentException("modelVersion (" + version + ") is negative");
      }
      this.modelVersion = version;
      this.modelVersionSet = true;
      return this;
    }

    /** The feature transform the centroids were trained with. */
    public Builder setEncoder(FeatureEncoder encoder) {
      once(this.encoder, "encoder");
      this.encoder = Objects.requireNonNull(encoder, "encoder");
      return this;
    }

    /**
     * Personal recommendations from a fitted batch model, for the users it was fitted on; everyone
     * else, and everyone without one, gets segment popularity. Called outside every lock of the
     * updater, possibly from several threads at once.
     */
    public Builder setRecommender(Recommender recommender) {
      once(this.recommender, "recommender");
      this.recommender = Objects.requireNonNull(recommender, "recommender");
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
      once(this.scoreModel, "scoreModel");
      this.scoreModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Gives the last {@code slots} places of a personal list to what is popular in the user's
     * current segment (items not already listed), so a user who moves segment sees their list
     * change at once though the personal model is the batch one. Default 0.
     */
    public Builder setSegmentSlots(int slots) {
      if (segmentSlotsSet) {
        throw new IllegalStateException("segmentSlots is already set; set it once");
      }
      if (slots < 0) {
        throw new IllegalArgumentException("segmentSlots (" + slots + ") is negative; use 0");
      }
      this.segmentSlots = slots;
      this.segmentSlotsSet = true;
      return this;
    }

    /**
     * The profile store live events go into: the batch pipeline's, so that there is one store.
     * Without it the {@link ProfileEncoder}'s store is used, and without that a private store.
     *
     * @throws IllegalStateException at build if a {@link ProfileEncoder} over another store is set
     */
    public Builder setProfileStore(ProfileStore store) {
      once(this.store, "profileStore");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Who may get personal recommendations; the others get their segment's popular items (the
     * non-personalised answer), never an exception. Called on every {@code recommendations} call,
     * so it must be fast and thread-safe. Everyone by default.
     */
    public Builder setPersonalisationConsent(Predicate<String> allowed) {
      once(this.personalisation, "personalisationConsent");
      this.personalisation = Objects.requireNonNull(allowed, "allowed");
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
      if (stripes < 1) {
        throw new IllegalArgumentException("stripes (" + stripes + ") must be at least 1");
      }
      this.stripes = stripes;
      return this;
    }

    /** Popular items per segment, the cold-start answer. */
    public Builder setPopularity(SegmentPopularity popularity) {
      once(this.popularity, "popularity");
      this.popularity = Objects.requireNonNull(popularity, "popularity");
      return this;
    }

    /** Where bad events go under {@link BadRecordPolicy#QUARANTINE}; required then. */
    public Builder setQuarantine(Quarantine quarantine) {
      once(this.quarantine, "quarantine");
      this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
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
      once(this.consent, "consent");
      this.consent = Objects.requireNonNull(allowed, "allowed");
      return this;
    }

    /** The clock future timestamps are judged by; the system UTC clock by default. */
    public Builder setClock(Clock clock) {
      once(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Makes the listener thread; by default a daemon thread named dmp-feedback-listeners. */
    public Builder setThreadFactory(ThreadFactory factory) {
      once(this.threadFactory, "threadFactory");
      this.threadFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * The kernels for distances; the JVM's best by default. A test hook: users pick the kernels with
     * the JVM's options and the {@code dmp.kernels} system property, not per updater.
     */
    Builder setKernels(VectorKernels kernels) {
      once(this.kernels, "kernels");
      this.kernels = Objects.requireNonNull(kernels, "kernels");
      return this;
    }

    /** Adds a listener for users moving between segments. */
    public Builder addListener(SegmentChangeListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a user known from training with their row (copied) and segment (−1 for none); their live
     * counters start at zero. Not combinable with {@link #restore}.
     */
    public Builder addUser(String userId, float[] row, int segment) {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(row, "row");
      if (!seedIds.add(userId)) {
        throw new IllegalArgumentException("a user was added twice; user ids must be distinct");
      }
      seeds.add(new Seed(userId, row.clone(), segment));
      return this;
    }

    /**
     * Adds users known from training: row i of {@code rows} is user {@code ids.get(i)}, in segment
     * {@code segments[i]} (e.g. a profile matrix and the K-Means labels).
     */
    public Builder addUsers(List<String> ids, FMatrixRMaj rows, int[] segments) {
      Objects.requireNonNull(ids, "ids");
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(segments, "segments");
      if (ids.size() != rows.numRows || ids.size() != segments.length) {
        throw new IllegalArgumentException(
            ids.size()
                + " ids, "
                + rows.numRows
                + " rows and "
                + segments.length
                + " segments; they must be equal");
      }
      int d = rows.numCols;
      for (int i = 0; i < ids.size(); i++) {
        addUser(
            ids.get(i), java.util.Arrays.copyOfRange(rows.data, i * d, (i + 1) * d), segments[i]);
      }
      return this;
    }

    /** Continues from a snapshot instead of fresh centroids. */
    public Builder restore(FeedbackSnapshot snapshot) {
      once(this.restore, "restore");
      this.restore = Objects.requireNonNull(snapshot, "snapshot");
      return this;
    }

    /**
     * The updater; checks that the options fit together. Starts the listener thread if there are
     * listeners: close the updater to stop it.
     */
    public FeedbackUpdater build() {
      if (config == null) {
        throw new IllegalStateException("no config; call setConfig(FeedbackConfig...get())");
      }
      if (encoder == null) {
        throw new IllegalStateException(
            "no encoder; call setEncoder with the feature transform the centroids came from");
      }
      if ((centroids == null) == (restore == null)) {
        throw new IllegalStateException(
            "give exactly one of setCentroids (a fresh start) and restore (a snapshot)");
      }
      if (restore != null) {
        if (!restore.eventTypes.equals(config.eventTypes())) {
          throw new IllegalStateException(
              "the snapshot's event types "
                  + restore.eventTypes
                  + " differ from the config's "
                  + config.eventTypes()
                  + "; restore with the config it was taken under");
        }
        if (!seeds.isEmpty() || segmentSizes != null || modelVersionSet) {
          throw new IllegalStateException(
              "addUser, setSegmentSizes and setModelVersion do not apply to a restore");
        }
      }
      int k = centroids != null ? centroids.numRows : restore.k;
      int d = centroids != null ? centroids.numCols : restore.d;
      if (scoreModel != null && scoreModel.dimensions() != d) {
        throw new IllegalStateException(
            "the score model takes "
                + scoreModel.dimensions()
                + " features but live rows have "
                + d
                + "; fit it on rows made by the same encoder");
      }
      if (segmentSizes != null && segmentSizes.length != k) {
        throw new IllegalStateException(
            "segmentSizes has "
                + segmentSizes.length
                + " entries but there are "
                + k
                + " centroids");
      }
      for (Seed s : seeds) {
        if (s.row.length != d) {
          throw new IllegalStateException(
              "a user's row has " + s.row.length + " features but centroids have " + d);
        }
        if (s.segment < -1 || s.segment >= k) {
          throw new IllegalStateException(
              "a user's segment (" + s.segment + ") is outside [-1, " + k + ")");
        }
      }
      if (config.badEventPolicy() == BadRecordPolicy.QUARANTINE && quarantine == null) {
        throw new IllegalStateException(
            "bad event policy QUARANTINE needs setQuarantine(...), e.g. Quarantine.inMemory()");
      }
      ProfileStore encoderStore = encoder instanceof ProfileEncoder pe ? pe.store() : null;
      if (store != null && encoderStore != null && store != encoderStore) {
        throw new IllegalStateException(
            "the ProfileEncoder folds into another store than setProfileStore's; give both the"
                + " same store, so that there is one profile store");
      }
      ProfileStore s = store != null ? store : encoderStore;
      boolean owns = false;
      if (s == null && restore != null && restore.ownStore != null) {
        try {
          s = ProfileStore.read(new DataInputStream(new ByteArrayInputStream(restore.ownStore)));
        } catch (IOException e) {
          throw new IllegalStateException("the snapshot's profile store is unreadable", e);
        }
        owns = true;
      } else if (s == null) {
        if (restore != null && !restore.users.isEmpty()) {
          throw new IllegalStateException(
              "the snapshot was taken with a shared profile store; restore that store and pass it"
                  + " with setProfileStore");
        }
        s = ProfileStore.create();
        owns = true;
      }
      return new FeedbackUpdater(this, s, owns);
    }

    private record Seed(String userId, float[] row, int segment) {}
  }
}
