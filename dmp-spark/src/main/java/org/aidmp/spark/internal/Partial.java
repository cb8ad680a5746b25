package org.aidmp.spark.internal;

import java.io.Serializable;

/**
 * One partition's share of a Lloyd step: weighted sums, weights, counts and inertia per cluster.
 */
public final class Partial implements Serializable {
  private static final long serialVersionUID = 1L;

  /** k × d weighted coordinate sums. */
  public final double[] sums;

  /** Weight per cluster. */
  public final double[] weights;

  /** Rows per cluster. */
  public final long[] counts;

  /** Σ weight · squared distance, from the kernel's float distances. */
  public double inertia;

  /** Σ weight · squared distance, recomputed exactly in double. */
  public double exactInertia;

  /** An all-zero partial for k clusters of d values. */
  public Partial(int k, int d) {
    this.sums = new double[k * d];
    this.weights = new double[k];
    this.counts = new long[k];
  }

  /** Adds {@code o} into this partial, in coordinate order, and returns this. */
  public Partial add(Partial o) {
    for (int t = 0; t < sums.length; t++) {
      sums[t] += o.sums[t];
    }
    for (int c = 0; c < weights.length; c++) {
      weights[c] += o.weights[c];
      counts[c] += o.counts[c];
    }
    inertia += o.inertia;
    exactInertia += o.exactInertia;
    return this;
  }
}
