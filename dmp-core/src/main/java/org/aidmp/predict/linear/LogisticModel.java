package org.aidmp.predict.linear;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.aidmp.internal.codec.ModelFormat;
import org.aidmp.stage.Provenance;
import org.aidmp.stage.ScoreModel;

/**
 * A fitted logistic regression, immutable and thread-safe; {@link #score(float[], int)} allocates
 * nothing.
 *
 * <pre>{@code
 * LogisticModel model = LogisticRegression.DEFAULT.fit(rows, labels);
 * double p = model.score(row, 0);
 * double[] why = model.contributions(row, 0);   // per column, last entry the intercept
 * }</pre>
 */
public final class LogisticModel implements ScoreModel {
  /** The model kind in the saved format. */
  public static final String KIND = "logistic";

  /** The saved format's version. */
  public static final int FORMAT_VERSION = 2;

  private final int dims;
  private final boolean[] categorical;
  private final int[] levels;
  private final int[] offset;
  private final double[] mean;
  private final double[] scale;
  private final double[] beta;
  private final int iterations;
  private final boolean converged;
  private final Provenance provenance;

  // Per numeric column the coefficient divided by the scale: z += slope·(v − mean).
  private final double[] slope;

  // The scoring layout: numeric columns as (column, slope, slope·mean) in dense arrays, so the
  // loop over them has no categorical branch; the categorical columns follow in their own loop.
  private final int[] numericColumns;
  private final double[] numericSlope;
  private final double[] numericShift;
  private final int[] categoricalColumns;

  LogisticModel(
      int dims,
      boolean[] categorical,
      int[] levels,
      int[] offset,
      double[] mean,
      double[] scale,
      double[] beta,
      int iterations,
      boolean converged,
      Provenance provenance) {
    this.dims = dims;
    this.categorical = categorical;
    this.levels = levels;
    this.offset = offset;
    this.mean = mean;
    this.scale = scale;
    this.beta = beta;
    this.iterations = iterations;
    this.converged = converged;
    this.provenance = provenance;
    this.slope = new double[dims];
    int numeric = 0;
    for (int f = 0; f < dims; f++) {
      slope[f] = categorical[f] ? 0 : beta[offset[f]] / scale[f];
      numeric += categorical[f] ? 0 : 1;
    }
    numericColumns = new int[numeric];
    numericSlope = new double[numeric];
    numericShift = new double[numeric];
    categoricalColumns = new int[dims - numeric];
    for (int f = 0, a = 0, c = 0; f < dims; f++) {
      if (categorical[f]) {
        categoricalColumns[c++] = f;
      } else {
        numericColumns[a] = f;
        numericSlope[a] = slope[f];
        numericShift[a++] = slope[f] * mean[f];
      }
    }
  }

  @Override
  public int dimensions() {
    return dims;
  }

  /** The probability of label 1. */
  @Override
  public double score(float[] row, int off) {
    double z = margin(row, off);
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** The log-odds of label 1. */
  public double margin(float[] row, int off) {
    double z = beta[0];
    int[] cols = numericColumns;
    double[] sl = numericSlope;
    double[] sh = numericShift;
    for (int a = 0; a < cols.length; a++) {
      float v = row[off + cols[a]];
      // A missing value is the mean: it adds nothing.
      if (v == v) {
        z += sl[a] * v - sh[a];
      }
    }
    for (int f : categoricalColumns) {
      float v = row[off + f];
      int c = (int) v;
      if (c >= 0 && c == v && c < levels[f]) {
        z += beta[offset[f] + c];
      }
    }
    return z;
  }

  /** The intercept (on standardised columns). */
  public double intercept() {
    return beta[0];
  }

  /**
   * The coefficient of a numeric column on its standardised scale.
   *
   * @throws IllegalArgumentException if the column is categorical
   */
  public double coefficient(int column) {
    Objects.checkIndex(column, dims);
    if (categorical[column]) {
      throw new IllegalArgumentException(
          "column " + column + " is categorical; use categoryCoefficient(column, code)");
    }
    return beta[offset[column]];
  }

  /** The coefficient of one code of a categorical column; 0 for a code not seen in training. */
  public double categoryCoefficient(int column, int code) {
    Objects.checkIndex(column, dims);
    if (!categorical[column]) {
      throw new IllegalArgumentException("column " + column + " is numeric; use coefficient()");
    }
    return code >= 0 && code < levels[column] ? beta[offset[column] + code] : 0;
  }

  /** Solver iterations used. */
  public int iterations() {
    return iterations;
  }

  /** Whether the solver met its tolerance before its iteration limit. */
  public boolean converged() {
    return converged;
  }

  /** Where the model came from. */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Each column's share of the margin (coefficient × standardised value; a category's coefficient),
   * the last entry the intercept. They sum to {@link #margin(float[], int)}.
   */
  public double[] contributions(float[] row, int off) {
    double[] phi = new double[dims + 1];
    for (int f = 0; f < dims; f++) {
      float v = row[off + f];
      if (v != v) {
        continue;
      }
      if (categorical[f]) {
        int c = (int) v;
        if (c >= 0 && c == v && c < levels[f]) {
          phi[f] = beta[offset[f] + c];
        }
      } else {
        phi[f] = slope[f] * (v - mean[f]);
      }
    }
    phi[dims] = beta[0];
    return phi;
  }

  /**
   * Global importance per column: the mean absolute contribution is data-dependent, so this is the
   * absolute standardised coefficient (numeric) or the largest absolute code coefficient minus the
   * smallest (categorical), normalised to sum to 1.
   */
  public double[] importance() {
    double[] out = new double[dims];
    double total = 0;
    for (int f = 0; f < dims; f++) {
      if (categorical[f]) {
        double lo = 0;
        double hi = 0;
        for (int c = 0; c < levels[f]; c++) {
          lo = Math.min(lo, beta[offset[f] + c]);
          hi = Math.max(hi, beta[offset[f] + c]);
        }
        out[f] = hi - lo;
      } else {
        out[f] = Math.abs(beta[offset[f]]);
      }
      total += out[f];
    }
    if (total > 0) {
      for (int f = 0; f < dims; f++) {
        out[f] /= total;
      }
    }
    return out;
  }

  /** Writes the model in the framed format (magic, kind, version, length, payload, CRC32). */
  public void write(DataOutput out) throws IOException {
    ModelFormat.write(
        out,
        KIND,
        FORMAT_VERSION,
        o -> {
          provenance.write(o);
          o.writeInt(dims);
          o.writeInt(iterations);
          o.writeBoolean(converged);
          for (int f = 0; f < dims; f++) {
            o.writeBoolean(categorical[f]);
            o.writeInt(levels[f]);
            o.writeInt(offset[f]);
            o.writeDouble(mean[f]);
            o.writeDouble(scale[f]);
          }
          o.writeInt(beta.length);
          for (double b : beta) {
            o.writeDouble(b);
          }
        });
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws IOException if the stream is not such a model, is newer, truncated or corrupt
   */
  public static LogisticModel read(DataInput in) throws IOException {
    DataInputStream p = ModelFormat.read(in, KIND, FORMAT_VERSION);
    int version = p.readInt();
    Provenance prov = ModelFormat.readProvenance(p, version);
    int dims = p.readInt();
    if (dims < 1 || dims > ModelFormat.MAX_PAYLOAD / 25) {
      throw new IOException("dimensions " + dims + " are invalid; the model is corrupt");
    }
    int iterations = p.readInt();
    boolean converged = p.readBoolean();
    boolean[] categorical = new boolean[dims];
    int[] levels = new int[dims];
    int[] offset = new int[dims];
    double[] mean = new double[dims];
    double[] scale = new double[dims];
    for (int f = 0; f < dims; f++) {
      categorical[f] = p.readBoolean();
      levels[f] = p.readInt();
      offset[f] = p.readInt();
      mean[f] = p.readDouble();
      scale[f] = p.readDouble();
    }
    int len = p.readInt();
    if (len < 1 || len > ModelFormat.MAX_PAYLOAD / 8) {
      throw new IOException("coefficient count " + len + " is invalid; the model is corrupt");
    }
    double[] beta = new double[len];
    for (int j = 0; j < len; j++) {
      beta[j] = p.readDouble();
    }
    for (int f = 0; f < dims; f++) {
      int need = categorical[f] ? levels[f] : 1;
      if (offset[f] < 1 || levels[f] < 0 || (long) offset[f] + need > len) {
        throw new IOException(
            "column " + f + " points outside the coefficients; the model is corrupt");
      }
    }
    return new LogisticModel(
        dims, categorical, levels, offset, mean, scale, beta, iterations, converged, prov);
  }

  @Override
  public String toString() {
    return "LogisticModel[dimensions=" + dims + ", coefficients=" + beta.length + "]";
  }
}
