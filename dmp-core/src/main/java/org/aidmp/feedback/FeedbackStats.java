package org.aidmp.feedback;

import java.util.Map;

/**
 * Counters of a {@link FeedbackUpdater}. Every offered event is counted once: offered = accepted +
 * rejected + withoutConsent, and rejected = quarantined + skipped (+ thrown in strict mode).
 *
 * @param accepted events folded into profiles
 * @param rejected bad events per reason (every reason present, zero if none)
 * @param quarantined bad events handed to the quarantine
 * @param skipped bad events dropped after counting
 * @param withoutConsent events of users without consent, dropped unused
 * @param segmentChanges users that moved (new users' first assignments included)
 * @param listenerDropped segment changes dropped because the listener queue was full
 * @param listenerFailures exceptions thrown by listeners
 * @param modelVersion the current centroid version
 * @param users users with live state
 */
public record FeedbackStats(
    long accepted,
    Map<BadEventReason, Long> rejected,
    long quarantined,
    long skipped,
    long withoutConsent,
    long segmentChanges,
    long listenerDropped,
    long listenerFailures,
    long modelVersion,
    long users) {
  /** Copies the map. */
  public FeedbackStats {
    rejected = Map.copyOf(rejected);
  }

  /** All rejected events. */
  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }
}
