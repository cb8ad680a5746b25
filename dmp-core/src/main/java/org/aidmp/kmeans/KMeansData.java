package org.aidmp.kmeans;

import org.ejml.data.FMatrixRMaj;

/** Checks and prepares the rows K-Means fits on. */
final class KMeansData {
  private KMeansData() {}

  /** Checks rows, values and weights before a fit; messages name positions, never values. */
  static void check(FMatrixRMaj x, double[] weights, int k) {
    int n = x.numRows;
    int d = x.numCols;
    if (n == 0 || d == 0) {
      throw new IllegalArgumentException(
          "the data are " + n + " × " + d + "; K-Means needs at least one row and one column");
    }
    if (k > n) {
      throw new IllegalArgumentException(
          "k (" + k + ") exceeds the number of rows (" + n + "); lower k or add rows");
    }
    float[] a = x.data;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        float v = a[i * d + j];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(
              "row "
                  + i
                  + ", column "
                  + j
                  + " is "
                  + (Float.isNaN(v) ? "NaN" : "infinite")
                  + "; impute or drop non-finite values before clustering");
        }
      }
    }
    if (weights != null) {
      if (weights.length != n) {
        throw new IllegalArgumentException(
            "there are " + weights.length + " weights for " + n + " rows; pass one per row");
      }
      double total = 0;
      for (int i = 0; i < n; i++) {
        if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
          throw new IllegalArgumentException(
              "weight of row " + i + " is " + weights[i] + "; weights must be finite and ≥ 0");
        }
        total += weights[i];
      }
      if (!(total > 0)) {
        throw new IllegalArgumentException("all weights are 0; give some row a positive weight");
      }
    }
  }

  /** Scales each row to unit length; all-zero rows stay zero. */
  static void normaliseRows(float[] a, int rows, int d) {
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (double) a[i * d + j] * a[i * d + j];
      }
      if (s > 0) {
        double inv = 1.0 / Math.sqrt(s);
        for (int j = 0; j < d; j++) {
          a[i * d + j] = (float) (a[i * d + j] * inv);
        }
      }
    }
  }

  /** The mean over columns of each column's variance. */
  static double meanVariance(float[] x, int n, int d) {
    double total = 0;
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * d + j];
      }
      mean /= n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        double u = x[i * d + j] - mean;
        v += u * u;
      }
      total += v / n;
    }
    return total / d;
  }
}
