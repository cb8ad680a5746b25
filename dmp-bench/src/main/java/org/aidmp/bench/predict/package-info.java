/**
 * Benchmarks of the prediction models: gradient-boosted tree fitting on a real CSV (timed beside
 * scikit-learn's HistGradientBoosting by {@code peers/predictive_peers.py} in the same sitting),
 * and single-thread scoring of logistic regression and of 100 trees of depth 6, each beside a plain
 * Java peer in the same run; and the cost per live event of scoring a user in the feedback path,
 * beside the same updater without a model.
 */
package org.aidmp.bench.predict;
