package org.aidmp.predict.eval;

import java.util.Objects;
import org.aidmp.stage.ScoreModel;

/**
 * A model whose scores go through a calibrator.
 *
 * <pre>{@code
 * ScoreModel calibrated = Calibrator.platt(heldOutScores, heldOutLabels).applyTo(model);
 * }</pre>
 *
 * @param model the model scored first
 * @param calibrator applied to each score
 */
record CalibratedModel(ScoreModel model, Calibrator calibrator) implements ScoreModel {
  /** Checks neither part is null. */
  public CalibratedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(calibrator, "calibrator");
  }

  @Override
  public int dimensions() {
    return model.dimensions();
  }

  @Override
  public double score(float[] row, int offset) {
    return calibrator.calibrate(model.score(row, offset));
  }
}
