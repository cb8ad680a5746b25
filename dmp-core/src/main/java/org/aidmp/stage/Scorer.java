package org.aidmp.stage;

import org.ejml.data.FMatrixRMaj;

/**
 * A supervised scoring stage: learns to predict a label (0/1 for propensity, churn or risk; a real
 * number for value) from users' feature rows.
 *
 * <pre>{@code
 * ScoreModel model = scorer.fit(matrix.matrix(), labels);
 * double p = model.score(row, 0);
 * }</pre>
 */
@FunctionalInterface
public interface Scorer {
  /**
   * Fits a model.
   *
   * @param rows one user per row; NaN marks a missing value; not modified
   * @param labels one label per row; not modified
   * @throws IllegalArgumentException if the sizes differ or the labels cannot be learnt
   */
  ScoreModel fit(FMatrixRMaj rows, double[] labels);
}
