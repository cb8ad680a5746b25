/**
 * Recommendations from interactions: {@link org.aidmp.recommend.Interactions} (a sparse user × item
 * matrix built from weighted, optionally decayed events), the trainers handed out by {@link
 * org.aidmp.recommend.RecommenderTrainer}'s factories ({@code popularity}, global or per segment,
 * for cold start; {@code userKnn}; {@code itemKnn}; {@code ease}), and {@link
 * org.aidmp.recommend.Recommender}, which ranks with business rules ({@link
 * org.aidmp.recommend.RecommendRequest}) and explains each item. The trainers' classes are
 * package-private: users name only the contract.
 */
package org.aidmp.recommend;
