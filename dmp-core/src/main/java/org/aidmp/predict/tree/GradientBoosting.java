package org.aidmp.predict.tree;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.aidmp.stage.Scorer;
import org.ejml.data.FMatrixRMaj;

/**
 * Gradient-boosted decision trees, immutable configuration; {@link #fit} grows the trees.
 *
 * <pre>{@code
 * GradientBoosting gbt = GradientBoosting.builder()
 *     .setLoss(Loss.LOGISTIC).setMaxIterations(200).setLearningRate(0.1)
 *     .setCategoricalColumns(3, 7).setSeed(42).setThreads(2).get();
 * GbtModel model = gbt.fit(rows, labels);          // NaN = missing
 * double p = model.score(row, 0);                   // probability of label 1
 * }</pre>
 *
 * <p>Each feature is cut into at most {@link #maxBins()} quantile bins once, before the first tree.
 * Trees grow leaf by leaf (the split with the largest gain first) up to {@link #maxLeaves()} leaves
 * and {@link #maxDepth()} levels, from histograms of gradient and hessian sums per bin; a child's
 * histogram is its parent's minus its sibling's, so only the smaller child is counted. Missing
 * values have their own bin and each split learns which side they go to (with none in training,
 * they follow the side with more rows). Categorical columns hold integer codes {@code 0..254};
 * their splits send a set of categories left, found by sorting categories by gradient over hessian.
 * Leaves take {@code −G / (H + l2)}, shrunk by the learning rate. With a validation fraction,
 * training stops once the validation loss has not improved for {@link #patience()} rounds, and the
 * model keeps the best round.
 *
 * <p>One seed gives a bit-identical model on any number of threads: threads own ranges of features
 * (histograms, split search) or of rows (gradients, margins) and every sum is taken in one fixed
 * order.
 */
public final class GradientBoosting implements Scorer {
  /** Logistic loss, 100 rounds, learning rate 0.1, 31 leaves, 20 rows per leaf, seed 42. */
  public static final GradientBoosting DEFAULT = new Builder().get();

  /** The largest number of bins per feature: codes must fit a byte with one left for missing. */
  public static final int MAX_BINS = 255;

  private final Loss loss;
  private final int maxIterations;
  private final double learningRate;
  private final int maxLeaves;
  private final int maxDepth;
  private final int minSamplesLeaf;
  private final double minChildWeight;
  private final double l2;
  private final int maxBins;
  private final double rowSubsample;
  private final double columnSubsample;
  private final double validationFraction;
  private final int patience;
  private final double tolerance;
  private final int[] categoricalColumns;
  private final long seed;
  private final int threads;
  private final Executor executor;

  private GradientBoosting(Builder b) {
    this.loss = b.loss;
    this.maxIterations = b.maxIterations;
    this.learningRate = b.learningRate;
    this.maxLeaves = b.maxLeaves;
    this.maxDepth = b.maxDepth;
    this.minSamplesLeaf = b.minSamplesLeaf;
    this.minChildWeight = b.minChildWeight;
    this.l2 = b.l2;
    this.maxBins = b.maxBins;
    this.rowSubsample = b.rowSubsample;
    this.columnSubsample = b.columnSubsample;
    this.validationFraction = b.validationFraction;
    this.patience = b.patience;
    this.tolerance = b.tolerance;
    this.categoricalColumns = b.categoricalColumns.clone();
    this.seed = b.seed;
    this.threads = b.threads;
    this.executor = b.executor;
  }

  /** A builder with the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.loss = loss;
    b.maxIterations = maxIterations;
    b.learningRate = learningRate;
    b.maxLeaves = maxLeaves;
    b.maxDepth = maxDepth;
    b.minSamplesLeaf = minSamplesLeaf;
    b.minChildWeight = minChildWeight;
    b.l2 = l2;
    b.maxBins = maxBins;
    b.rowSubsample = rowSubsample;
    b.columnSubsample = columnSubsample;
    b.validationFraction = validationFraction;
    b.patience = patience;
    b.tolerance = tolerance;
    b.categoricalColumns = categoricalColumns.clone();
    b.seed = seed;
    b.threads = threads;
    b.executor = executor;
    return b;
  }

  /** The loss minimised. */
  public Loss loss() {
    return loss;
  }

  /** The largest number of trees (boosting rounds). */
  public int maxIterations() {
    return maxIterations;
  }

  /** The shrinkage applied to each tree. */
  public double learningRate() {
    return learningRate;
  }

  /** The largest number of leaves per tree. */
  public int maxLeaves() {
    return maxLeaves;
  }

  /** The largest depth of a tree; 0 for no limit other than {@link #maxLeaves()}. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The fewest training rows in a leaf. */
  public int minSamplesLeaf() {
    return minSamplesLeaf;
  }

  /** The smallest hessian sum in a leaf. */
  public double minChildWeight() {
    return minChildWeight;
  }

  /** The L2 penalty on leaf values. */
  public double l2() {
    return l2;
  }

  /** The largest number of bins per feature (missing values have one more). */
  public int maxBins() {
    return maxBins;
  }

  /** The share of training rows each tree sees. */
  public double rowSubsample() {
    return rowSubsample;
  }

  /** The share of features each tree may split on. */
  public double columnSubsample() {
    return columnSubsample;
  }

  /** The share of rows held out for early stopping; 0 turns early stopping off. */
  public double validationFraction() {
    return validationFraction;
  }

  /** Rounds without improvement of the validation loss before training stops. */
  public int patience() {
    return patience;
  }

  /** The smallest decrease of the validation loss that counts as an improvement. */
  public double tolerance() {
    return tolerance;
  }

  /** Columns holding category codes. */
  public int[] categoricalColumns() {
    return categoricalColumns.clone();
  }

  /** The seed for subsampling and the validation split. */
  public long seed() {
    return seed;
  }

  /** The number of threads a fit uses. */
  public int threads() {
    return threads;
  }

  /** The executor helper threads run on; null for a pool the fit owns and closes. */
  public Executor executor() {
    return executor;
  }

  /** Fits with unit weights; see {@link #fit(FMatrixRMaj, double[], double[])}. */
  @Override
  public GbtModel fit(FMatrixRMaj rows, double[] labels) {
    return fit(rows, labels, null);
  }

  /**
   * Fits the trees.
   *
   * @param rows one example per row, NaN for a missing value; not modified
   * @param labels 0 or 1 for {@link Loss#LOGISTIC}, any finite number otherwise; not modified
   * @param weights one non-negative weight per row, or null for unit weights; not modified
   * @throws IllegalArgumentException if sizes differ, a label or weight is invalid, or a
   *     categorical column index is outside the rows
   */
  public GbtModel fit(FMatrixRMaj rows, double[] labels, double[] weights) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(labels, "labels");
    if (labels.length != rows.numRows) {
      throw new IllegalArgumentException(
          "labels (" + labels.length + ") and rows (" + rows.numRows + ") differ in number");
    }
    if (weights != null && weights.length != rows.numRows) {
      throw new IllegalArgumentException(
          "weights (" + weights.length + ") and rows (" + rows.numRows + ") differ in number");
    }
    if (rows.numRows < 2 || rows.numCols < 1) {
      throw new IllegalArgumentException(
          "need at least 2 rows and 1 column, got " + rows.numRows + " x " + rows.numCols);
    }
    for (int c : categoricalColumns) {
      if (c >= rows.numCols) {
        throw new IllegalArgumentException(
            "categorical column " + c + " is outside the " + rows.numCols + " columns");
      }
    }
    for (int i = 0; i < labels.length; i++) {
      double y = labels[i];
      if (!Double.isFinite(y) || (loss == Loss.LOGISTIC && y != 0 && y != 1)) {
        throw new IllegalArgumentException(
            "label at row "
                + i
                + " is "
                + (Double.isFinite(y) ? "not 0 or 1" : "not finite")
                + "; logistic loss needs labels 0 and 1, squared error finite labels");
      }
      if (weights != null && !(weights[i] >= 0 && Double.isFinite(weights[i]))) {
        throw new IllegalArgumentException(
            "weight at row " + i + " is negative or not finite; weights must be finite and >= 0");
      }
    }
    return new Fitter(this, rows, labels, weights).fit();
  }

  @Override
  public String toString() {
    return "GradientBoosting[loss="
        + loss
        + ", maxIterations="
        + maxIterations
        + ", learningRate="
        + learningRate
        + ", maxLeaves="
        + maxLeaves
        + ", maxDepth="
        + maxDepth
        + ", minSamplesLeaf="
        + minSamplesLeaf
        + ", minChildWeight="
        + minChildWeight
        + ", l2="
        + l2
        + ", maxBins="
        + maxBins
        + ", rowSubsample="
        + rowSubsample
        + ", columnSubsample="
        + columnSubsample
        + ", validationFraction="
        + validationFraction
        + ", patience="
        + patience
        + ", tolerance="
        + tolerance
        + ", categoricalColumns="
        + Arrays.toString(categoricalColumns)
        + ", seed="
        + seed
        + ", threads="
        + threads
        + "]";
  }

  /** Builds a {@link GradientBoosting}; each setter checks its value. */
  public static final class Builder {
    private Loss loss = Loss.LOGISTIC;
    private int maxIterations = 100;
    private double learningRate = 0.1;
    private int maxLeaves = 31;
    private int maxDepth = 0;
    private int minSamplesLeaf = 20;
    private double minChildWeight = 1e-3;
    private double l2 = 0;
    private int maxBins = MAX_BINS;
    private double rowSubsample = 1;
    private double columnSubsample = 1;
    private double validationFraction = 0.1;
    private int patience = 10;
    private double tolerance = 1e-7;
    private int[] categoricalColumns = new int[0];
    private long seed = 42;
    private int threads = 1;
    private Executor executor;

    private Builder() {}

    /** The loss to minimise. */
    public Builder setLoss(Loss loss) {
      this.loss = Objects.requireNonNull(loss, "loss");
      return this;
    }

    /** The largest number of trees, at least 1. */
    public Builder setMaxIterations(int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException(
            "maxIterations (" + maxIterations + ") must be at least 1");
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /** The shrinkage of each tree, in (0, 1]. */
    public Builder setLearningRate(double learningRate) {
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new IllegalArgumentException(
            "learningRate (" + learningRate + ") must be in (0, 1]; 0.05 to 0.3 is usual");
      }
      this.learningRate = learningRate;
      return this;
    }

    /** The largest number of leaves per tree, at least 2. */
    public Builder setMaxLeaves(int maxLeaves) {
      if (maxLeaves < 2 || maxLeaves > 1 << 16) {
        throw new IllegalArgumentException("maxLeaves (" + maxLeaves + ") must be in 2..65536");
      }
      this.maxLeaves = maxLeaves;
      return this;
    }

    /** The largest depth (the root is depth 0, its children 1); 0 for no limit. */
    public Builder setMaxDepth(int maxDepth) {
      if (maxDepth < 0 || maxDepth > 64) {
        throw new IllegalArgumentException(
            "maxDepth (" + maxDepth + ") must be in 0..64; 0 means no limit");
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** The fewest training rows in a leaf, at least 1. */
    public Builder setMinSamplesLeaf(int minSamplesLeaf) {
      if (minSamplesLeaf < 1) {
        throw new IllegalArgumentException(
            "minSamplesLeaf (" + minSamplesLeaf + ") must be at least 1");
      }
      this.minSamplesLeaf = minSamplesLeaf;
      return this;
    }

    /** The smallest hessian sum in a leaf, at least 0. */
    public Builder setMinChildWeight(double minChildWeight) {
      if (!(minChildWeight >= 0) || Double.isInfinite(minChildWeight)) {
        throw new IllegalArgumentException(
            "minChildWeight (" + minChildWeight + ") must be finite and at least 0");
      }
      this.minChildWeight = minChildWeight;
      return this;
    }

    /** The L2 penalty on leaf values, at least 0. */
    public Builder setL2(double l2) {
      if (!(l2 >= 0) || Double.isInfinite(l2)) {
        throw new IllegalArgumentException("l2 (" + l2 + ") must be finite and at least 0");
      }
      this.l2 = l2;
      return this;
    }

    /** The largest number of bins per feature, in 2..255. */
    public Builder setMaxBins(int maxBins) {
      if (maxBins < 2 || maxBins > MAX_BINS) {
        throw new IllegalArgumentException("maxBins (" + maxBins + ") must be in 2.." + MAX_BINS);
      }
      this.maxBins = maxBins;
      return this;
    }

    /** The share of rows each tree sees, in (0, 1]. */
    public Builder setRowSubsample(double rowSubsample) {
      if (!(rowSubsample > 0 && rowSubsample <= 1)) {
        throw new IllegalArgumentException("rowSubsample (" + rowSubsample + ") must be in (0, 1]");
      }
      this.rowSubsample = rowSubsample;
      return this;
    }

    /** The share of features each tree may split on, in (0, 1]. */
    public Builder setColumnSubsample(double columnSubsample) {
      if (!(columnSubsample > 0 && columnSubsample <= 1)) {
        throw new IllegalArgumentException(
            "columnSubsample (" + columnSubsample + ") must be in (0, 1]");
      }
      this.columnSubsample = columnSubsample;
      return this;
    }

    /** The share of rows held out for early stopping, in [0, 0.5]; 0 turns it off. */
    public Builder setValidationFraction(double validationFraction) {
      if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
        throw new IllegalArgumentException(
            "validationFraction ("
                + validationFraction
                + ") must be in [0, 0.5]; 0 turns early stopping off");
      }
      this.validationFraction = validationFraction;
      return this;
    }

    /** Rounds without improvement before training stops, at least 1. */
    public Builder setPatience(int patience) {
      if (patience < 1) {
        throw new IllegalArgumentException("patience (" + patience + ") must be at least 1");
      }
      this.patience = patience;
      return this;
    }

    /** The smallest improvement of the validation loss that counts, at least 0. */
    public Builder setTolerance(double tolerance) {
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException("tolerance (" + tolerance + ") must be finite and >= 0");
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Columns holding category codes {@code 0..maxBins-1}; other values there count as missing. */
    public Builder setCategoricalColumns(int... columns) {
      int[] c = columns.clone();
      Arrays.sort(c);
      for (int i = 0; i < c.length; i++) {
        if (c[i] < 0 || (i > 0 && c[i] == c[i - 1])) {
          throw new IllegalArgumentException(
              "categorical column " + c[i] + " is negative or listed twice");
        }
      }
      this.categoricalColumns = c;
      return this;
    }

    /** The seed. */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Threads per fit, at least 1; the model does not depend on it. */
    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /** Where helper threads run; null (the default) for a pool each fit owns and closes. */
    public Builder setExecutor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The configuration. */
    public GradientBoosting get() {
      return new GradientBoosting(this);
    }
  }
}
