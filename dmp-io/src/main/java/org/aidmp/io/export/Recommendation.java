package org.aidmp.io.export;

import java.util.Objects;

/**
 * One recommended item for one user, as exported.
 *
 * <pre>{@code
 * new Recommendation("u42", 1, "item-9", 0.87);
 * }</pre>
 *
 * @param userId the user
 * @param rank 1 for the best item
 * @param itemId the recommended item
 * @param score the recommender's score
 */
public record Recommendation(String userId, int rank, String itemId, double score) {
  /** Checks the arguments. */
  public Recommendation {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    if (rank < 1) {
      throw new IllegalArgumentException("rank (" + rank + ") must be 1 or more");
    }
  }

  /** Shows the rank only: ids may be personal data. */
  @Override
  public String toString() {
    return "Recommendation[rank " + rank + "]";
  }
}
