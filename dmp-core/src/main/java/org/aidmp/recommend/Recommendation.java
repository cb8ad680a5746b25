package org.aidmp.recommend;

import java.util.List;
import java.util.Objects;

/**
 * One recommended item, its score (after re-ranking boosts) and, when asked for, the contributions
 * that explain it, largest first.
 *
 * <pre>{@code
 * List<Recommendation> recs = model.recommend("u1", 10);
 * String top = recs.get(0).itemId();
 * }</pre>
 *
 * @param itemId the item
 * @param score the model's score plus any boosts; only the order is meaningful across models
 * @param because the largest contributions, empty unless requested
 */
public record Recommendation(String itemId, float score, List<Contribution> because) {
  /** Checks and copies the fields. */
  public Recommendation {
    Objects.requireNonNull(itemId, "itemId");
    because = List.copyOf(because);
  }
}
