package org.aidmp.predict.tree;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.aidmp.internal.parallel.WorkerPool;
import org.ejml.data.FMatrixRMaj;

/**
 * Quantile bins per feature, fitted once before the first tree. A numeric value goes to the first
 * bin whose upper edge is at least the value; a categorical value is its own bin (its integer
 * code). Each feature's missing values (NaN, and for categorical columns anything that is not a
 * known code) go to one extra bin numbered {@code bins(f)}.
 */
final class Binning {
  /** Rows sampled to place the quantile edges, as scikit-learn does (2e5). */
  static final int SAMPLE_ROWS = 200_000;

  final int features;
  final int[] bins;
  final boolean[] categorical;
  final float[][] edges;

  private Binning(int features) {
    this.features = features;
    this.bins = new int[features];
    this.categorical = new boolean[features];
    this.edges = new float[features][];
  }

  /**
   * Fits the edges.
   *
   * @param rows not modified
   * @param trainRows the rows to fit on
   * @param maxBins at most this many value bins per feature (≤ 255)
   * @param categoricalColumns which columns hold category codes
   */
  static Binning fit(
      FMatrixRMaj rows, int[] trainRows, int maxBins, boolean[] categoricalColumns, long seed) {
    int d = rows.numCols;
    Binning b = new Binning(d);
    int[] sample = trainRows;
    if (trainRows.length > SAMPLE_ROWS) {
      int[] copy = trainRows.clone();
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < SAMPLE_ROWS; i++) {
        int j = i + rnd.nextInt(copy.length - i);
        int t = copy[i];
        copy[i] = copy[j];
        copy[j] = t;
      }
      sample = Arrays.copyOf(copy, SAMPLE_ROWS);
    }
    float[] values = new float[sample.length];
    for (int f = 0; f < d; f++) {
      if (categoricalColumns[f]) {
        int max = -1;
        for (int r : trainRows) {
          float v = rows.data[r * d + f];
          if (v >= 0 && v < maxBins && v == (int) v) {
            max = Math.max(max, (int) v);
          }
        }
        b.categorical[f] = true;
        b.bins[f] = max + 1;
        b.edges[f] = new float[0];
        continue;
      }
      int m = 0;
      for (int r : sample) {
        float v = rows.data[r * d + f];
        if (!Float.isNaN(v)) {
          values[m++] = v;
        }
      }
      Arrays.sort(values, 0, m);
      b.edges[f] = edges(values, m, maxBins);
      b.bins[f] = b.edges[f].length;
    }
    return b;
  }

  /** Upper bin edges of sorted values; the last edge is +∞ so every number has a bin. */
  private static float[] edges(float[] sorted, int m, int maxBins) {
    if (m == 0) {
      return new float[] {Float.POSITIVE_INFINITY};
    }
    int distinct = 1;
    for (int i = 1; i < m; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    float[] out;
    int k = 0;
    if (distinct <= maxBins) {
      out = new float[distinct];
      for (int i = 1; i < m; i++) {
        if (sorted[i] != sorted[i - 1]) {
          out[k++] = midpoint(sorted[i - 1], sorted[i]);
        }
      }
    } else {
      out = new float[maxBins];
      float last = Float.NEGATIVE_INFINITY;
      for (int q = 1; q < maxBins; q++) {
        int idx = (int) ((long) q * m / maxBins);
        // The edge sits between the quantile value and the next larger value, so ties stay in one
        // bin and the edge never equals a value seen.
        float lo = sorted[idx];
        int j = idx;
        while (j < m && sorted[j] == lo) {
          j++;
        }
        if (j >= m) {
          break;
        }
        float e = midpoint(lo, sorted[j]);
        if (e > last) {
          out[k++] = e;
          last = e;
        }
      }
    }
    out[k++] = Float.POSITIVE_INFINITY;
    return Arrays.copyOf(out, k);
  }

  private static float midpoint(float a, float b) {
    float mid = (float) (((double) a + b) / 2);
    // In float the midpoint can round up onto b; a itself then splits them.
    return mid < b ? mid : a;
  }

  /** The bin of a value of feature {@code f}. */
  int bin(int f, float v) {
    if (categorical[f]) {
      int c = (int) v;
      return (v >= 0 && c == v && c < bins[f]) ? c : bins[f];
    }
    if (Float.isNaN(v)) {
      return bins[f];
    }
    float[] e = edges[f];
    int lo = 0;
    int hi = e.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (v <= e[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** All rows binned, column-major: {@code out[f * n + i]} (unsigned bytes). */
  byte[] binAll(FMatrixRMaj rows, WorkerPool workers) {
    int n = rows.numRows;
    int d = rows.numCols;
    byte[] out = new byte[n * d];
    workers.forRange(
        d,
        true,
        (from, to) -> {
          for (int f = from; f < to; f++) {
            int base = f * n;
            for (int i = 0; i < n; i++) {
              out[base + i] = (byte) bin(f, rows.data[i * d + f]);
            }
          }
        });
    return out;
  }
}
