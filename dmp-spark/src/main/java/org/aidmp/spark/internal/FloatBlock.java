package org.aidmp.spark.internal;

import java.io.Serializable;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * A block of rows of one partition as one row-major float array, with their ids, weights and the
 * global position of the first row: the unit dmp's kernels run on inside a partition.
 */
public final class FloatBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The ids of the rows, or null when the caller needs none. */
  public final String[] ids;

  /** rows × d values, row-major. */
  public final float[] x;

  /** One weight per row, or null for all 1. */
  public final double[] w;

  /** The number of rows. */
  public final int rows;

  /** The number of values per row. */
  public final int d;

  /** The position of the first row among all rows (partition order, then row order). */
  public final long start;

  // Squared norms, taken on first use and kept with the cached block, so that every K-Means pass
  // after the first skips a serial chain of d fused multiply-adds per row.
  private transient float[] norms;

  /** A block over the given arrays, which it keeps. */
  public FloatBlock(String[] ids, float[] x, double[] w, int rows, int d, long start) {
    this.ids = ids;
    this.x = x;
    this.w = w;
    this.rows = rows;
    this.d = d;
    this.start = start;
  }

  /** The weight of row {@code i}. */
  public double weight(int i) {
    return w == null ? 1.0 : w[i];
  }

  /**
   * Each row's squared norm as the kernels sum it ({@link VectorKernels#sequentialSquaredNorm}),
   * computed once per block.
   */
  public float[] norms() {
    float[] n = norms;
    if (n == null) {
      n = new float[rows];
      for (int i = 0; i < rows; i++) {
        n[i] = VectorKernels.sequentialSquaredNorm(x, i * d, d);
      }
      norms = n;
    }
    return n;
  }

  /** The same rows placed at another global position. */
  public FloatBlock at(long newStart) {
    return new FloatBlock(ids, x, w, rows, d, newStart);
  }
}
