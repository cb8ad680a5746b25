package org.aidmp.predict.eval;

/**
 * Maps a model's score to a calibrated probability. Implementations are immutable.
 *
 * <pre>{@code
 * Calibrator c = IsotonicCalibration.fit(validationScores, validationLabels);
 * double p = c.calibrate(model.score(row, 0));
 * }</pre>
 */
@FunctionalInterface
public interface Calibrator {
  /** The calibrated probability of a score. */
  double calibrate(double score);
}
