package org.aidmp.predict.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Predicted against observed rates in equal-width probability bins: a calibrated model has each
 * bin's mean prediction close to its share of positives.
 *
 * <pre>{@code
 * CalibrationTable t = CalibrationTable.of(probabilities, labels, 10);
 * t.expectedCalibrationError();
 * }</pre>
 *
 * @param bins one entry per non-empty bin, in ascending probability
 */
public record CalibrationTable(List<Bin> bins) {
  /**
   * One bin.
   *
   * @param lower the bin's lower probability edge
   * @param upper its upper edge
   * @param count rows whose probability falls in it
   * @param meanPredicted their mean probability
   * @param observedRate their share of label 1
   */
  public record Bin(
      double lower, double upper, int count, double meanPredicted, double observedRate) {}

  /** Makes the bins immutable. */
  public CalibrationTable {
    bins = List.copyOf(bins);
  }

  /**
   * Builds the table.
   *
   * @param probabilities in [0, 1]; not modified
   * @param labels 0 or 1; not modified
   * @param bins the number of equal-width bins, at least 1
   */
  public static CalibrationTable of(double[] probabilities, double[] labels, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins (" + bins + ") must be at least 1");
    }
    if (probabilities.length != labels.length) {
      throw new IllegalArgumentException(
          "probabilities ("
              + probabilities.length
              + ") and labels ("
              + labels.length
              + ") differ in number");
    }
    int[] count = new int[bins];
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    for (int i = 0; i < labels.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability at row " + i + " is outside [0, 1]");
      }
      int b = Math.min(bins - 1, (int) (p * bins));
      count[b]++;
      sumP[b] += p;
      sumY[b] += labels[i];
    }
    List<Bin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        out.add(
            new Bin(
                (double) b / bins,
                (double) (b + 1) / bins,
                count[b],
                sumP[b] / count[b],
                sumY[b] / count[b]));
      }
    }
    return new CalibrationTable(out);
  }

  /** The count-weighted mean of |mean predicted − observed rate| over the bins. */
  public double expectedCalibrationError() {
    double total = 0;
    double err = 0;
    for (Bin b : bins) {
      total += b.count();
      err += b.count() * Math.abs(b.meanPredicted() - b.observedRate());
    }
    return total > 0 ? err / total : 0;
  }
}
