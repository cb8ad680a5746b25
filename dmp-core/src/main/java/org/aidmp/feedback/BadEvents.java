package org.aidmp.feedback;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.profile.Event;
import org.aidmp.profile.live.Refusal;

/**
 * What live intake does with a bad event: finds why it is bad (before anything changes), counts it,
 * and fails, skips or quarantines it as the config's {@link BadRecordPolicy} says.
 */
final class BadEvents {
  private static final String SOURCE = "live events";

  private final BadRecordPolicy policy;
  private final FeedbackCounters counters;
  private final Quarantine quarantine;
  private final Clock clock;
  private final long maxSkewMillis;

  BadEvents(FeedbackConfig config, FeedbackCounters counters, Quarantine quarantine, Clock clock) {
    this.policy = config.badEventPolicy();
    this.counters = counters;
    this.quarantine = quarantine;
    this.clock = clock;
    this.maxSkewMillis = config.maxFutureSkew().toMillis();
  }

  /** The reason a store refusal is reported under. */
  static BadEventReason reason(Refusal r) {
    return switch (r) {
      case USER_ID_TOO_LONG -> BadEventReason.USER_ID_TOO_LONG;
      case TOO_MANY_USERS -> BadEventReason.TOO_MANY_USERS;
      case TYPE_NOT_ALLOWED, TOO_MANY_TYPES -> BadEventReason.UNKNOWN_TYPE;
      case TOO_MANY_CATEGORIES, TOO_MANY_ITEMS -> BadEventReason.TOO_MANY_NAMES;
      case REFUSED_BY_ADMISSION -> BadEventReason.ENCODING_FAILED;
    };
  }

  /** Why {@code e} is bad, or null; {@code type} is its index in the config's types, or null. */
  BadEventReason check(Event e, Integer type) {
    if (e == null) {
      return BadEventReason.NULL_EVENT;
    }
    if (e.userId().isBlank()) {
      return BadEventReason.MISSING_USER_ID;
    }
    if (type == null) {
      return BadEventReason.UNKNOWN_TYPE;
    }
    if (e.timestamp() < 0) {
      return BadEventReason.BEFORE_EPOCH;
    }
    // Overflow-safe: compare the difference, not now + skew.
    if (e.timestamp() - clock.millis() > maxSkewMillis) {
      return BadEventReason.FUTURE_TIMESTAMP;
    }
    return null;
  }

  /** Counts a bad event and applies the policy; returns false, the event is not accepted. */
  boolean reject(Event e, BadEventReason reason) {
    counters.rejected[reason.ordinal()].increment();
    switch (policy) {
      case FAIL -> throw new BadRecordException(SOURCE, 0, reason.column(), reason.message());
      case SKIP -> counters.skipped.increment();
      case QUARANTINE -> {
        counters.quarantined.increment();
        quarantine.accept(
            new QuarantinedRecord(
                SOURCE,
                0,
                reason.column(),
                "feedback." + reason.name(),
                reason.message(),
                fields(e)));
      }
      default -> throw new AssertionError(policy);
    }
    return false;
  }

  private static List<String> fields(Event e) {
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
}
