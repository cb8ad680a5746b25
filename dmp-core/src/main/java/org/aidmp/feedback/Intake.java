package org.aidmp.feedback;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import org.aidmp.data.Quarantine;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.profile.live.ProfileView;
import org.aidmp.profile.live.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot path of {@link FeedbackUpdater#accept}: checks an event, and folds it into the profile
 * store while, under the same user lock, the user's live row, segment and the drift are updated.
 * The row is computed before anything changes, so an event the encoder rejects leaves no trace.
 */
final class Intake {
  private static final Logger LOG = LoggerFactory.getLogger(Intake.class);

  private final Map<String, Integer> typeIndex;
  private final int[] storeTypeIds;
  private final FeatureEncoder encoder;
  private final ProfileStore store;
  private final LiveStore hooks;
  private final LiveTable live;
  private final DriftingCentroids centroids;
  private final ListenerDispatch dispatch;
  private final FeedbackCounters counters;
  private final BadEvents badEvents;
  private final ReadAhead readAhead;
  private final VectorKernels kernels;
  private final Predicate<String> consent;
  private final boolean drift;
  private final int driftBatch;
  private final int d;

  /**
   * Per-thread buffers, held weakly: a Scratch reaches this intake and so its own ThreadLocal, and
   * a strong value would keep every updater ever used on a long-lived thread alive (a thread-local
   * map clears an entry only once nothing else reaches its key). A collected Scratch is remade on
   * the next event.
   */
  private final ThreadLocal<WeakReference<Scratch>> scratch = new ThreadLocal<>();

  /**
   * Each thread's stripe, kept apart from its buffers: a thread whose buffers were collected gets
   * new ones on the same stripe, so its drift batches, and with them the model versions, do not
   * depend on when the collector ran.
   */
  private final ThreadLocal<IntakeStripe> stripeOfThread = new ThreadLocal<>();

  /** The racy test variant: intake skips its stripe lock (see the builder's switch). */
  private final boolean racy;

  volatile boolean closed;

  Intake(
      FeedbackConfig config,
      Map<String, Integer> typeIndex,
      int[] storeTypeIds,
      FeatureEncoder encoder,
      ProfileStore store,
      LiveTable live,
      DriftingCentroids centroids,
      ListenerDispatch dispatch,
      FeedbackCounters counters,
      Quarantine quarantine,
      Clock clock,
      VectorKernels kernels,
      Predicate<String> consent,
      boolean racy) {
    this.typeIndex = typeIndex;
    this.storeTypeIds = storeTypeIds;
    this.encoder = encoder;
    this.store = store;
    this.hooks = LiveStore.of(store);
    this.live = live;
    this.centroids = centroids;
    this.dispatch = dispatch;
    this.counters = counters;
    this.badEvents = new BadEvents(config, counters, quarantine, clock);
    this.readAhead = new ReadAhead(hooks, live, centroids.d);
    this.kernels = kernels;
    this.consent = consent;
    this.drift = config.drift();
    this.driftBatch = config.driftBatch();
    this.d = centroids.d;
    this.racy = racy;
  }

  private Scratch scratch() {
    WeakReference<Scratch> ref = scratch.get();
    Scratch s = ref == null ? null : ref.get();
    if (s == null) {
      IntakeStripe stripe = stripeOfThread.get();
      if (stripe == null) {
        stripe = centroids.assignStripe();
        stripeOfThread.set(stripe);
      }
      s = new Scratch(stripe);
      scratch.set(new WeakReference<>(s));
    }
    return s;
  }

  /** Accepts events in order, reading each group's users ahead; returns how many were accepted. */
  long acceptAll(Iterable<Event> events) {
    return readAhead.acceptAll(this, events);
  }

  /**
   * Reads the state that accepting {@code events} will touch; see {@link
   * FeedbackUpdater#readAhead}.
   */
  void readAhead(Iterable<Event> events) {
    keep(readAhead.warmAll(events));
  }

  /** Keeps a read-ahead's result in the calling thread's buffers, so the JIT keeps its loads. */
  void keep(long seen) {
    // The thread's own buffers: a shared field would bounce between intake threads.
    scratch().warmth = seen;
  }

  boolean accept(Event event) {
    if (closed) {
      throw new IllegalStateException("the feedback updater is closed");
    }
    // One lookup serves the check and the fold.
    Integer type = event == null ? null : typeIndex.get(event.type());
    BadEventReason bad = badEvents.check(event, type);
    if (bad != BadEventReason.NULL_EVENT
        && bad != BadEventReason.MISSING_USER_ID
        && !consent.test(event.userId())) {
      // Counted, never kept: not in a profile, a segment or the quarantine, bad or not.
      counters.withoutConsent.increment();
      return false;
    }
    if (bad != null) {
      return badEvents.reject(event, bad);
    }
    Scratch s = scratch();
    IntakeStripe stripe = s.stripe;
    s.event = event;
    s.type = type;
    s.bad = null;
    boolean full;
    if (!racy) {
      stripe.lock.lock();
    }
    try {
      // Checked inside the gate: close() takes every stripe's lock after setting the flag, so an
      // event either finishes before close() returns or is refused here.
      if (closed) {
        throw new IllegalStateException("the feedback updater is closed");
      }
      Refusal r = hooks.offer(event, storeTypeIds[s.type], s, s.view);
      if (r != null) {
        bad = r == Refusal.REFUSED_BY_ADMISSION ? s.bad : BadEvents.reason(r);
      }
      full = drift && stripe.pendingEvents >= driftBatch;
    } finally {
      s.event = null;
      if (!racy) {
        stripe.lock.unlock();
      }
    }
    if (bad != null) {
      return badEvents.reject(event, bad);
    }
    if (full) {
      centroids.publishFull(stripe, driftBatch);
    }
    return true;
  }

  static boolean finite(float[] row, int d) {
    // x * 0 is NaN exactly when x is NaN or infinite; one branch at the end instead of d. Four
    // sums, because one would be a chain of d dependent additions on every event.
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 4 <= d; i += 4) {
      s0 += row[i] * 0f;
      s1 += row[i + 1] * 0f;
      s2 += row[i + 2] * 0f;
      s3 += row[i + 3] * 0f;
    }
    for (; i < d; i++) {
      s0 += row[i] * 0f;
    }
    return (s0 + s1) + (s2 + s3) == 0f;
  }

  /**
   * Per-thread buffers and the admission for the store: an event allocates nothing on the hot path
   * beyond the store's own view object.
   */
  private final class Scratch implements Predicate<ProfileView>, LiveProfile {
    final IntakeStripe stripe;
    final float[] row = new float[d];
    final int[] label = new int[1];
    final float[] dist = new float[1];
    final ProfileView view = hooks.newView();
    Event event;
    int type;
    BadEventReason bad;
    ProfileView pending;

    /** Where {@link #keep} leaves a read-ahead's result. */
    long warmth;

    Scratch(IntakeStripe stripe) {
      this.stripe = stripe;
    }

    @Override
    public boolean test(ProfileView p) {
      int slot = p.slot();
      LiveTable.Page page = live.page(slot);
      int off = live.rowOffset(slot);
      boolean present = page.meta[(slot & LiveTable.MASK) * LiveTable.META] != LiveTable.ABSENT;
      if (present) {
        System.arraycopy(page.rows, off, row, 0, d);
      } else {
        Arrays.fill(row, 0f);
        encoder.newUser(p.userId(), row);
      }
      pending = p;
      try {
        encoder.encode(event, type, this, row);
      } catch (RuntimeException ex) {
        // The host's request path gets no exception it did not ask for (strict mode rethrows as
        // a {@code BadRecordException}); the message may hold values: debug only.
        LOG.debug("feature encoder failed", ex);
        bad = BadEventReason.ENCODING_FAILED;
        return false;
      } finally {
        pending = null;
      }
      if (!finite(row, d)) {
        bad = BadEventReason.NON_FINITE_FEATURE;
        return false;
      }
      DriftingCentroids.Model m = centroids.model();
      kernels.nearestCentroids(
          row, 0, 1, d, m.transposed, m.kStride, m.norms, m.k, label, 0, dist, 0);
      int seg = label[0];
      System.arraycopy(row, 0, page.rows, off, d);
      int from = present ? LiveTable.segment(page, slot) : -1;
      LiveTable.assign(page, slot, seg, dist[0], m.version);
      if (!present) {
        counters.liveUsers.increment();
      }
      if (drift) {
        stripe.add(seg, row, d, kernels);
      }
      stripe.accepted++;
      if (from != seg) {
        stripe.segmentChanges++;
        if (dispatch.hasListeners()) {
          dispatch.offer(new SegmentChange(p.userId(), from, seg, m.version, event.timestamp()));
        }
      }
      return true;
    }

    @Override
    public String userId() {
      return pending.userId();
    }

    @Override
    public long count(int typeIndex) {
      return pending.count(storeTypeIds[typeIndex]);
    }

    @Override
    public long events() {
      return pending.events();
    }

    @Override
    public double valueSum() {
      return pending.valueSum();
    }

    @Override
    public long firstSeen() {
      return pending.firstSeen();
    }

    @Override
    public long lastSeen() {
      return pending.lastSeen();
    }

    @Override
    public UserProfile profile() {
      return pending.profile();
    }
  }
}
