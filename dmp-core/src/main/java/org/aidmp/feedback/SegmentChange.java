package org.aidmp.feedback;

/**
 * A user moved from one segment to another.
 *
 * @param userId the user
 * @param from the previous segment, or −1 for a user seen for the first time
 * @param to the new segment
 * @param modelVersion the centroid version that made the assignment
 * @param timestamp the timestamp of the event that caused the move
 */
public record SegmentChange(String userId, int from, int to, long modelVersion, long timestamp) {
  /** Shows segments and version only: the user id may be personal data. */
  @Override
  public String toString() {
    return "SegmentChange[" + from + " -> " + to + ", version " + modelVersion + "]";
  }
}
