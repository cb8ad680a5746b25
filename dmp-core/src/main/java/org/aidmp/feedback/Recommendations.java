package org.aidmp.feedback;

import java.util.List;

/**
 * Items recommended to a user and where they came from.
 *
 * @param userId the user
 * @param segment the user's segment when they were computed (−1: none)
 * @param items item ids, best first
 * @param coldStart true when they are the segment's popular items rather than personal ones
 * @param modelVersion the centroid version of the segment assignment they were computed for
 * @param userVersion how many events of the user they reflect
 */
public record Recommendations(
    String userId,
    int segment,
    List<String> items,
    boolean coldStart,
    long modelVersion,
    long userVersion) {
  /** Copies the items. */
  public Recommendations {
    items = List.copyOf(items);
  }

  /** Shows sizes and versions only: ids may be personal data. */
  @Override
  public String toString() {
    return "Recommendations[segment "
        + segment
        + ", "
        + items.size()
        + " items"
        + (coldStart ? ", cold start" : "")
        + ", version "
        + modelVersion
        + "]";
  }
}
