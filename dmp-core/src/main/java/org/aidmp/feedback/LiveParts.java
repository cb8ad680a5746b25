package org.aidmp.feedback;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.stage.ScoreModel;
import org.ejml.data.FMatrixRMaj;

/**
 * The parts of a {@link FeedbackUpdater}, checked and wired from its builder's options: the one
 * profile store (the builder's, the {@link ProfileEncoder}'s, the snapshot's or a private one), the
 * live table, the drifting centroids, listener dispatch, counters, the recommendation cache, intake
 * and erasure; then the users known from training or from the snapshot are put in.
 */
final class LiveParts {
  final FeedbackConfig config;
  final int[] storeTypeIds;
  final ProfileStore store;
  final LiveStore hooks;
  final boolean ownsStore;
  final LiveTable live;
  final DriftingCentroids centroids;
  final ListenerDispatch dispatch;
  final FeedbackCounters counters = new FeedbackCounters();
  final RecommendationCache recs;
  final Intake intake;
  final boolean drift;
  final LiveErasure erasure;
  final int k;
  final int d;
  final ScoreModel scoreModel;
  final LiveReads reads;

  /**
   * Checks that the builder's options fit together, resolves the profile store and wires the parts.
   *
   * @throws IllegalStateException naming the option that does not fit and the fix
   */
  static LiveParts assemble(FeedbackUpdater.Builder b) {
    if (b.config == null) {
      throw new IllegalStateException("no config; call setConfig(FeedbackConfig...get())");
    }
    if (b.encoder == null) {
      throw new IllegalStateException(
          "no encoder; call setEncoder with the feature transform the centroids came from");
    }
    if ((b.centroids == null) == (b.restore == null)) {
      throw new IllegalStateException(
          "give exactly one of setCentroids (a fresh start) and restore (a snapshot)");
    }
    if (b.restore != null) {
      if (!b.restore.eventTypes.equals(b.config.eventTypes())) {
        throw new IllegalStateException(
            "the snapshot's event types "
                + b.restore.eventTypes
                + " differ from the config's "
                + b.config.eventTypes()
                + "; restore with the config it was taken under");
      }
      if (!b.seeds.list.isEmpty() || b.segmentSizes != null || b.modelVersion != null) {
        throw new IllegalStateException(
            "addUser, setSegmentSizes and setModelVersion do not apply to a restore");
      }
    }
    int k = b.centroids != null ? b.centroids.numRows : b.restore.k;
    int d = b.centroids != null ? b.centroids.numCols : b.restore.d;
    if (b.scoreModel != null && b.scoreModel.dimensions() != d) {
      throw new IllegalStateException(
          "the score model takes "
              + b.scoreModel.dimensions()
              + " features but live rows have "
              + d
              + "; fit it on rows made by the same encoder");
    }
    if (b.segmentSizes != null && b.segmentSizes.length != k) {
      throw new IllegalStateException(
          "segmentSizes has "
              + b.segmentSizes.length
              + " entries but there are "
              + k
              + " centroids");
    }
    for (Seed s : b.seeds.list) {
      if (s.row.length != d) {
        throw new IllegalStateException(
            "a user's row has " + s.row.length + " features but centroids have " + d);
      }
      if (s.segment < -1 || s.segment >= k) {
        throw new IllegalStateException(
            "a user's segment (" + s.segment + ") is outside [-1, " + k + ")");
      }
    }
    if (b.config.badEventPolicy() == BadRecordPolicy.QUARANTINE && b.quarantine == null) {
      throw new IllegalStateException(
          "bad event policy QUARANTINE needs setQuarantine(...), e.g. Quarantine.inMemory()");
    }
    ProfileStore encoderStore = b.encoder instanceof ProfileEncoder pe ? pe.store() : null;
    if (b.store != null && encoderStore != null && b.store != encoderStore) {
      throw new IllegalStateException(
          "the ofProfiles encoder folds into another store than setProfileStore's; give both the"
              + " same store, so that there is one profile store");
    }
    ProfileStore s = b.store != null ? b.store : encoderStore;
    boolean owns = false;
    if (s == null && b.restore != null && b.restore.ownStore != null) {
      try {
        s = ProfileStore.read(new DataInputStream(new ByteArrayInputStream(b.restore.ownStore)));
      } catch (IOException e) {
        throw new IllegalStateException("the snapshot's profile store is unreadable", e);
      }
      owns = true;
    } else if (s == null) {
      if (b.restore != null && !b.restore.users.isEmpty()) {
        throw new IllegalStateException(
            "the snapshot was taken with a shared profile store; restore that store and pass it"
                + " with setProfileStore");
      }
      s = ProfileStore.create();
      owns = true;
    }
    return new LiveParts(b, s, owns);
  }

  private LiveParts(FeedbackUpdater.Builder b, ProfileStore store, boolean ownsStore) {
    this.config = b.config;
    this.store = store;
    this.hooks = LiveStore.of(store);
    this.ownsStore = ownsStore;
    this.drift = config.drift();
    List<String> types = config.eventTypes();
    Map<String, Integer> typeIndex = new HashMap<>();
    this.storeTypeIds = new int[types.size()];
    for (int i = 0; i < types.size(); i++) {
      typeIndex.put(types.get(i), i);
      storeTypeIds[i] = hooks.typeId(types.get(i));
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
              b.modelVersion == null ? 1 : b.modelVersion,
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
            b.segmentSlots == null ? 0 : b.segmentSlots,
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
    this.reads = new LiveReads(store, live, storeTypeIds, d);
    this.erasure = new LiveErasure(store, live, centroids, dispatch, recs, counters, drift);
    if (snap != null) {
      centroids.restorePending(snap.pendingSum, snap.pendingCount, snap.pendingEvents);
      counters.restore(snap);
      for (LiveUser u : snap.users) {
        seed(u.userId(), u.row(), u.segment(), u.squaredDistance(), u.modelVersion());
      }
    }
    for (Seed s : b.seeds.list) {
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
    hooks.ensure(userId);
    hooks.read(
        userId,
        view -> {
          int slot = view.slot();
          LiveTable.Page p = live.page(slot);
          if (!live.present(slot)) {
            counters.liveUsers.increment();
          }
          System.arraycopy(row, 0, p.rows, live.rowOffset(slot), d);
          LiveTable.assign(p, slot, segment, dist, version);
          return null;
        });
  }

  /**
   * The score model.
   *
   * @throws IllegalStateException if none was set
   */
  ScoreModel scoreModel() {
    if (scoreModel == null) {
      throw new IllegalStateException(
          "no score model; set one with setScoreModel when building the updater");
    }
    return scoreModel;
  }

  /** Stops intake, waits for the events in flight, then delivers what they queued. */
  void close() {
    intake.closed = true;
    centroids.lockAll();
    centroids.unlockAll();
    dispatch.close();
  }

  /** A user known from training, with their row and segment (−1 for none). */
  record Seed(String userId, float[] row, int segment) {}

  /** The users known from training, in the order they were added; each id once. */
  static final class Seeds {
    final List<Seed> list = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    void add(String userId, float[] row, int segment) {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(row, "row");
      if (!ids.add(userId)) {
        throw new IllegalArgumentException("a user was added twice; user ids must be distinct");
      }
      list.add(new Seed(userId, row.clone(), segment));
    }
  }
}
