package org.aidmp.kmeans;

import java.util.SplittableRandom;

/**
 * The points random swap works on, copied grouped by cluster and later moved into the order of the
 * member lists ({@link #permute}): a trial visits a few clusters' points, which then sit together
 * in memory instead of being spread over the whole array. Only the centroids leave random swap, so
 * the order never shows. Besides the coordinates it holds each point's squared norm in float (for
 * the fused distance) and in double (for the clusters' sums), its weight, and the running total of
 * the weights to draw points by weight.
 */
final class SwapPoints {
  final int n;
  final int d;

  /** n × d coordinates, in the order of {@link #layOut} and then of each {@link #permute}. */
  final float[] x;

  /** Each point's ‖x‖² as the kernels compute it. */
  final float[] xn;

  /** Each point's ‖x‖² in double. */
  final double[] xq;

  /** Each point's weight, or null when all are 1. */
  private final double[] w;

  /** Running total of {@link #w}, to draw a point with probability proportional to its weight. */
  private final double[] cumulative;

  /** Absolute slack on pruning radii: a small share of the largest point norm. */
  final double eps;

  SwapPoints(Engine e) {
    this.n = e.n;
    this.d = e.d;
    this.x = new float[n * d];
    this.xn = new float[n];
    this.xq = new double[n];
    this.w = e.w == null ? null : new double[n];
    this.cumulative = w == null ? null : new double[n];
    float maxNorm = 0;
    for (int i = 0; i < n; i++) {
      maxNorm = Math.max(maxNorm, e.xn[i]);
    }
    this.eps = 1e-4 * Math.sqrt(maxNorm) + 1e-30;
  }

  /**
   * Copies the engine's points grouped by the engine's labels, and those labels into {@code labels}
   * in the new order.
   */
  void layOut(Engine e, int[] labels) {
    int k = e.k;
    int[] start = new int[k + 1];
    for (int i = 0; i < n; i++) {
      start[e.labels[i] + 1]++;
    }
    for (int a = 0; a < k; a++) {
      start[a + 1] += start[a];
    }
    for (int i = 0; i < n; i++) {
      int l = e.labels[i];
      int to = start[l]++;
      System.arraycopy(e.x, i * d, x, to * d, d);
      xn[to] = e.xn[i];
      labels[to] = l;
      if (w != null) {
        w[to] = e.w[i];
      }
    }
    for (int i = 0; i < n; i++) {
      double q = 0;
      for (int j = 0; j < d; j++) {
        double v = x[i * d + j];
        q += v * v;
      }
      xq[i] = q;
    }
    if (w != null) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += w[i];
        cumulative[i] = s;
      }
    }
  }

  /** Scratch for {@link #permute}, allocated at its first call. */
  private float[] xScratch;

  private float[] fScratch;
  private double[] dScratch;

  /**
   * Moves the point at {@code order[p]} to p, for every p.
   *
   * @param order a permutation of 0..n-1; not modified
   */
  void permute(int[] order) {
    if (xScratch == null) {
      xScratch = new float[n * d];
      fScratch = new float[n];
      dScratch = new double[n];
    }
    for (int p = 0; p < n; p++) {
      System.arraycopy(x, order[p] * d, xScratch, p * d, d);
      fScratch[p] = xn[order[p]];
      dScratch[p] = xq[order[p]];
    }
    System.arraycopy(xScratch, 0, x, 0, n * d);
    System.arraycopy(fScratch, 0, xn, 0, n);
    System.arraycopy(dScratch, 0, xq, 0, n);
    if (w != null) {
      for (int p = 0; p < n; p++) {
        dScratch[p] = w[order[p]];
      }
      System.arraycopy(dScratch, 0, w, 0, n);
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += w[i];
        cumulative[i] = s;
      }
    }
  }

  double weight(int i) {
    return w == null ? 1.0 : w[i];
  }

  /** A random point, each with probability proportional to its weight. */
  int sample(SplittableRandom rnd) {
    if (cumulative == null) {
      return rnd.nextInt(n);
    }
    double u = rnd.nextDouble() * cumulative[n - 1];
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
