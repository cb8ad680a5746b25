package org.aidmp.predict.eval;

import java.util.Objects;

/**
 * Scores of a binary classifier against the true labels: ROC AUC, PR AUC (average precision),
 * log-loss and Brier score. Labels are 0 or 1; scores are probabilities for log-loss and Brier, any
 * order-preserving number for the AUCs.
 *
 * <pre>{@code
 * double auc = Metrics.rocAuc(scores, labels);
 * double ll = Metrics.logLoss(probabilities, labels);
 * }</pre>
 */
public final class Metrics {
  /** Probabilities are clipped to [EPS, 1 − EPS] in the log-loss, as scikit-learn does. */
  public static final double EPS = 1e-15;

  private Metrics() {}

  /**
   * The area under the ROC curve: the chance that a random positive scores above a random negative,
   * ties counting one half.
   *
   * @throws IllegalArgumentException if sizes differ, a label is not 0/1, or one class is absent
   */
  public static double rocAuc(double[] scores, double[] labels) {
    return rocAuc(scores, labels, null);
  }

  /** As {@link #rocAuc(double[], double[])} with a weight per row (null for unit weights). */
  public static double rocAuc(double[] scores, double[] labels, double[] weights) {
    int[] order = check(scores, labels, weights);
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < labels.length; i++) {
      double w = weights == null ? 1 : weights[i];
      if (labels[i] == 1) {
        pos += w;
      } else {
        neg += w;
      }
    }
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException(
          "ROC AUC needs both classes; the labels hold only " + (pos == 0 ? "0s" : "1s"));
    }
    // Walk ascending scores in tie groups: each positive beats the negatives below its group and
    // ties half of those inside it.
    double negBelow = 0;
    double area = 0;
    int i = 0;
    int n = order.length;
    while (i < n) {
      int j = i;
      double gp = 0;
      double gn = 0;
      double s = scores[order[i]];
      while (j < n && scores[order[j]] == s) {
        int r = order[j];
        double w = weights == null ? 1 : weights[r];
        if (labels[r] == 1) {
          gp += w;
        } else {
          gn += w;
        }
        j++;
      }
      area += gp * (negBelow + 0.5 * gn);
      negBelow += gn;
      i = j;
    }
    return area / (pos * neg);
  }

  /**
   * Average precision (the area under the precision-recall curve as a step function, as
   * scikit-learn's {@code average_precision_score} computes it).
   */
  public static double prAuc(double[] scores, double[] labels) {
    int[] order = check(scores, labels, null);
    double pos = 0;
    for (double y : labels) {
      pos += y;
    }
    if (pos == 0) {
      throw new IllegalArgumentException("PR AUC needs at least one positive label");
    }
    double tp = 0;
    double fp = 0;
    double ap = 0;
    double prevRecall = 0;
    int n = order.length;
    int i = n - 1;
    while (i >= 0) {
      double s = scores[order[i]];
      while (i >= 0 && scores[order[i]] == s) {
        if (labels[order[i]] == 1) {
          tp++;
        } else {
          fp++;
        }
        i--;
      }
      double recall = tp / pos;
      double precision = tp / (tp + fp);
      ap += (recall - prevRecall) * precision;
      prevRecall = recall;
    }
    return ap;
  }

  /** The mean negative log-likelihood of the labels under the probabilities (natural log). */
  public static double logLoss(double[] probabilities, double[] labels) {
    check(probabilities, labels, null, false);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Math.min(Math.max(probabilities[i], EPS), 1 - EPS);
      sum -= labels[i] == 1 ? Math.log(p) : Math.log1p(-p);
    }
    return sum / labels.length;
  }

  /** The mean squared difference between probability and label. */
  public static double brier(double[] probabilities, double[] labels) {
    check(probabilities, labels, null, false);
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double e = probabilities[i] - labels[i];
      sum += e * e;
    }
    return sum / labels.length;
  }

  private static int[] check(double[] scores, double[] labels, double[] weights) {
    check(scores, labels, weights, true);
    return order(scores);
  }

  private static void check(double[] scores, double[] labels, double[] weights, boolean any) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(labels, "labels");
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          "scores (" + scores.length + ") and labels (" + labels.length + ") differ in number");
    }
    if (weights != null && weights.length != labels.length) {
      throw new IllegalArgumentException(
          "weights (" + weights.length + ") and labels (" + labels.length + ") differ in number");
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is not 0 or 1");
      }
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("score at row " + i + " is NaN");
      }
      if (!any && (scores[i] < 0 || scores[i] > 1)) {
        throw new IllegalArgumentException(
            "probability at row " + i + " is outside [0, 1]; pass probabilities, not margins");
      }
    }
  }

  /** Row indices in ascending score order (stable). */
  static int[] order(double[] scores) {
    int n = scores.length;
    double[] copy = scores.clone();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    sort(copy, idx, 0, n);
    return idx;
  }

  private static void sort(double[] key, int[] idx, int from, int to) {
    // Merge sort by (key, index): stable and allocation bounded by one buffer per level.
    if (to - from < 2) {
      return;
    }
    double[] kb = new double[to - from];
    int[] ib = new int[to - from];
    mergeSort(key, idx, from, to, kb, ib);
  }

  private static void mergeSort(double[] key, int[] idx, int from, int to, double[] kb, int[] ib) {
    int len = to - from;
    if (len < 2) {
      return;
    }
    if (len <= 16) {
      for (int i = from + 1; i < to; i++) {
        double k = key[i];
        int v = idx[i];
        int j = i - 1;
        while (j >= from && Double.compare(key[j], k) > 0) {
          key[j + 1] = key[j];
          idx[j + 1] = idx[j];
          j--;
        }
        key[j + 1] = k;
        idx[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(key, idx, from, mid, kb, ib);
    mergeSort(key, idx, mid, to, kb, ib);
    int a = from;
    int b = mid;
    int o = 0;
    while (a < mid && b < to) {
      if (Double.compare(key[b], key[a]) < 0) {
        kb[o] = key[b];
        ib[o++] = idx[b++];
      } else {
        kb[o] = key[a];
        ib[o++] = idx[a++];
      }
    }
    while (a < mid) {
      kb[o] = key[a];
      ib[o++] = idx[a++];
    }
    while (b < to) {
      kb[o] = key[b];
      ib[o++] = idx[b++];
    }
    System.arraycopy(kb, 0, key, from, o);
    System.arraycopy(ib, 0, idx, from, o);
  }

  /** Summary of a binary classifier's probabilities on one data set. */
  public record Summary(double rocAuc, double prAuc, double logLoss, double brier) {}

  /** All four measures at once. */
  public static Summary summary(double[] probabilities, double[] labels) {
    return new Summary(
        rocAuc(probabilities, labels),
        prAuc(probabilities, labels),
        logLoss(probabilities, labels),
        brier(probabilities, labels));
  }
}
