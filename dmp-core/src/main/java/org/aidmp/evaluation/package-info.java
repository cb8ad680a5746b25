/**
 * Offline evaluation of recommenders: train/test {@link org.aidmp.evaluation.Splits} (random
 * holdout per user, leave-last-out by time, or given files), {@link
 * org.aidmp.evaluation.RankingMetrics} at k (precision, recall, NDCG, MAP, hit rate, catalogue
 * coverage) and an {@link org.aidmp.evaluation.Evaluator} that averages them over users.
 */
package org.aidmp.evaluation;
