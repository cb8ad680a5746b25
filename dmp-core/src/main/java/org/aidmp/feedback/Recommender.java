package org.aidmp.feedback;

import java.util.List;

/**
 * Personal recommendations for a user the models know, e.g. an adapter over a user- or item-kNN
 * recommender. Called outside any lock of the updater, possibly from several threads at once.
 *
 * <pre>{@code
 * Recommender r = (userId, segment, n) -> knn.recommend(userId, n);
 * }</pre>
 */
@FunctionalInterface
public interface Recommender {
  /**
   * Up to {@code n} item ids, best first; empty when the recommender cannot serve this user (the
   * updater then falls back to the popularity of the user's segment).
   */
  List<String> recommend(String userId, int segment, int n);
}
