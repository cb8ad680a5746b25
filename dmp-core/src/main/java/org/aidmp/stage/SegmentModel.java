package org.aidmp.stage;

import java.util.Objects;
import org.ejml.data.FMatrixRMaj;

/**
 * A fitted segmentation: the segment of every row it was fitted on, and the segment of a new row.
 * Segments are numbered {@code 0 .. k-1}. Implementations are immutable and thread-safe.
 */
public interface SegmentModel {
  /** The number of segments. */
  int k();

  /**
   * The segment of each row the model was fitted on, in row order.
   *
   * @return a fresh copy the caller may change
   */
  int[] labels();

  /**
   * The segment of one row.
   *
   * @param row not modified
   * @param offset where the row starts in {@code row}
   */
  int predict(float[] row, int offset);

  /** The segment of each row of {@code rows}. */
  default int[] predict(FMatrixRMaj rows) {
    int[] out = new int[rows.numRows];
    for (int r = 0; r < rows.numRows; r++) {
      out[r] = predict(rows.data, r * rows.numCols);
    }
    return out;
  }

  /**
   * A model that only knows its labels, for segmenters that have no rule for new rows: {@link
   * #predict(float[], int)} throws {@link UnsupportedOperationException}.
   *
   * @param k the number of segments
   * @param labels the segment of each fitted row, each in {@code 0 .. k-1}; copied
   */
  static SegmentModel ofLabels(int k, int[] labels) {
    Objects.requireNonNull(labels, "labels");
    if (k < 1) {
      throw new IllegalArgumentException("k (" + k + ") must be at least 1");
    }
    int[] copy = labels.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0 || copy[i] >= k) {
        throw new IllegalArgumentException(
            "label " + copy[i] + " at row " + (i + 1) + " is outside 0.." + (k - 1));
      }
    }
    return new SegmentModel() {
      @Override
      public int k() {
        return k;
      }

      @Override
      public int[] labels() {
        return copy.clone();
      }

      @Override
      public int predict(float[] row, int offset) {
        throw new UnsupportedOperationException(
            "this segmentation has labels only; fit a segmenter with a rule for new rows");
      }

      @Override
      public String toString() {
        return "SegmentModel[k=" + k + ", labels only]";
      }
    };
  }
}
