package org.aidmp.predict.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.aidmp.stage.ScoreModel;
import org.aidmp.stage.Scorer;
import org.ejml.data.FMatrixRMaj;

/**
 * Stratified k-fold cross-validation: each fold holds the same share of each class; every row is
 * scored once, by the model that did not see it.
 *
 * <pre>{@code
 * CrossValidation.Result cv = CrossValidation.run(GradientBoosting.DEFAULT, rows, labels, 5, 42);
 * cv.meanAuc();
 * }</pre>
 */
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * The outcome.
   *
   * @param folds the fold of each row
   * @param outOfFold each row's score from the model fitted without its fold
   * @param perFold the measures on each fold
   */
  public record Result(int[] folds, double[] outOfFold, List<Metrics.Summary> perFold) {
    /** Copies the arrays. */
    public Result {
      folds = folds.clone();
      outOfFold = outOfFold.clone();
      perFold = List.copyOf(perFold);
    }

    /** The fold of each row. */
    @Override
    public int[] folds() {
      return folds.clone();
    }

    /** Each row's out-of-fold score. */
    @Override
    public double[] outOfFold() {
      return outOfFold.clone();
    }

    /** The mean ROC AUC over folds. */
    public double meanAuc() {
      return perFold.stream().mapToDouble(Metrics.Summary::rocAuc).average().orElse(Double.NaN);
    }

    /** The mean log-loss over folds. */
    public double meanLogLoss() {
      return perFold.stream().mapToDouble(Metrics.Summary::logLoss).average().orElse(Double.NaN);
    }
  }

  /**
   * Assigns each row a fold in {@code 0..k-1}: each class is shuffled with the seed and dealt out
   * in turn, so fold sizes differ by at most one, per class and overall.
   *
   * @throws IllegalArgumentException if k is below 2 or above a class's size
   */
  public static int[] stratifiedFolds(double[] labels, int k, long seed) {
    Objects.requireNonNull(labels, "labels");
    int pos = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is not 0 or 1");
      }
      pos += (int) labels[i];
    }
    int neg = labels.length - pos;
    if (k < 2 || k > Math.min(pos, neg)) {
      throw new IllegalArgumentException(
          "k ("
              + k
              + ") must be in 2.."
              + Math.min(pos, neg)
              + " (the smaller class has "
              + Math.min(pos, neg)
              + " rows)");
    }
    int[] folds = new int[labels.length];
    SplittableRandom rnd = new SplittableRandom(seed);
    int next = 0;
    for (int cls = 0; cls <= 1; cls++) {
      int[] idx = new int[cls == 1 ? pos : neg];
      int m = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == cls) {
          idx[m++] = i;
        }
      }
      for (int i = m - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      // The second class is dealt on from where the first stopped, so fold sizes differ by at
      // most one overall as well as per class.
      for (int j = 0; j < m; j++) {
        folds[idx[j]] = (next + j) % k;
      }
      next = (next + m) % k;
    }
    return folds;
  }

  /**
   * Fits the scorer k times, each time without one fold, and scores that fold.
   *
   * @param scorer fits a probability model
   * @param rows not modified
   * @param labels 0 or 1; not modified
   */
  public static Result run(Scorer scorer, FMatrixRMaj rows, double[] labels, int k, long seed) {
    Objects.requireNonNull(scorer, "scorer");
    if (rows.numRows != labels.length) {
      throw new IllegalArgumentException(
          "rows (" + rows.numRows + ") and labels (" + labels.length + ") differ in number");
    }
    int[] folds = stratifiedFolds(labels, k, seed);
    double[] oof = new double[labels.length];
    List<Metrics.Summary> per = new ArrayList<>();
    int d = rows.numCols;
    for (int f = 0; f < k; f++) {
      int test = 0;
      for (int fold : folds) {
        test += fold == f ? 1 : 0;
      }
      FMatrixRMaj tr = new FMatrixRMaj(labels.length - test, d);
      FMatrixRMaj te = new FMatrixRMaj(test, d);
      double[] ytr = new double[labels.length - test];
      double[] yte = new double[test];
      int[] teIdx = new int[test];
      int a = 0;
      int b = 0;
      for (int i = 0; i < labels.length; i++) {
        if (folds[i] == f) {
          System.arraycopy(rows.data, i * d, te.data, b * d, d);
          yte[b] = labels[i];
          teIdx[b++] = i;
        } else {
          System.arraycopy(rows.data, i * d, tr.data, a * d, d);
          ytr[a++] = labels[i];
        }
      }
      ScoreModel m = scorer.fit(tr, ytr);
      double[] p = m.score(te);
      for (int j = 0; j < test; j++) {
        oof[teIdx[j]] = p[j];
      }
      per.add(Metrics.summary(p, yte));
    }
    return new Result(folds, oof, per);
  }
}
