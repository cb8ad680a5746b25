package org.aidmp.stage;

import org.ejml.data.FMatrixRMaj;

/**
 * A fitted scoring model: a probability (classification) or an expected value (regression) for a
 * feature row. Implementations are immutable and thread-safe.
 */
public interface ScoreModel {
  /** The number of features a row must have. */
  int dimensions();

  /**
   * The score of one row.
   *
   * @param row not modified
   * @param offset where the row starts in {@code row}
   */
  double score(float[] row, int offset);

  /** The score of every row of {@code rows}. */
  default double[] score(FMatrixRMaj rows) {
    if (rows.numCols != dimensions()) {
      throw new IllegalArgumentException(
          "rows have "
              + rows.numCols
              + " columns but the model takes "
              + dimensions()
              + "; transform them with the features the model was fitted on");
    }
    double[] out = new double[rows.numRows];
    for (int r = 0; r < rows.numRows; r++) {
      out[r] = score(rows.data, r * rows.numCols);
    }
    return out;
  }
}
