package org.aidmp.kmeans;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;

/**
 * Internal quality of a partition, computed from the rows and their labels (Euclidean distance, in
 * double). Empty clusters are ignored; labels must lie in [0, k).
 *
 * <pre>{@code
 * int[] labels = model.labels();
 * double s = ClusterQuality.silhouette(x, labels, ClusterQuality.EXACT_SILHOUETTE_ROWS, 42);
 * double db = ClusterQuality.daviesBouldin(x, labels);
 * double ch = ClusterQuality.calinskiHarabasz(x, labels);
 * }</pre>
 *
 * <p>For a cosine model pass unit-length rows, as the model saw them.
 */
public final class ClusterQuality {
  /** Up to this many rows the silhouette is exact (quadratic cost); above, a sample this large. */
  public static final int EXACT_SILHOUETTE_ROWS = 4096;

  private ClusterQuality() {}

  private static int clusters(int[] labels) {
    int k = 0;
    for (int l : labels) {
      if (l < 0) {
        throw new IllegalArgumentException("label " + l + " is negative; labels must be ≥ 0");
      }
      k = Math.max(k, l + 1);
    }
    return k;
  }

  private static void check(FMatrixRMaj x, int[] labels) {
    if (labels.length != x.numRows) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + x.numRows + " rows; pass one label per row");
    }
  }

  private static double dist(float[] a, int ao, float[] b, int bo, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double u = (double) a[ao + j] - b[bo + j];
      s += u * u;
    }
    return Math.sqrt(s);
  }

  /**
   * Mean silhouette in [−1, 1] (higher is better). Exact when the rows are at most {@code
   * maxExactRows}; otherwise computed within a sample of that many rows drawn with {@code seed}, as
   * scikit-learn's {@code sample_size} does. A row alone in its cluster scores 0; with fewer than
   * two non-empty clusters the result is 0.
   */
  public static double silhouette(FMatrixRMaj x, int[] labels, int maxExactRows, long seed) {
    check(x, labels);
    if (maxExactRows < 2) {
      throw new IllegalArgumentException("maxExactRows is " + maxExactRows + "; use 2 or more");
    }
    int n = x.numRows;
    int d = x.numCols;
    int[] rows;
    if (n <= maxExactRows) {
      rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
    } else {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < maxExactRows; i++) {
        int j = i + r.nextInt(n - i);
        int t = all[i];
        all[i] = all[j];
        all[j] = t;
      }
      rows = java.util.Arrays.copyOf(all, maxExactRows);
    }
    int k = clusters(labels);
    int[] count = new int[k];
    for (int i : rows) {
      count[labels[i]]++;
    }
    int nonEmpty = 0;
    for (int c : count) {
      nonEmpty += c > 0 ? 1 : 0;
    }
    if (nonEmpty < 2) {
      return 0;
    }
    double total = 0;
    double[] sum = new double[k];
    for (int i : rows) {
      java.util.Arrays.fill(sum, 0);
      for (int j : rows) {
        if (i != j) {
          sum[labels[j]] += dist(x.data, i * d, x.data, j * d, d);
        }
      }
      int own = labels[i];
      if (count[own] <= 1) {
        continue;
      }
      double a = sum[own] / (count[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own && count[c] > 0) {
          b = Math.min(b, sum[c] / count[c]);
        }
      }
      double m = Math.max(a, b);
      total += m > 0 ? (b - a) / m : 0;
    }
    return total / rows.length;
  }

  private static double[] means(FMatrixRMaj x, int[] labels, int k, int[] count) {
    int d = x.numCols;
    double[] c = new double[k * d];
    for (int i = 0; i < x.numRows; i++) {
      count[labels[i]]++;
      for (int j = 0; j < d; j++) {
        c[labels[i] * d + j] += x.data[i * d + j];
      }
    }
    for (int q = 0; q < k; q++) {
      for (int j = 0; j < d; j++) {
        c[q * d + j] = count[q] > 0 ? c[q * d + j] / count[q] : 0;
      }
    }
    return c;
  }

  /**
   * Davies–Bouldin index (lower is better): the mean over clusters of the worst (sᵢ + sⱼ) / ‖cᵢ −
   * cⱼ‖, s being the mean distance of a cluster's rows to its mean. 0 with fewer than two non-empty
   * clusters; a pair of clusters with the same mean counts as +∞.
   */
  public static double daviesBouldin(FMatrixRMaj x, int[] labels) {
    check(x, labels);
    int k = clusters(labels);
    int d = x.numCols;
    int[] count = new int[k];
    double[] c = means(x, labels, k, count);
    double[] s = new double[k];
    for (int i = 0; i < x.numRows; i++) {
      int l = labels[i];
      double t = 0;
      for (int j = 0; j < d; j++) {
        double u = x.data[i * d + j] - c[l * d + j];
        t += u * u;
      }
      s[l] += Math.sqrt(t);
    }
    int nonEmpty = 0;
    double total = 0;
    for (int p = 0; p < k; p++) {
      if (count[p] == 0) {
        continue;
      }
      nonEmpty++;
      s[p] /= count[p];
    }
    if (nonEmpty < 2) {
      return 0;
    }
    for (int p = 0; p < k; p++) {
      if (count[p] == 0) {
        continue;
      }
      double worst = 0;
      for (int q = 0; q < k; q++) {
        if (q == p || count[q] == 0) {
          continue;
        }
        double sep = 0;
        for (int j = 0; j < d; j++) {
          double u = c[p * d + j] - c[q * d + j];
          sep += u * u;
        }
        sep = Math.sqrt(sep);
        double r = sep > 0 ? (s[p] + s[q]) / sep : Double.POSITIVE_INFINITY;
        worst = Math.max(worst, r);
      }
      total += worst;
    }
    return total / nonEmpty;
  }

  /**
   * Calinski–Harabasz index (higher is better): (between-cluster dispersion / (k − 1)) /
   * (within-cluster dispersion / (n − k)), k counting non-empty clusters. 0 with fewer than two
   * clusters; +∞ when every cluster is a single point repeated.
   */
  public static double calinskiHarabasz(FMatrixRMaj x, int[] labels) {
    check(x, labels);
    int k = clusters(labels);
    int n = x.numRows;
    int d = x.numCols;
    int[] count = new int[k];
    double[] c = means(x, labels, k, count);
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x.data[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    int nonEmpty = 0;
    double between = 0;
    for (int q = 0; q < k; q++) {
      if (count[q] == 0) {
        continue;
      }
      nonEmpty++;
      double t = 0;
      for (int j = 0; j < d; j++) {
        double u = c[q * d + j] - mean[j];
        t += u * u;
      }
      between += count[q] * t;
    }
    double within = 0;
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      for (int j = 0; j < d; j++) {
        double u = x.data[i * d + j] - c[l * d + j];
        within += u * u;
      }
    }
    if (nonEmpty < 2 || n <= nonEmpty) {
      return 0;
    }
    if (within == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return (between / (nonEmpty - 1)) / (within / (n - nonEmpty));
  }
}
