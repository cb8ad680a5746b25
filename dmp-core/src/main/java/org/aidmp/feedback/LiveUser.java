package org.aidmp.feedback;

import java.util.Arrays;

/**
 * An immutable copy of one user's live state, as read at one moment under the user's lock.
 *
 * @param userId the user
 * @param counts events per type, indexed like {@link FeedbackConfig#eventTypes()} (a copy)
 * @param events all accepted events of the user (the user's version)
 * @param valueSum the sum of event values
 * @param firstSeen earliest timestamp, or {@link Long#MAX_VALUE} with no events
 * @param lastSeen latest timestamp, or {@link Long#MIN_VALUE} with no events
 * @param row the feature row (a copy)
 * @param segment the assigned segment, or −1
 * @param squaredDistance the squared distance to the segment's centroid at assignment, or NaN
 * @param modelVersion the centroid version of the assignment, or −1
 */
public record LiveUser(
    String userId,
    long[] counts,
    long events,
    double valueSum,
    long firstSeen,
    long lastSeen,
    float[] row,
    int segment,
    double squaredDistance,
    long modelVersion) {
  /** Copies the arrays. */
  public LiveUser {
    counts = counts.clone();
    row = row.clone();
  }

  /** A copy of the counts. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** A copy of the row. */
  @Override
  public float[] row() {
    return row.clone();
  }

  /** Feature {@code j} of the row. */
  public float feature(int j) {
    return row[j];
  }

  /** Events of one type. */
  public long count(int typeIndex) {
    return counts[typeIndex];
  }

  /** Compares all fields, arrays by content and doubles bit for bit. */
  @Override
  public boolean equals(Object o) {
    return o instanceof LiveUser u
        && userId.equals(u.userId)
        && Arrays.equals(counts, u.counts)
        && events == u.events
        && Double.compare(valueSum, u.valueSum) == 0
        && firstSeen == u.firstSeen
        && lastSeen == u.lastSeen
        && Arrays.equals(row, u.row)
        && segment == u.segment
        && Double.compare(squaredDistance, u.squaredDistance) == 0
        && modelVersion == u.modelVersion;
  }

  @Override
  public int hashCode() {
    return userId.hashCode() * 31 + Arrays.hashCode(counts);
  }

  /** Shows counts of events and the segment only: the id may be personal data. */
  @Override
  public String toString() {
    return "LiveUser[" + events + " events, segment " + segment + ", version " + modelVersion + "]";
  }
}
