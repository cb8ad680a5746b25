/**
 * Offline evaluation of recommenders: train/test {@link org.aidmp.evaluation.Split}s (random
 * holdout per user, leave-last-out by time, or given files) and an {@link
 * org.aidmp.evaluation.Evaluator} that averages ranking metrics at k (precision, recall, NDCG, MAP,
 * hit rate, catalogue coverage) over users into an {@link org.aidmp.evaluation.EvaluationResult}.
 */
package org.aidmp.evaluation;
