package org.aidmp.feedback;

/**
 * A read view of one user's live aggregates, handed to a {@link FeatureEncoder} while the user's
 * lock is held. Valid only during that call; do not keep it.
 */
public interface LiveProfile {
  /** The user's id. */
  String userId();

  /** Events of type {@code typeIndex} (an index into {@link FeedbackConfig#eventTypes()}). */
  long count(int typeIndex);

  /** All accepted events of the user. */
  long events();

  /** The sum of the values of the user's events that had one. */
  double valueSum();

  /** Timestamp of the earliest event, or {@link Long#MAX_VALUE} if none yet. */
  long firstSeen();

  /** Timestamp of the latest event, or {@link Long#MIN_VALUE} if none yet. */
  long lastSeen();
}
