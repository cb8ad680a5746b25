package org.aidmp.feedback;

/**
 * A user's current segment and which model produced it.
 *
 * @param userId the user
 * @param segment the segment, or −1 when the user has no segment yet
 * @param squaredDistance the squared distance of the user's row to that segment's centroid as it
 *     was at assignment (the score), or NaN when there is no segment
 * @param modelVersion the centroid version that made the assignment, or −1 when none
 */
public record Assignment(String userId, int segment, double squaredDistance, long modelVersion) {
  /** Shows segment and version only: the user id may be personal data. */
  @Override
  public String toString() {
    return "Assignment[segment " + segment + ", version " + modelVersion + "]";
  }
}
