package org.aidmp.feedback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.kernels.VectorKernels;
import org.aidmp.kernels.VectorKernelsProvider;
import org.aidmp.kmeans.Distance;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.profile.ProfileStore;
import org.ejml.data.FMatrixRMaj;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds live events into user profiles, feature rows, segments and recommendations while the host
 * keeps serving.
 *
 * <pre>{@code
 * try (FeedbackUpdater updater = FeedbackUpdater.newBuilder()
 *     .setConfig(FeedbackConfig.builder().setEventTypes(types).get())
 *     .setCentroids(kmeansModel.centroids())
 *     .setEncoder(FeatureEncoder.logCounts(means, stds))
 *     .setPopularity(popularityBySegment)
 *     .addListener(change -> audiences.move(change))
 *     .build()) {
 *   updater.accept(new FeedbackEvent("u42", now, "purchase"));   // from any thread
 *   Assignment a = updater.segmentOf("u42");
 *   Recommendations r = updater.recommendations("u42", 10);
 * }
 * }</pre>
 *
 * <p><b>Per event</b>: the event is checked (bad ones are counted and skipped or quarantined, or
 * thrown in strict mode, {@link BadRecordPolicy#FAIL}); the user's counters are updated; the {@link
 * FeatureEncoder} rewrites the user's row; the row is assigned to the nearest centroid; the row is
 * added to that centroid's pending drift; the user's recommendations are marked stale. A user
 * moving to another segment is queued for the listeners.
 *
 * <p><b>Threads.</b> {@code accept} is safe from any number of threads. Each user has a lock held
 * while their counters, row and segment change, so no update is lost and a user's events apply one
 * at a time. Centroids are an immutable model read without locking; drift is gathered under one
 * short lock and published as a new model version every {@link FeedbackConfig#driftBatch()} events,
 * so segment ids never change and every answer names the version that produced it. A read-write
 * gate lets {@link #snapshot()} take a consistent cut: events hold it shared; the snapshot holds it
 * alone while it copies. With one thread the final state depends only on the events and their
 * order.
 *
 * <p><b>Listeners</b> run on one thread the updater owns (made by the builder's thread factory);
 * intake only offers to a bounded queue and never waits. {@link #close()} delivers what is queued
 * and stops the thread.
 */
public final class FeedbackUpdater implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackUpdater.class);
  private static final String SOURCE = "live events";

  private final FeedbackConfig config;
  private final Map<String, Integer> typeIndex;
  private final int types;
  private final int k;
  private final int d;
  private final FeatureEncoder encoder;
  private final Recommender recommender;
  private final SegmentPopularity popularity;
  private final Quarantine quarantine;
  private final Clock clock;
  private final long maxSkewMillis;
  private final VectorKernels kernels;
  private final ConcurrentHashMap<String, User> users = new ConcurrentHashMap<>();

  /**
   * Shared by intake, exclusive for snapshots. A StampedLock rather than a ReentrantReadWriteLock:
   * its read lock is one CAS with no per-thread hold count, and nothing here re-enters it.
   */
  private final StampedLock gate = new StampedLock();

  private final ThreadLocal<Scratch> scratch;

  private volatile Model model;

  // Drift state, guarded by driftLock.
  private final ReentrantLock driftLock = new ReentrantLock();
  private final double[] weights;
  private final double[] pendingSum;
  private final long[] pendingCount;
  private int pendingEvents;
  private final double log2DecayPerEvent;

  private final LongAdder accepted = new LongAdder();
  private final LongAdder[] rejected = new LongAdder[BadEventReason.values().length];
  private final LongAdder quarantined = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder withoutConsent = new LongAdder();
  private final Predicate<String> consent;
  private final LongAdder segmentChanges = new LongAdder();
  private final LongAdder listenerDropped = new LongAdder();
  private final LongAdder listenerFailures = new LongAdder();

  private final List<SegmentChangeListener> listeners;
  private final BlockingQueue<SegmentChange> queue;
  private final Thread listenerThread;
  private volatile boolean closed;

  /** The thread inside {@link #withIntakePaused}, if any; only it can hold the gate then. */
  private volatile Thread pausedBy;

  private FeedbackUpdater(Builder b) {
    this.config = b.config;
    this.types = config.eventTypes().size();
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < types; i++) {
      idx.put(config.eventTypes().get(i), i);
    }
    this.typeIndex = Map.copyOf(idx);
    this.encoder = b.encoder;
    this.recommender = b.recommender;
    this.popularity = b.popularity;
    this.quarantine = b.quarantine;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.consent = b.consent == null ? id -> true : b.consent;
    this.maxSkewMillis = config.maxFutureSkew().toMillis();
    this.kernels = b.kernels == null ? VectorKernelsProvider.get() : b.kernels;
    FeedbackSnapshot snap = b.restore;
    if (snap != null) {
      this.k = snap.k;
      this.d = snap.d;
      this.model = new Model(snap.modelVersion, snap.centroids.clone(), k, d, kernels);
      this.weights = snap.weights.clone();
      this.pendingSum = snap.pendingSum.clone();
      this.pendingCount = snap.pendingCount.clone();
      this.pendingEvents = snap.pendingEvents;
    } else {
      FMatrixRMaj c = b.centroids;
      this.k = c.numRows;
      this.d = c.numCols;
      this.model = new Model(b.modelVersion, java.util.Arrays.copyOf(c.data, k * d), k, d, kernels);
      this.weights = initialWeights(b.segmentSizes, k, config.halfLife());
      this.pendingSum = new double[k * d];
      this.pendingCount = new long[k];
    }
    this.log2DecayPerEvent = -1.0 / config.halfLife();
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = new LongAdder();
    }
    if (snap != null) {
      accepted.add(snap.accepted);
      for (int i = 0; i < rejected.length; i++) {
        rejected[i].add(snap.rejected[i]);
      }
      quarantined.add(snap.quarantined);
      skipped.add(snap.skipped);
      segmentChanges.add(snap.segmentChanges);
      for (LiveUser u : snap.users) {
        users.put(u.userId(), new User(u, types));
      }
    }
    for (Builder.Seed s : b.seeds) {
      User u = new User(s.userId, types, d);
      u.visible = true;
      System.arraycopy(s.row, 0, u.row, 0, d);
      u.segment = s.segment;
      u.modelVersion = s.segment < 0 ? -1 : model.version;
      u.squaredDistance =
          s.segment < 0
              ? Double.NaN
              : kernels.squaredDistance(u.row, 0, model.centroids, s.segment * d, d);
      users.put(s.userId, u);
    }
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(d));
    this.listeners = List.copyOf(b.listeners);
    if (listeners.isEmpty()) {
      this.queue = null;
      this.listenerThread = null;
    } else {
      this.queue = new ArrayBlockingQueue<>(config.listenerQueueCapacity());
      ThreadFactory tf =
          b.threadFactory != null
              ? b.threadFactory
              : r -> {
                Thread t = new Thread(r, "dmp-feedback-listeners");
                t.setDaemon(true);
                return t;
              };
      this.listenerThread = tf.newThread(this::deliverLoop);
      listenerThread.start();
    }
  }

  /**
   * Training data counts as one half-life's worth of the decayed weight a segment reaches in a
   * steady stream (about halfLife / ln 2 events over all segments), spread by segment size; so a
   * model trained on millions of rows still follows live events, and one trained on few rows is not
   * thrown around by the first ones.
   */
  private static double[] initialWeights(long[] sizes, int k, long halfLife) {
    double total = halfLife / Math.log(2);
    double[] w = new double[k];
    long n = 0;
    if (sizes != null) {
      for (long s : sizes) {
        n += s;
      }
    }
    for (int j = 0; j < k; j++) {
      w[j] = n > 0 ? total * sizes[j] / n : total / k;
    }
    return w;
  }

  /** A builder for an updater; each option may be set once. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The settings. */
  public FeedbackConfig config() {
    return config;
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
  public long modelVersion() {
    return model.version;
  }

  /** The current centroids, k × d, with their version. */
  public FMatrixRMaj centroids() {
    Model m = model;
    return new FMatrixRMaj(k, d, true, m.centroids.clone());
  }

  /**
   * Folds one event in.
   *
   * @return true if accepted, false if it was bad and skipped or quarantined
   * @throws BadRecordException for a bad event in strict mode ({@link BadRecordPolicy#FAIL})
   * @throws IllegalStateException after {@link #close()}
   */
  public boolean accept(FeedbackEvent event) {
    if (closed) {
      throw new IllegalStateException("the feedback updater is closed");
    }
    BadEventReason bad = check(event);
    if (bad != null) {
      return reject(event, bad);
    }
    if (!consent.test(event.userId())) {
      // Counted, never kept: not in a profile, a segment or the quarantine.
      withoutConsent.increment();
      return false;
    }
    // check() proved the type is known; one more map lookup is cheaper than a holder object.
    int t = typeIndex.get(event.type());
    Scratch s = scratch.get();
    SegmentChange change = null;
    long stamp = gate.readLock();
    try {
      int seg = -1;
      while (true) {
        User u = users.get(event.userId());
        if (u == null) {
          u = users.computeIfAbsent(event.userId(), id -> newUser(id));
        }
        synchronized (u) {
          if (u.erased) {
            // Erased between lookup and lock: look again, which makes a fresh user.
            continue;
          }
          // A user made by computeIfAbsent is in the map before this lock is taken; readers
          // treat them as absent until their first event is in, so none sees a user with none.
          u.visible = true;
          u.fold(event, t);
          System.arraycopy(u.row, 0, s.row, 0, d);
          try {
            encoder.encode(event, t, u, s.row);
          } catch (RuntimeException ex) {
            // The host's request path gets no exception it did not ask for (strict mode
            // rethrows below as a BadRecordException); the message may hold values: debug only.
            LOG.debug("feature encoder failed", ex);
            bad = BadEventReason.ENCODING_FAILED;
          }
          if (bad != null) {
            // Row and segment stay as they were.
          } else if (!finite(s.row, d)) {
            bad = BadEventReason.NON_FINITE_FEATURE;
          } else {
            Model m = model;
            seg = nearest(m, s);
            System.arraycopy(s.row, 0, u.row, 0, d);
            int from = u.segment;
            u.segment = seg;
            u.squaredDistance = s.bestDistance;
            u.modelVersion = m.version;
            u.recsStale = true;
            if (from != seg) {
              change = new SegmentChange(u.userId, from, seg, m.version, event.timestamp());
            }
          }
          break;
        }
      }
      if (bad == null) {
        accepted.increment();
        if (config.drift() == CentroidDrift.DECAYED_MEAN) {
          drift(seg, s.row);
        }
      }
    } finally {
      gate.unlockRead(stamp);
    }
    if (bad != null) {
      return reject(event, bad);
    }
    if (change != null) {
      segmentChanges.increment();
      if (queue != null && !queue.offer(change)) {
        listenerDropped.increment();
      }
    }
    return true;
  }

  /**
   * Folds events in, in order.
   *
   * @return how many were accepted
   * @throws BadRecordException in strict mode at the first bad event; earlier ones stay applied
   */
  public long acceptAll(Iterable<FeedbackEvent> events) {
    long n = 0;
    for (FeedbackEvent e : events) {
      if (accept(e)) {
        n++;
      }
    }
    return n;
  }

  private User newUser(String id) {
    User u = new User(id, types, d);
    encoder.newUser(id, u.row);
    return u;
  }

  private BadEventReason check(FeedbackEvent e) {
    if (e == null) {
      return BadEventReason.NULL_EVENT;
    }
    if (e.userId() == null || e.userId().isBlank()) {
      return BadEventReason.MISSING_USER_ID;
    }
    if (e.type() == null || !typeIndex.containsKey(e.type())) {
      return BadEventReason.UNKNOWN_TYPE;
    }
    if (e.timestamp() < 0) {
      return BadEventReason.BEFORE_EPOCH;
    }
    // Overflow-safe: compare the difference, not now + skew.
    if (e.timestamp() - clock.millis() > maxSkewMillis) {
      return BadEventReason.FUTURE_TIMESTAMP;
    }
    if (Double.isInfinite(e.value())) {
      return BadEventReason.NON_FINITE_VALUE;
    }
    return null;
  }

  private boolean reject(FeedbackEvent e, BadEventReason reason) {
    rejected[reason.ordinal()].increment();
    switch (config.badEventPolicy()) {
      case FAIL -> throw new BadRecordException(SOURCE, 0, reason.column(), reason.message());
      case SKIP -> skipped.increment();
      case QUARANTINE -> {
        quarantined.increment();
        quarantine.accept(
            new QuarantinedRecord(
                SOURCE,
                0,
                reason.column(),
                "feedback." + reason.name(),
                reason.message(),
                fields(e)));
      }
      default -> throw new AssertionError(config.badEventPolicy());
    }
    return false;
  }

  private static List<String> fields(FeedbackEvent e) {
    if (e == null) {
      return List.of();
    }
    List<String> f = new ArrayList<>(6);
    f.add(e.userId());
    f.add(Long.toString(e.timestamp()));
    f.add(e.type());
    f.add(e.itemId());
    f.add(e.category());
    f.add(Double.toString(e.value()));
    return f;
  }

  private static boolean finite(float[] row, int d) {
    float sum = 0;
    for (int i = 0; i < d; i++) {
      // x * 0 is NaN exactly when x is NaN or infinite; one branch at the end instead of d.
      sum += row[i] * 0f;
    }
    return sum == 0f;
  }

  /**
   * The nearest centroid by the fused K-Means assignment kernel (SIMD where available, the same
   * labels and distances bit for bit either way); ties go to the lower id. Leaves the winner's
   * squared distance in {@code s.bestDistance}.
   */
  private int nearest(Model m, Scratch s) {
    kernels.nearestCentroids(
        s.row, 0, 1, d, m.transposed, m.kStride, m.norms, k, s.label, 0, s.dist, 0);
    s.bestDistance = s.dist[0];
    return s.label[0];
  }

  private void drift(int seg, float[] row) {
    driftLock.lock();
    try {
      int off = seg * d;
      for (int i = 0; i < d; i++) {
        pendingSum[off + i] += row[i];
      }
      pendingCount[seg]++;
      if (++pendingEvents >= config.driftBatch()) {
        publish();
      }
    } finally {
      driftLock.unlock();
    }
  }

  /** Folds the pending drift into new centroids; called with driftLock held. */
  private void publish() {
    Model m = model;
    double decay = Math.pow(2, log2DecayPerEvent * pendingEvents);
    float[] c = m.centroids.clone();
    for (int j = 0; j < k; j++) {
      double old = weights[j] * decay;
      double w = old + pendingCount[j];
      int off = j * d;
      if (pendingCount[j] > 0) {
        for (int i = 0; i < d; i++) {
          c[off + i] = (float) ((old * m.centroids[off + i] + pendingSum[off + i]) / w);
          pendingSum[off + i] = 0;
        }
      }
      weights[j] = w;
      pendingCount[j] = 0;
    }
    pendingEvents = 0;
    model = new Model(m.version + 1, c, k, d, kernels);
  }

  /**
   * Publishes the drift gathered so far as a new model version now, without waiting for a full
   * batch; does nothing when there is none.
   *
   * @return the model version after the call
   */
  public long publishDrift() {
    long stamp = gate.readLock();
    driftLock.lock();
    try {
      if (pendingEvents > 0) {
        publish();
      }
      return model.version;
    } finally {
      driftLock.unlock();
      gate.unlockRead(stamp);
    }
  }

  /** The user's segment and the model version that assigned it; segment −1 for unknown users. */
  public Assignment segmentOf(String userId) {
    User u = users.get(Objects.requireNonNull(userId, "userId"));
    if (u == null) {
      return new Assignment(userId, -1, Double.NaN, -1);
    }
    synchronized (u) {
      if (!u.visible) {
        return new Assignment(userId, -1, Double.NaN, -1);
      }
      return new Assignment(userId, u.segment, u.squaredDistance, u.modelVersion);
    }
  }

  /** A copy of the user's live state, or null for a user never seen. */
  public LiveUser profile(String userId) {
    User u = users.get(Objects.requireNonNull(userId, "userId"));
    if (u == null) {
      return null;
    }
    synchronized (u) {
      return u.visible ? u.copy() : null;
    }
  }

  /** Whether the user's cached recommendations are stale (or were never computed). */
  public boolean recommendationsStale(String userId) {
    User u = users.get(Objects.requireNonNull(userId, "userId"));
    if (u == null) {
      return true;
    }
    synchronized (u) {
      return !u.visible || u.recsStale || u.recs == null;
    }
  }

  /**
   * The user's recommendations: cached ones when no event arrived since they were computed,
   * otherwise recomputed now by the {@link Recommender}; users it cannot serve (and users never
   * seen) get their segment's popular items (segment −1 for users never seen). The recommender runs
   * outside the user's lock, so intake for that user goes on meanwhile; the result is cached only
   * if no event arrived in between.
   *
   * @param n how many items, at least 1
   */
  public Recommendations recommendations(String userId, int n) {
    Objects.requireNonNull(userId, "userId");
    if (n < 1) {
      throw new IllegalArgumentException("n (" + n + ") must be at least 1");
    }
    User u = users.get(userId);
    boolean absent = u == null;
    if (!absent) {
      synchronized (u) {
        absent = !u.visible;
      }
    }
    if (absent) {
      List<String> items = popularity == null ? List.of() : popularity.top(-1, n);
      return new Recommendations(userId, -1, items, true, model.version, 0);
    }
    int seg;
    long mv;
    long ver;
    synchronized (u) {
      if (!u.recsStale && u.recs != null && u.recsAsked >= n) {
        Recommendations r = u.recs;
        return r.items().size() <= n
            ? r
            : new Recommendations(
                userId,
                r.segment(),
                r.items().subList(0, n),
                r.coldStart(),
                r.modelVersion(),
                r.userVersion());
      }
      seg = u.segment;
      mv = u.modelVersion;
      ver = u.events;
    }
    List<String> items = recommender == null ? List.of() : recommender.recommend(userId, seg, n);
    boolean cold = items == null || items.isEmpty();
    if (cold) {
      items = popularity == null ? List.of() : popularity.top(seg, n);
    }
    Recommendations r = new Recommendations(userId, seg, items, cold, mv, ver);
    synchronized (u) {
      if (u.events == ver) {
        u.recs = r;
        u.recsAsked = n;
        u.recsStale = false;
      }
    }
    return r;
  }

  /**
   * Removes every trace of a user from the live state (privacy erasure). Counters of past events
   * and the centroids, which hold no per-user data, are kept.
   *
   * @return true if the user was present
   */
  public boolean erase(String userId) {
    Objects.requireNonNull(userId, "userId");
    long stamp = gate.readLock();
    try {
      User u = users.remove(userId);
      if (u == null) {
        return false;
      }
      synchronized (u) {
        // An accept that looked the user up before the removal sees this and starts over.
        u.erased = true;
        boolean was = u.visible;
        u.visible = false;
        return was;
      }
    } finally {
      gate.unlockRead(stamp);
    }
  }

  /** Users with live state. */
  public int size() {
    return users.size();
  }

  /** The counters; each is exact, though the set is not one atomic cut while intake runs. */
  public FeedbackStats stats() {
    Map<BadEventReason, Long> r = new EnumMap<>(BadEventReason.class);
    for (BadEventReason reason : BadEventReason.values()) {
      r.put(reason, rejected[reason.ordinal()].sum());
    }
    return new FeedbackStats(
        accepted.sum(),
        r,
        quarantined.sum(),
        skipped.sum(),
        withoutConsent.sum(),
        segmentChanges.sum(),
        listenerDropped.sum(),
        listenerFailures.sum(),
        model.version,
        users.size());
  }

  /**
   * A consistent cut of the live state. Intake waits while it is copied (linear in users); reads
   * ({@link #segmentOf}, {@link #profile}, {@link #recommendations}) do not.
   */
  public FeedbackSnapshot snapshot() {
    // Inside withIntakePaused on this thread the gate is already held exclusively.
    boolean held = pausedBy == Thread.currentThread();
    long stamp = held ? 0 : gate.writeLock();
    try {
      List<String> ids = new ArrayList<>(users.keySet());
      ids.sort(null);
      List<LiveUser> copies = new ArrayList<>(ids.size());
      for (String id : ids) {
        User u = users.get(id);
        synchronized (u) {
          // Belt and braces: the write gate excludes intake, so no half-made user exists here.
          if (u.visible) {
            copies.add(u.copy());
          }
        }
      }
      long[] rej = new long[rejected.length];
      for (int i = 0; i < rej.length; i++) {
        rej[i] = rejected[i].sum();
      }
      Model m = model;
      driftLock.lock();
      try {
        return new FeedbackSnapshot(
            config.eventTypes(),
            m.version,
            k,
            d,
            m.centroids.clone(),
            weights.clone(),
            pendingSum.clone(),
            pendingCount.clone(),
            pendingEvents,
            accepted.sum(),
            rej,
            quarantined.sum(),
            skipped.sum(),
            segmentChanges.sum(),
            copies);
      } finally {
        driftLock.unlock();
      }
    } finally {
      if (!held) {
        gate.unlockWrite(stamp);
      }
    }
  }

  /**
   * Runs {@code action} while intake is paused, so that state kept outside the updater (the {@link
   * ProfileStore} behind a {@link ProfileEncoder}, a campaign snapshot) can be saved at the same
   * cut as {@link #snapshot()}: call {@code snapshot()} and write the store inside it. Reads go on
   * meanwhile. Do not call {@code accept}, {@code erase}, {@code publishDrift} or {@code
   * withIntakePaused} from the action: they would wait forever.
   *
   * <pre>{@code
   * updater.withIntakePaused(() -> {
   *   FeedbackSnapshot live = updater.snapshot();   // allowed inside the action
   *   store.write(out);
   *   return live;
   * });
   * }</pre>
   */
  public <T> T withIntakePaused(java.util.function.Supplier<T> action) {
    Objects.requireNonNull(action, "action");
    long stamp = gate.writeLock();
    Thread previous = pausedBy;
    pausedBy = Thread.currentThread();
    try {
      return action.get();
    } finally {
      pausedBy = previous;
      gate.unlockWrite(stamp);
    }
  }

  private void deliverLoop() {
    while (true) {
      SegmentChange c;
      try {
        c = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (c == null) {
        if (closed) {
          return;
        }
        continue;
      }
      for (SegmentChangeListener l : listeners) {
        try {
          l.onSegmentChange(c);
        } catch (RuntimeException e) {
          listenerFailures.increment();
          LOG.warn("segment change listener {} failed; delivery goes on", l.getClass(), e);
        }
      }
    }
  }

  /**
   * Stops intake, delivers the segment changes already queued and stops the listener thread
   * (waiting up to 10 seconds for it). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    // Wait for events in flight, so every change they queue is delivered below.
    gate.unlockWrite(gate.writeLock());
    if (listenerThread != null) {
      try {
        listenerThread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (listenerThread.isAlive()) {
        LOG.warn("segment change listeners still busy after 10 s; interrupting them");
        listenerThread.interrupt();
      }
    }
  }

  /**
   * Immutable centroids, row-major and in the transposed, padded layout the assignment kernel
   * reads, with their squared norms (+∞ in padding lanes so they never win).
   */
  private static final class Model {
    final long version;
    final float[] centroids;
    final int kStride;
    final float[] transposed;
    final float[] norms;

    Model(long version, float[] centroids, int k, int d, VectorKernels kern) {
      this.version = version;
      this.centroids = centroids;
      int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
      this.kStride = (k + m - 1) / m * m;
      this.transposed = new float[d * kStride];
      this.norms = new float[kStride];
      java.util.Arrays.fill(norms, k, kStride, Float.POSITIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        norms[j] = kern.squaredNorm(centroids, j * d, d);
        for (int i = 0; i < d; i++) {
          transposed[i * kStride + j] = centroids[j * d + i];
        }
      }
    }
  }

  /** Per-thread buffers, so an event allocates nothing on the hot path. */
  private static final class Scratch {
    final float[] row;
    final int[] label = new int[1];
    final float[] dist = new float[1];
    double bestDistance;

    Scratch(int d) {
      this.row = new float[d];
    }
  }

  /** One user's live state; every field is guarded by the object's monitor. */
  private static final class User implements LiveProfile {
    final String userId;
    final long[] counts;
    final float[] row;
    long events;
    double valueSum;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    int segment = -1;
    double squaredDistance = Double.NaN;
    long modelVersion = -1;
    boolean recsStale = true;

    /** False for a user created by an event that has not been folded in yet. */
    boolean visible;

    /** Removed by {@link FeedbackUpdater#erase}; intake that still holds it starts over. */
    boolean erased;

    Recommendations recs;
    int recsAsked;

    User(String userId, int types, int d) {
      this.userId = userId;
      this.counts = new long[types];
      this.row = new float[d];
    }

    User(LiveUser u, int types) {
      this.userId = u.userId();
      this.counts = u.counts();
      this.row = u.row();
      this.events = u.events();
      this.valueSum = u.valueSum();
      this.firstSeen = u.firstSeen();
      this.lastSeen = u.lastSeen();
      this.segment = u.segment();
      this.squaredDistance = u.squaredDistance();
      this.modelVersion = u.modelVersion();
      this.visible = true;
    }

    void fold(FeedbackEvent e, int t) {
      counts[t]++;
      events++;
      if (!Double.isNaN(e.value())) {
        valueSum += e.value();
      }
      firstSeen = Math.min(firstSeen, e.timestamp());
      lastSeen = Math.max(lastSeen, e.timestamp());
    }

    LiveUser copy() {
      return new LiveUser(
          userId,
          counts,
          events,
          valueSum,
          firstSeen,
          lastSeen,
          row,
          segment,
          squaredDistance,
          modelVersion);
    }

    @Override
    public String userId() {
      return userId;
    }

    @Override
    public long count(int typeIndex) {
      return counts[typeIndex];
    }

    @Override
    public long events() {
      return events;
    }

    @Override
    public double valueSum() {
      return valueSum;
    }

    @Override
    public long firstSeen() {
      return firstSeen;
    }

    @Override
    public long lastSeen() {
      return lastSeen;
    }
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

    /** Personal recommendations; without one every user gets segment popularity. */
    public Builder setRecommender(Recommender recommender) {
      once(this.recommender, "recommender");
      this.recommender = Objects.requireNonNull(recommender, "recommender");
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
     * recommendation and are not quarantined, since keeping them would keep their data. Called once
     * per event from the intake thread, so it must be fast and thread-safe. Everyone by default.
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

    /** The kernels for distances; the JVM's best by default. For tests and benchmarks. */
    public Builder setKernels(VectorKernels kernels) {
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
      return new FeedbackUpdater(this);
    }

    private record Seed(String userId, float[] row, int segment) {}
  }
}
