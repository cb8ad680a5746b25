/**
 * Judging and calibrating classifiers: ROC and PR AUC, log-loss and Brier score ({@link
 * org.aidmp.predict.eval.Metrics}), lift and gains by decile, calibration tables, Platt and
 * isotonic calibration, and stratified k-fold cross-validation.
 */
package org.aidmp.predict.eval;
