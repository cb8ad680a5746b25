package org.aidmp.recommend;

/**
 * A recommendation stage: fits a {@link Recommender} on interactions.
 *
 * <pre>{@code
 * RecommenderTrainer trainer = Ease.builder().setLambda(250).get();
 * Recommender model = trainer.fit(interactions);
 * }</pre>
 */
@FunctionalInterface
public interface RecommenderTrainer {
  /**
   * Fits a model; the interactions are kept by reference (they are immutable).
   *
   * @throws IllegalArgumentException if the interactions are empty
   */
  Recommender fit(Interactions interactions);
}
