package org.aidmp.feedback;

import java.util.List;
import org.aidmp.recommend.Recommendation;

/**
 * Items recommended to a user and where they came from.
 *
 * @param userId the user
 * @param segment the user's segment when they were computed (−1: none)
 * @param items the items with their scores, best first (personal scores, or popularity counts for
 *     the non-personalised answer; only the order is meaningful across the two)
 * @param coldStart true when they are the segment's popular items rather than personal ones (the
 *     user is unknown to the recommender, or has no consent to personalisation)
 * @param modelVersion the centroid version of the segment assignment they were computed for
 * @param userVersion how many events of the user they reflect
 */
public record Recommendations(
    String userId,
    int segment,
    List<Recommendation> items,
    boolean coldStart,
    long modelVersion,
    long userVersion) {
  /** Copies the items. */
  public Recommendations {
    items = List.copyOf(items);
  }

  /** The item ids, best first. */
  public List<String> itemIds() {
    return items.stream().map(Recommendation::itemId).toList();
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
