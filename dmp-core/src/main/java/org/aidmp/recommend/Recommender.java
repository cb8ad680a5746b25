package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A fitted recommendation model: scores every item of its catalogue for a user, and ranks them with
 * the request's rules.
 *
 * <pre>{@code
 * Recommender model = RecommenderTrainer.itemKnn(50).fit(interactions);
 * List<Recommendation> recs = model.recommend("u1",
 *     RecommendRequest.builder().setK(5).setExplanations(2).get());
 * }</pre>
 *
 * <p>Models are immutable and safe to use from several threads. Ranking: items rejected by a
 * filter, and seen items unless the request includes them, are dropped; boosts are added; the best
 * k by score are returned, equal scores ordered by item id. Items of no evidence (score 0) may fill
 * the list when there are too few others.
 */
public interface Recommender {
  /** The interactions the model was fitted on: the catalogue and each user's history. */
  Interactions interactions();

  /**
   * Whether the model can personalise for this user: by default, whether the user has interactions.
   * Models that score everyone (popularity) answer {@code true} for any user.
   */
  default boolean knows(String userId) {
    return interactions().userIndex(userId) >= 0;
  }

  /**
   * Writes the score of every item for the user into {@code out} (index = item index).
   *
   * @param out modified: at least {@link Interactions#itemCount()} long
   * @throws IllegalArgumentException if the model does not know the user (popularity models know
   *     everyone)
   */
  void score(String userId, float[] out);

  /**
   * The contributions to the user's score of an item, largest first, at most {@code limit}; empty
   * where the model has nothing to say.
   *
   * @throws IllegalArgumentException if the user or the item is unknown
   */
  default List<Contribution> explain(String userId, String itemId, int limit) {
    return List.of();
  }

  /** The best {@code k} unseen items for the user. */
  default List<Recommendation> recommend(String userId, int k) {
    return recommend(userId, RecommendRequest.builder().setK(k).get());
  }

  /**
   * Recommendations for the user under the request's rules, best first. A user the model does not
   * {@link #knows know} (new, forgotten, or without consent to be modelled) gets the
   * non-personalised answer: items ranked by their total interaction weight, under the same rules.
   */
  default List<Recommendation> recommend(String userId, RecommendRequest request) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(request, "request");
    Interactions x = interactions();
    int n = x.itemCount();
    float[] scores = new float[n];
    if (knows(userId)) {
      score(userId, scores);
    } else {
      float[] values = x.itemValueArray();
      for (int i = 0; i < n; i++) {
        float sum = 0; // in user order, as popularity() sums, so both rank alike
        for (int e = x.itemStart(i); e < x.itemEnd(i); e++) {
          sum += values[e];
        }
        scores[i] = sum;
      }
    }
    int u = x.userIndex(userId);
    if (u >= 0 && !request.includeSeen()) {
      int[] items = x.userItemArray();
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        scores[items[e]] = Float.NEGATIVE_INFINITY;
      }
    }
    List<String> ids = x.itemIds();
    if (!request.filters().isEmpty() || !request.boosts().isEmpty()) {
      for (int i = 0; i < n; i++) {
        if (scores[i] == Float.NEGATIVE_INFINITY) {
          continue;
        }
        String id = ids.get(i);
        for (Predicate<String> f : request.filters()) {
          if (!f.test(id)) {
            scores[i] = Float.NEGATIVE_INFINITY;
            break;
          }
        }
        if (scores[i] != Float.NEGATIVE_INFINITY) {
          for (RecommendRequest.Boost b : request.boosts()) {
            if (b.accepts().test(id)) {
              scores[i] += b.amount();
            }
          }
        }
      }
    }
    int[] top = TopK.select(scores, n, request.k(), ids);
    List<Recommendation> out = new ArrayList<>(top.length);
    for (int i : top) {
      List<Contribution> why =
          request.explanations() > 0
              ? explain(userId, ids.get(i), request.explanations())
              : List.of();
      out.add(new Recommendation(ids.get(i), scores[i], why));
    }
    return out;
  }
}
