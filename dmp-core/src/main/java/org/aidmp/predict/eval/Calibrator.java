package org.aidmp.predict.eval;

import org.aidmp.stage.ScoreModel;

/**
 * Maps a model's score to a calibrated probability, fitted on held-out scores and labels.
 * Implementations are immutable.
 *
 * <pre>{@code
 * Calibrator c = Calibrator.isotonic(validationScores, validationLabels);
 * double p = c.calibrate(model.score(row, 0));
 * ScoreModel calibrated = c.applyTo(model);       // scores through the calibrator
 * }</pre>
 */
@FunctionalInterface
public interface Calibrator {
  /** The calibrated probability of a score. */
  double calibrate(double score);

  /**
   * The model whose scores go through this calibrator: {@code calibrate(model.score(row))}, with
   * the model's dimensions.
   */
  default ScoreModel applyTo(ScoreModel model) {
    return new CalibratedModel(model, this);
  }

  /**
   * Platt scaling: {@code p = 1 / (1 + exp(a·s + b))} fitted by Newton's method, with Platt's
   * smoothed targets so that a perfectly separated validation set does not give infinite
   * parameters. Suits scores whose miscalibration is a sigmoid (margins, SVM-like scores).
   *
   * @param scores any real scores (margins or probabilities); not modified
   * @param labels 0 or 1; not modified
   * @throws IllegalArgumentException if the arrays differ in length or are empty, a label is not 0
   *     or 1, or a score is not finite
   */
  static Calibrator platt(double[] scores, double[] labels) {
    return PlattScaling.fit(scores, labels);
  }

  /**
   * Isotonic calibration: the non-decreasing step function of the score closest to the labels in
   * squared error (pool-adjacent-violators), read between steps by linear interpolation and clipped
   * outside the fitted range. Needs more held-out rows than Platt scaling, and assumes nothing
   * about the shape.
   *
   * @param scores finite scores; not modified
   * @param labels 0 or 1 (any real target works); not modified
   * @throws IllegalArgumentException if the arrays differ in length, are empty or hold non-finite
   *     values
   */
  static Calibrator isotonic(double[] scores, double[] labels) {
    return IsotonicCalibration.fit(scores, labels);
  }
}
