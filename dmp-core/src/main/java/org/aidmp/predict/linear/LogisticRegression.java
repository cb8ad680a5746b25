package org.aidmp.predict.linear;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.aidmp.stage.Provenance;
import org.aidmp.stage.Scorer;
import org.ejml.data.FMatrixRMaj;

/**
 * Binary logistic regression with an L2 and optional L1 penalty (elastic net), immutable
 * configuration; {@link #fit} solves it with L-BFGS, or OWL-QN when the L1 penalty is positive.
 *
 * <pre>{@code
 * LogisticRegression lr = LogisticRegression.builder()
 *     .setL2(1e-4).setCategoricalColumns(2).setBalanced(true).get();
 * LogisticModel model = lr.fit(rows, labels);   // NaN = missing
 * double p = model.score(row, 0);
 * double[] why = model.contributions(row, 0);  // coefficient × standardised value
 * }</pre>
 *
 * <p>The objective is the weighted mean log-loss plus {@code l2/2·‖β‖² + l1·‖β‖₁}; the intercept is
 * not penalised. Numeric columns are standardised to mean 0 and variance 1 on the (weighted)
 * training rows unless {@link #standardize()} is off; a missing value counts as the mean, that is
 * contributes nothing. A categorical column holds integer codes and gets one coefficient per code
 * seen in training; NaN and unseen codes contribute nothing. Sample weights multiply class weights.
 */
public final class LogisticRegression implements Scorer {
  /** L2 1e-4, no L1, standardised, unit class weights, 500 iterations, tolerance 1e-7. */
  public static final LogisticRegression DEFAULT = new Builder().get();

  /** Categorical columns with more codes than this are refused. */
  public static final int MAX_CATEGORIES = 1 << 16;

  private final double l2;
  private final double l1;
  private final boolean standardize;
  private final double negativeWeight;
  private final double positiveWeight;
  private final boolean balanced;
  private final int maxIterations;
  private final double tolerance;
  private final int memory;
  private final int[] categoricalColumns;

  private LogisticRegression(Builder b) {
    this.l2 = b.l2;
    this.l1 = b.l1;
    this.standardize = b.standardize;
    this.negativeWeight = b.negativeWeight;
    this.positiveWeight = b.positiveWeight;
    this.balanced = b.balanced;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.memory = b.memory;
    this.categoricalColumns = b.categoricalColumns.clone();
  }

  /** A builder with the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.l2 = l2;
    b.l1 = l1;
    b.standardize = standardize;
    b.negativeWeight = negativeWeight;
    b.positiveWeight = positiveWeight;
    b.balanced = balanced;
    b.maxIterations = maxIterations;
    b.tolerance = tolerance;
    b.memory = memory;
    b.categoricalColumns = categoricalColumns.clone();
    return b;
  }

  /** The L2 penalty on the coefficients (on the mean loss). */
  public double l2() {
    return l2;
  }

  /** The L1 penalty on the coefficients (on the mean loss). */
  public double l1() {
    return l1;
  }

  /** Whether numeric columns are standardised before fitting. */
  public boolean standardize() {
    return standardize;
  }

  /** Whether class weights make both classes weigh the same in total. */
  public boolean balanced() {
    return balanced;
  }

  /** The weight of each label-0 row (ignored when {@link #balanced()}). */
  public double negativeWeight() {
    return negativeWeight;
  }

  /** The weight of each label-1 row (ignored when {@link #balanced()}). */
  public double positiveWeight() {
    return positiveWeight;
  }

  /** The largest number of solver iterations. */
  public int maxIterations() {
    return maxIterations;
  }

  /** The solver stops when the objective improves by less than this, relatively. */
  public double tolerance() {
    return tolerance;
  }

  /** Columns holding category codes. */
  public int[] categoricalColumns() {
    return categoricalColumns.clone();
  }

  /** Fits with unit sample weights. */
  @Override
  public LogisticModel fit(FMatrixRMaj rows, double[] labels) {
    return fit(rows, labels, null);
  }

  /**
   * Fits the model.
   *
   * @param rows one example per row, NaN for missing; not modified
   * @param labels 0 or 1 per row; not modified
   * @param weights a non-negative weight per row, or null; not modified
   * @throws IllegalArgumentException if sizes differ, a label is not 0/1, a weight is invalid, a
   *     class is absent or a categorical code is out of range
   */
  public LogisticModel fit(FMatrixRMaj rows, double[] labels, double[] weights) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(labels, "labels");
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    int n = rows.numRows;
    int d = rows.numCols;
    if (labels.length != n || (weights != null && weights.length != n)) {
      throw new IllegalArgumentException(
          "rows ("
              + n
              + "), labels ("
              + labels.length
              + ")"
              + (weights == null ? "" : " and weights (" + weights.length + ")")
              + " differ in number");
    }
    boolean[] categorical = new boolean[d];
    for (int c : categoricalColumns) {
      if (c >= d) {
        throw new IllegalArgumentException(
            "categorical column " + c + " is outside the " + d + " columns");
      }
      categorical[c] = true;
    }
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is not 0 or 1");
      }
      double w = weights == null ? 1 : weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "weight at row " + i + " is negative or not finite; weights must be finite and >= 0");
      }
      if (labels[i] == 1) {
        pos += w;
      } else {
        neg += w;
      }
    }
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException(
          "logistic regression needs both labels; the weighted rows hold only "
              + (pos == 0 ? "0s" : "1s"));
    }
    double w0 = balanced ? (pos + neg) / (2 * neg) : negativeWeight;
    double w1 = balanced ? (pos + neg) / (2 * pos) : positiveWeight;
    double[] rw = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      rw[i] = (weights == null ? 1 : weights[i]) * (labels[i] == 1 ? w1 : w0);
      total += rw[i];
    }

    // Layout of the parameters: intercept, one per numeric column, then each categorical column's
    // codes.
    int[] levels = new int[d];
    int[] offset = new int[d];
    double[] mean = new double[d];
    double[] scale = new double[d];
    int p = 1;
    for (int f = 0; f < d; f++) {
      offset[f] = p;
      if (categorical[f]) {
        int max = -1;
        for (int i = 0; i < n; i++) {
          float v = rows.data[i * d + f];
          if (Float.isNaN(v)) {
            continue;
          }
          if (v < 0 || v != (int) v || v >= MAX_CATEGORIES) {
            throw new IllegalArgumentException(
                "categorical column "
                    + f
                    + " at row "
                    + i
                    + " is not a code in 0.."
                    + (MAX_CATEGORIES - 1)
                    + "; encode categories as small integers");
          }
          max = Math.max(max, (int) v);
        }
        levels[f] = max + 1;
        p += levels[f];
      } else {
        double sw = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
          float v = rows.data[i * d + f];
          if (!Float.isNaN(v)) {
            sw += rw[i];
            s += rw[i] * v;
          }
        }
        double m = sw > 0 ? s / sw : 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
          float v = rows.data[i * d + f];
          if (!Float.isNaN(v)) {
            ss += rw[i] * (v - m) * (v - m);
          }
        }
        double sd = sw > 0 ? Math.sqrt(ss / sw) : 0;
        mean[f] = standardize ? m : 0;
        scale[f] = standardize ? (sd > 0 ? sd : 1) : 1;
        p++;
      }
    }
    // Numeric columns standardised once into a dense float block, codes into an int block.
    int numeric = 0;
    int cats = 0;
    for (int f = 0; f < d; f++) {
      if (categorical[f]) {
        cats++;
      } else {
        numeric++;
      }
    }
    float[] xs = new float[n * numeric];
    int[] codes = new int[n * cats];
    int[] numCol = new int[numeric];
    int[] catCol = new int[cats];
    for (int f = 0, a = 0, b = 0; f < d; f++) {
      if (categorical[f]) {
        catCol[b++] = f;
      } else {
        numCol[a++] = f;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < numeric; a++) {
        int f = numCol[a];
        float v = rows.data[i * d + f];
        xs[i * numeric + a] = Float.isNaN(v) ? 0 : (float) ((v - mean[f]) / scale[f]);
      }
      for (int b = 0; b < cats; b++) {
        int f = catCol[b];
        float v = rows.data[i * d + f];
        codes[i * cats + b] = Float.isNaN(v) ? -1 : offset[f] + (int) v;
      }
    }
    Objective obj =
        new Objective(n, numeric, cats, xs, codes, labels, rw, total, l2, offset, numCol);
    double[] beta = new double[p];
    // Start at the intercept of the base rate: the first step is then about the features.
    beta[0] = Math.log(pos * w1 / (neg * w0));
    Owlqn solver = new Owlqn(memory, maxIterations, tolerance);
    Owlqn.Result r = solver.minimize(obj, beta, l1);
    Provenance prov =
        Provenance.ofFit("logistic", this, 0, n, started, Duration.ofNanos(System.nanoTime() - t0));
    return new LogisticModel(
        d, categorical, levels, offset, mean, scale, r.x(), r.iterations(), r.converged(), prov);
  }

  /** The smooth part: weighted mean log-loss plus the L2 term, with its gradient. */
  static final class Objective implements Owlqn.Function {
    private final int n;
    private final int numeric;
    private final int cats;
    private final float[] xs;
    private final int[] codes;
    private final double[] y;
    private final double[] w;
    private final double total;
    private final double l2;

    Objective(
        int n,
        int numeric,
        int cats,
        float[] xs,
        int[] codes,
        double[] y,
        double[] w,
        double total,
        double l2,
        int[] offset,
        int[] numCol) {
      this.n = n;
      this.numeric = numeric;
      this.cats = cats;
      this.xs = xs;
      this.codes = codes;
      this.y = y;
      this.w = w;
      this.total = total;
      this.l2 = l2;
      // Numeric coefficients sit at their columns' offsets; map the dense block to them.
      this.numericOffsets = new int[numeric];
      for (int a = 0; a < numeric; a++) {
        numericOffsets[a] = offset[numCol[a]];
      }
    }

    private final int[] numericOffsets;

    @Override
    public double valueAndGradient(double[] beta, double[] grad) {
      Arrays.fill(grad, 0);
      double loss = 0;
      for (int i = 0; i < n; i++) {
        double z = beta[0];
        int xo = i * numeric;
        for (int a = 0; a < numeric; a++) {
          z += beta[numericOffsets[a]] * xs[xo + a];
        }
        int co = i * cats;
        for (int b = 0; b < cats; b++) {
          int c = codes[co + b];
          if (c >= 0) {
            z += beta[c];
          }
        }
        double wi = w[i];
        if (wi == 0) {
          continue;
        }
        double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        loss += wi * (softplus - y[i] * z);
        double pz = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        double r = wi * (pz - y[i]);
        grad[0] += r;
        for (int a = 0; a < numeric; a++) {
          grad[numericOffsets[a]] += r * xs[xo + a];
        }
        for (int b = 0; b < cats; b++) {
          int c = codes[co + b];
          if (c >= 0) {
            grad[c] += r;
          }
        }
      }
      double inv = 1 / total;
      loss *= inv;
      double pen = 0;
      grad[0] *= inv;
      for (int j = 1; j < beta.length; j++) {
        grad[j] = grad[j] * inv + l2 * beta[j];
        pen += beta[j] * beta[j];
      }
      return loss + 0.5 * l2 * pen;
    }
  }

  @Override
  public String toString() {
    return "LogisticRegression[l2="
        + l2
        + ", l1="
        + l1
        + ", standardize="
        + standardize
        + ", balanced="
        + balanced
        + ", negativeWeight="
        + negativeWeight
        + ", positiveWeight="
        + positiveWeight
        + ", maxIterations="
        + maxIterations
        + ", tolerance="
        + tolerance
        + ", memory="
        + memory
        + ", categoricalColumns="
        + Arrays.toString(categoricalColumns)
        + "]";
  }

  /** Builds a {@link LogisticRegression}; each setter checks its value. */
  public static final class Builder {
    private double l2 = 1e-4;
    private double l1 = 0;
    private boolean standardize = true;
    private double negativeWeight = 1;
    private double positiveWeight = 1;
    private boolean balanced;
    private int maxIterations = 500;
    private double tolerance = 1e-7;
    private int memory = 10;
    private int[] categoricalColumns = new int[0];

    private Builder() {}

    /** The L2 penalty on the mean loss, at least 0; sklearn's C corresponds to 1 / (C·n). */
    public Builder setL2(double l2) {
      if (!(l2 >= 0) || Double.isInfinite(l2)) {
        throw new IllegalArgumentException("l2 (" + l2 + ") must be finite and at least 0");
      }
      this.l2 = l2;
      return this;
    }

    /** The L1 penalty on the mean loss, at least 0; positive values zero out weak features. */
    public Builder setL1(double l1) {
      if (!(l1 >= 0) || Double.isInfinite(l1)) {
        throw new IllegalArgumentException("l1 (" + l1 + ") must be finite and at least 0");
      }
      this.l1 = l1;
      return this;
    }

    /** Whether to standardise numeric columns (default true). */
    public Builder setStandardize(boolean standardize) {
      this.standardize = standardize;
      return this;
    }

    /** Weights of label-0 and label-1 rows, each positive and finite. */
    public Builder setClassWeights(double negative, double positive) {
      if (!(negative > 0 && positive > 0) || Double.isInfinite(negative + positive)) {
        throw new IllegalArgumentException(
            "class weights (" + negative + ", " + positive + ") must be positive and finite");
      }
      this.negativeWeight = negative;
      this.positiveWeight = positive;
      return this;
    }

    /** Whether to weigh classes inversely to their frequency (overrides class weights). */
    public Builder setBalanced(boolean balanced) {
      this.balanced = balanced;
      return this;
    }

    /** The largest number of solver iterations, at least 1. */
    public Builder setMaxIterations(int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException(
            "maxIterations (" + maxIterations + ") must be at least 1");
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /** The relative improvement below which the solver stops, in (0, 1). */
    public Builder setTolerance(double tolerance) {
      if (!(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("tolerance (" + tolerance + ") must be in (0, 1)");
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Correction pairs L-BFGS keeps, in 1..100. */
    public Builder setMemory(int memory) {
      if (memory < 1 || memory > 100) {
        throw new IllegalArgumentException("memory (" + memory + ") must be in 1..100");
      }
      this.memory = memory;
      return this;
    }

    /** Columns holding category codes, one coefficient per code. */
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

    /** The configuration. */
    public LogisticRegression get() {
      return new LogisticRegression(this);
    }
  }
}
