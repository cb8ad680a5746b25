/**
 * Recommendations from interactions: {@link org.aidmp.recommend.Interactions} (a sparse user × item
 * matrix built from weighted, optionally decayed events), the trainers {@link
 * org.aidmp.recommend.Popularity} (global or per segment, for cold start), {@link
 * org.aidmp.recommend.UserKnn}, {@link org.aidmp.recommend.ItemKnn} and {@link
 * org.aidmp.recommend.Ease}, and {@link org.aidmp.recommend.Recommender}, which ranks with business
 * rules ({@link org.aidmp.recommend.RecommendRequest}) and explains each item.
 */
package org.aidmp.recommend;
