package org.aidmp.kmeans;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ejml.data.FMatrixRMaj;

/** How {@link Persona#describe} turns a fitted model into personas. */
final class Personas {
  private Personas() {}

  /**
   * One persona per segment, largest first. A feature's distinctiveness is its standard score:
   * (segment mean − population mean) / population standard deviation, computed on {@code x};
   * features with no spread are never picked. The values a trait reports (means and medians of the
   * segment and of everyone) are taken over the rows' values in original units, each mapped back by
   * {@code units} first: under a log transform the mean of the logs, mapped back, would be a
   * geometric mean, well below the real mean of a skewed count.
   *
   * @param model the model whose labels belong to the rows of {@code x}
   * @param x the rows the model was fitted on (scaled space); not modified
   * @param featureNames one name per column
   * @param units maps scaled values back to original units
   * @param topFeatures traits per persona, at most the number of features
   */
  static List<Persona> describe(
      org.aidmp.stage.SegmentModel model,
      FMatrixRMaj x,
      List<String> featureNames,
      FeatureUnits units,
      int topFeatures) {
    Objects.requireNonNull(units, "units");
    int n = x.numRows;
    int d = x.numCols;
    int[] labels = model.labels();
    if (labels.length != n) {
      throw new IllegalArgumentException(
          "the model labels "
              + labels.length
              + " rows but x has "
              + n
              + "; pass the matrix the model was fitted on");
    }
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + d + " columns; pass one name per column");
    }
    if (topFeatures < 0) {
      throw new IllegalArgumentException("topFeatures is " + topFeatures + "; use 0 or more");
    }
    int k = model.k();
    double[] mean = new double[d];
    double[] segSum = new double[k * d];
    int[] size = new int[k];
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      size[l]++;
      for (int j = 0; j < d; j++) {
        double v = x.data[i * d + j];
        mean[j] += v;
        segSum[l * d + j] += v;
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] std = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double u = x.data[i * d + j] - mean[j];
        std[j] += u * u;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j] / n);
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer c) -> -size[c]).thenComparingInt(c -> c));
    List<Persona> out = new ArrayList<>(k);
    int top = Math.min(topFeatures, d);
    Map<Integer, Column> originals = new HashMap<>();
    int[][] members = new int[k][];
    int[] filled = new int[k];
    for (int c = 0; c < k; c++) {
      members[c] = new int[size[c]];
    }
    for (int i = 0; i < n; i++) {
      members[labels[i]][filled[labels[i]]++] = i;
    }
    for (int c : order) {
      List<Persona.Trait> traits = new ArrayList<>();
      if (size[c] > 0) {
        double[] z = new double[d];
        Integer[] f = new Integer[d];
        for (int j = 0; j < d; j++) {
          f[j] = j;
          z[j] = std[j] > 0 ? (segSum[c * d + j] / size[c] - mean[j]) / std[j] : 0;
        }
        Arrays.sort(
            f, Comparator.comparingDouble((Integer j) -> -Math.abs(z[j])).thenComparingInt(j -> j));
        for (int t = 0; t < top; t++) {
          int j = f[t];
          if (std[j] == 0) {
            break;
          }
          Column all = originals.computeIfAbsent(j, col -> Column.of(original(x, col, units)));
          int[] rows = members[c];
          double[] seg = new double[rows.length];
          for (int m = 0; m < rows.length; m++) {
            seg[m] = all.values[rows[m]];
          }
          traits.add(
              new Persona.Trait(
                  featureNames.get(j), mean(seg), all.mean, z[j], median(seg), all.median));
        }
      }
      out.add(new Persona(c, size[c], (double) size[c] / n, traits));
    }
    return out;
  }

  /**
   * One feature's values over everyone, in original units, with their mean and median: taken once
   * per feature, since every persona that names the feature compares against the same figures.
   */
  private record Column(double[] values, double mean, double median) {
    static Column of(double[] values) {
      return new Column(values, Personas.mean(values), Personas.median(values));
    }
  }

  /** Column {@code j} of {@code x}, each value mapped back to original units. */
  private static double[] original(FMatrixRMaj x, int j, FeatureUnits units) {
    int n = x.numRows;
    int d = x.numCols;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = units.toOriginal(j, x.data[i * d + j]);
    }
    return v;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The median; the mean of the two middle values for an even count. Sorts a copy. */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
