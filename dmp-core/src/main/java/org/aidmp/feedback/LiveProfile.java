package org.aidmp.feedback;

import org.aidmp.profile.UserProfile;

/**
 * A read view of one user's aggregates in the profile store as they will be with the event being
 * encoded, handed to a {@link FeatureEncoder} while the user's lock is held and before anything
 * changes. Valid only during that call; do not keep it.
 *
 * <pre>{@code
 * FeatureEncoder purchasesOnly = (event, t, profile, row) -> row[0] = profile.count(t);
 * }</pre>
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

  /**
   * The user's whole profile as it will be with this event (a copy; costs O(the user's profile)).
   */
  UserProfile profile();
}
