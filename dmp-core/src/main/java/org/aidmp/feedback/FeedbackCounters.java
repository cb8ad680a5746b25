package org.aidmp.feedback;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link FeedbackStats}: accepted events and segment changes are counted per
 * intake stripe (no shared write on the hot path), the rare outcomes here.
 */
final class FeedbackCounters {
  final LongAdder[] rejected = new LongAdder[BadEventReason.values().length];
  final LongAdder quarantined = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder withoutConsent = new LongAdder();
  final LongAdder liveUsers = new LongAdder();

  /** Counts carried over from a restored snapshot. */
  private long restoredAccepted;

  private long restoredChanges;

  FeedbackCounters() {
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = new LongAdder();
    }
  }

  void restore(FeedbackSnapshot snap) {
    restoredAccepted = snap.accepted;
    restoredChanges = snap.segmentChanges;
    for (int i = 0; i < snap.rejected.length; i++) {
      rejected[i].add(snap.rejected[i]);
    }
    quarantined.add(snap.quarantined);
    skipped.add(snap.skipped);
  }

  long[] rejectedArray() {
    long[] r = new long[rejected.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = rejected[i].sum();
    }
    return r;
  }

  /** Accepted events: the stripes' counts read under their locks, plus restored ones. */
  long accepted(IntakeStripe[] stripes) {
    long n = restoredAccepted;
    for (IntakeStripe s : stripes) {
      s.lock.lock();
      try {
        n += s.accepted;
      } finally {
        s.lock.unlock();
      }
    }
    return n;
  }

  long segmentChanges(IntakeStripe[] stripes) {
    long n = restoredChanges;
    for (IntakeStripe s : stripes) {
      s.lock.lock();
      try {
        n += s.segmentChanges;
      } finally {
        s.lock.unlock();
      }
    }
    return n;
  }

  FeedbackStats stats(IntakeStripe[] stripes, ListenerDispatch dispatch, long modelVersion) {
    Map<BadEventReason, Long> r = new EnumMap<>(BadEventReason.class);
    for (BadEventReason reason : BadEventReason.values()) {
      r.put(reason, rejected[reason.ordinal()].sum());
    }
    return new FeedbackStats(
        accepted(stripes),
        r,
        quarantined.sum(),
        skipped.sum(),
        withoutConsent.sum(),
        segmentChanges(stripes),
        dispatch.dropped(),
        dispatch.failures(),
        modelVersion,
        liveUsers.sum());
  }
}
