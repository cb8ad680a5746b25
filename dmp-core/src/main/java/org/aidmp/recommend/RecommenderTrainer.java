package org.aidmp.recommend;

import java.util.function.Function;

/**
 * A recommendation stage: fits a {@link Recommender} on interactions. The built-in trainers come
 * from the static factories here, one per method, the way {@link java.util.stream.Collectors} hands
 * out collectors; a user's own trainer is any implementation of {@link #fit}.
 *
 * <pre>{@code
 * RecommenderTrainer trainer = RecommenderTrainer.ease(250);
 * Recommender model = trainer.fit(interactions);
 * Recommender coldStart = RecommenderTrainer.popularity().fit(interactions);
 * }</pre>
 *
 * <p>Every built-in trainer is immutable, thread-safe and reusable; its {@code toString} names the
 * method and its settings (a pipeline's provenance records it).
 */
@FunctionalInterface
public interface RecommenderTrainer {
  /**
   * The largest catalogue {@link #ease EASE} fits: it inverts an items × items matrix, and 30,000
   * items take about 11 GB while fitting.
   */
  int EASE_MAX_ITEMS = 30_000;

  /**
   * Fits a model; the interactions are kept by reference (they are immutable).
   *
   * @throws IllegalArgumentException if the interactions are empty
   */
  Recommender fit(Interactions interactions);

  /**
   * Global popularity, the cold-start fallback that needs no history for the user: an item's score
   * is the sum of its interaction weights (with unit weights, the number of users who interacted).
   * Its models {@link Recommender#knows know} every user.
   *
   * <pre>{@code
   * Recommender global = RecommenderTrainer.popularity().fit(interactions);
   * global.recommend("new-user", 10);   // unknown users are fine
   * }</pre>
   */
  static RecommenderTrainer popularity() {
    return Popularity.GLOBAL;
  }

  /**
   * Popularity within the user's segment: as {@link #popularity()}, summed over the users of each
   * segment; a user whose segment is unknown ({@code null}) or has no interactions gets the global
   * ranking.
   *
   * <pre>{@code
   * Recommender bySegment = RecommenderTrainer.popularity(segmentation::segmentOf)
   *     .fit(interactions);
   * }</pre>
   *
   * @param segmentOf a user id's segment, or {@code null} when the user has none; {@code null}
   *     itself gives global popularity
   */
  static RecommenderTrainer popularity(Function<String, Integer> segmentOf) {
    return segmentOf == null ? Popularity.GLOBAL : new Popularity(segmentOf);
  }

  /**
   * User-based collaborative filtering: a user's score for an item is the sum, over the user's most
   * similar users (cosine over interaction rows), of similarity × that neighbour's weight for the
   * item.
   *
   * <p>Neighbours are found at recommendation time through the item → users lists, so the cost for
   * one user is the number of (co-user, item) pairs it shares, not the number of users squared.
   * Only neighbours of positive similarity count. Users exactly as similar as the k-th neighbour
   * are all kept, so a user may have a few more than k neighbours: which of several equally similar
   * users made the cut would otherwise be an accident of order, and it moves the scores.
   *
   * <pre>{@code
   * Recommender model = RecommenderTrainer.userKnn(50).fit(interactions);
   * List<Recommendation> recs = model.recommend("u1", 10);
   * }</pre>
   *
   * @param neighbours the number of most similar users that vote, at least 1; 20 to 100 is usual
   * @throws IllegalArgumentException if {@code neighbours} is below 1
   */
  static RecommenderTrainer userKnn(int neighbours) {
    return new UserKnn(neighbours);
  }

  /**
   * Item-based collaborative filtering with each candidate scored from its own nearest items
   * ({@link Neighbourhood#OF_CANDIDATE}); see {@link #itemKnn(int, Neighbourhood)}.
   *
   * <pre>{@code
   * Recommender model = RecommenderTrainer.itemKnn(50).fit(interactions);
   * List<Recommendation> recs = model.recommend("u1",
   *     RecommendRequest.builder().setK(10).setExplanations(3).get());
   * }</pre>
   *
   * @param neighbours the number of most similar items kept per item, at least 1; 20 to 200 is
   *     usual
   * @throws IllegalArgumentException if {@code neighbours} is below 1
   */
  static RecommenderTrainer itemKnn(int neighbours) {
    return new ItemKnn(neighbours, Neighbourhood.OF_CANDIDATE);
  }

  /**
   * Item-based collaborative filtering: each item's most similar items (cosine over interaction
   * columns) are computed once at fit time; a user's score for a candidate item is the sum of
   * history weight × similarity over the pairs (history item, candidate) linked by a neighbour
   * list, chosen by {@code neighbourhood}.
   *
   * <p>Fitting costs Σ over users of (items of the user)², through the user and item lists, and
   * keeps items × neighbours similarities. Only positive similarities are kept; equal similarities
   * are ordered by item id.
   *
   * @param neighbours the number of most similar items kept per item, at least 1; 20 to 200 is
   *     usual
   * @param neighbourhood whose neighbour lists connect history and candidates
   * @throws IllegalArgumentException if {@code neighbours} is below 1
   */
  static RecommenderTrainer itemKnn(int neighbours, Neighbourhood neighbourhood) {
    return new ItemKnn(neighbours, neighbourhood);
  }

  /**
   * EASE on one thread; see {@link #ease(double, int)}.
   *
   * <pre>{@code
   * Recommender model = RecommenderTrainer.ease(250).fit(interactions);
   * List<Recommendation> recs = model.recommend("u1", 10);
   * }</pre>
   *
   * @param lambda the L2 regularisation λ, positive and finite; 250 suits MovieLens 100k, 100 to
   *     1000 is usual
   * @throws IllegalArgumentException if {@code lambda} is not positive and finite
   */
  static RecommenderTrainer ease(double lambda) {
    return new Ease(lambda, 1);
  }

  /**
   * EASE (Steck 2019), a closed-form item–item model: with the Gram matrix G = XᵀX of the
   * interactions, P = (G + λI)⁻¹ and B = I − P·diag(1/diag(P)), i.e. B_ij = −P_ij / P_jj off the
   * diagonal and 0 on it. A user's scores are their interaction row times B.
   *
   * <p>Fitting is dense: it inverts the items × items matrix G + λI in double precision with a
   * blocked sweep that reads one triangle, items³ flops nearly all in register-tiled SIMD matrix
   * products, on {@code threads} threads (the Gram matrix and B too). Memory is O(items²): 12 bytes
   * per entry while fitting (the double matrix and the float B), about 11 GB at the limit of
   * {@value #EASE_MAX_ITEMS} items, 65 MB at 2,323. B is kept in float. The fit is bit-identical on
   * any thread count, with or without the Vector API.
   *
   * <pre>{@code
   * Recommender model = RecommenderTrainer.ease(250, 4).fit(interactions);
   * }</pre>
   *
   * @param lambda the L2 regularisation λ, positive and finite; larger values shrink B towards 0
   * @param threads threads for the fit (Gram matrix, inverse, B), the caller's included; 1 to 1024
   * @throws IllegalArgumentException if {@code lambda} is not positive and finite or {@code
   *     threads} is outside 1 to 1024
   */
  static RecommenderTrainer ease(double lambda, int threads) {
    return new Ease(lambda, threads);
  }

  /**
   * Which k-nearest lists link a user's history to a candidate in {@link #itemKnn(int,
   * Neighbourhood) item kNN}. On MovieLens 100k (50 neighbours) {@link #OF_CANDIDATE} reaches P@10
   * 0.252 where {@link #OF_HISTORY} reaches 0.230.
   */
  enum Neighbourhood {
    /**
     * A candidate is scored from its own nearest items that the user has (the default): every
     * candidate gets a fair vote from its closest items.
     */
    OF_CANDIDATE,
    /**
     * Each history item votes for its own nearest items; cheaper to update, but popular items
     * appear in many lists and dominate.
     */
    OF_HISTORY
  }
}
