package org.aidmp.predict.tree;

import java.util.SplittableRandom;

/**
 * The rows a {@link GradientBoosting} fit holds out for early stopping, drawn at random from the
 * fit's seed (per class under logistic loss, so that both classes are represented).
 */
final class HoldOut {
  private HoldOut() {}

  /**
   * Splits rows {@code 0..n-1} into training and validation rows, each in row order; all rows train
   * when the fraction is 0, or when it would give no validation row or fewer than two training
   * rows.
   *
   * @param stratified whether each class (labels 0 and 1) gives the same share
   * @return the training rows and the validation rows
   */
  static int[][] split(double[] y, int n, boolean stratified, double frac, SplittableRandom rnd) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (frac <= 0) {
      return new int[][] {all, new int[0]};
    }
    boolean[] isVal = new boolean[n];
    int nVal = 0;
    if (stratified) {
      // Stratified: each class gives the same share.
      for (int cls = 0; cls <= 1; cls++) {
        int count = 0;
        for (int i = 0; i < n; i++) {
          if (y[i] == cls) {
            count++;
          }
        }
        int[] idx = new int[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (y[i] == cls) {
            idx[k++] = i;
          }
        }
        shuffle(idx, rnd);
        int take = (int) Math.round(frac * count);
        for (int j = 0; j < take; j++) {
          isVal[idx[j]] = true;
        }
        nVal += take;
      }
    } else {
      shuffle(all, rnd);
      int take = (int) Math.round(frac * n);
      for (int j = 0; j < take; j++) {
        isVal[all[j]] = true;
      }
      nVal = take;
    }
    if (nVal < 1 || nVal >= n - 1) {
      int[] ordered = new int[n];
      for (int i = 0; i < n; i++) {
        ordered[i] = i;
      }
      return new int[][] {ordered, new int[0]};
    }
    int[] train = new int[n - nVal];
    int[] val = new int[nVal];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (isVal[i]) {
        val[b++] = i;
      } else {
        train[a++] = i;
      }
    }
    return new int[][] {train, val};
  }

  private static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
