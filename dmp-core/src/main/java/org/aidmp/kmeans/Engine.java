package org.aidmp.kmeans;

import java.util.Arrays;
import org.aidmp.internal.kernels.Tuning;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.parallel.WorkerPool;

/**
 * The iteration machinery shared by Lloyd, Hamerly, seeding and the quality passes. Points are cut
 * into blocks whose number depends only on n, k and d, never on the thread count; every block
 * writes its own partial sums, which are reduced in block order, so the model is bit-identical on
 * any number of threads. All buffers are allocated once, in the constructor.
 */
final class Engine {
  static final int PARTIAL_SUM_BUDGET = Tuning.KMEANS_PARTIAL_SUM_BUDGET;
  static final int MIN_BLOCK_ROWS = Tuning.KMEANS_MIN_BLOCK_ROWS;
  static final int MAX_BLOCKS = Tuning.KMEANS_MAX_BLOCKS;

  final float[] x;
  final int n;
  final int d;
  final int k;
  final double[] w;
  final VectorKernels kern;
  final WorkerPool par;
  final boolean cosine;
  final EmptyClusterPolicy emptyPolicy;

  final int nBlocks;
  final int blockRows;

  /**
   * Rows a Lloyd block is assigned and summed at a time: {@link Tuning#KMEANS_CHUNK_BYTES} of rows,
   * a multiple of every assignment tile's height (4, 6 and 8 points) so no chunk leaves a
   * remainder.
   */
  final int chunkRows;

  final int ks;

  /** Row-major k × d centroids of the current iteration. */
  final float[] c;

  final float[] ct;
  final float[] cn;
  final float[] xn;
  final int[] labels;
  final int[] next;
  final float[] dist;
  private final double[] partSums;
  private final double[] partW;
  private final double[] partInertia;
  private final int[] partChanged;
  final double[] sums;
  final double[] clusterW;
  private final float[] oldC;

  /** Inertia (from the kernel's float distances) of the last assignment. */
  double lastInertia;

  int lastChanged;

  // Hamerly state, allocated on first use.
  private float[] upper;
  private float[] lower;
  private double[] half;
  private double[] moved;

  Engine(
      float[] x,
      int n,
      int d,
      int k,
      double[] w,
      VectorKernels kern,
      WorkerPool par,
      boolean cosine,
      EmptyClusterPolicy emptyPolicy) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.w = w;
    this.kern = kern;
    this.par = par;
    this.cosine = cosine;
    this.emptyPolicy = emptyPolicy;
    int byBudget = (int) Math.max(1, Math.min(MAX_BLOCKS, PARTIAL_SUM_BUDGET / ((long) k * d)));
    int byRows = (int) Math.max(1, (n + MIN_BLOCK_ROWS - 1L) / MIN_BLOCK_ROWS);
    this.nBlocks = Math.min(byBudget, byRows);
    this.blockRows = (n + nBlocks - 1) / nBlocks;
    this.chunkRows = Math.max(24, Tuning.KMEANS_CHUNK_BYTES / (4 * Math.max(1, d)) / 24 * 24);
    int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
    this.ks = (k + m - 1) / m * m;
    this.c = new float[k * d];
    this.oldC = new float[k * d];
    this.ct = new float[d * ks];
    this.cn = new float[ks];
    this.xn = new float[n];
    this.labels = new int[n];
    this.next = new int[n];
    this.dist = new float[n];
    this.partSums = new double[nBlocks * k * d];
    this.partW = new double[nBlocks * k];
    this.partInertia = new double[nBlocks];
    this.partChanged = new int[nBlocks];
    this.sums = new double[k * d];
    this.clusterW = new double[k];
    Arrays.fill(labels, -1);
    par.run(
        nBlocks,
        b -> {
          for (int i = from(b), e = to(b); i < e; i++) {
            xn[i] = VectorKernels.sequentialSquaredNorm(x, i * d, d);
          }
        });
  }

  int from(int b) {
    return Math.min(n, b * blockRows);
  }

  int to(int b) {
    return Math.min(n, (b + 1) * blockRows);
  }

  double weight(int i) {
    return w == null ? 1.0 : w[i];
  }

  /** x·c as the kernel computes it: one fma chain in coordinate order. */
  static float seqDot(float[] a, int aOff, float[] b, int bOff, int d) {
    float s = 0;
    for (int j = 0; j < d; j++) {
      s = Math.fma(a[aOff + j], b[bOff + j], s);
    }
    return s;
  }

  /** Sets the centroids and the transposed copy and norms the kernel reads. */
  void setCentroids(float[] centroids) {
    System.arraycopy(centroids, 0, c, 0, k * d);
    prepare();
  }

  private void prepare() {
    Arrays.fill(cn, Float.POSITIVE_INFINITY);
    for (int cc = 0; cc < k; cc++) {
      cn[cc] = VectorKernels.sequentialSquaredNorm(c, cc * d, d);
    }
    VectorKernels.packCentroids(c, k, d, ct);
  }

  /**
   * x·c with eight independent fma chains, summed pairwise: a fixed order, so the result does not
   * depend on the machine, and eight times the throughput of one chain, whose latency otherwise
   * bounds a long dot product.
   */
  static float dot8(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int j = 0;
    for (; j + 7 < len; j += 8) {
      s0 = Math.fma(a[ao + j], b[bo + j], s0);
      s1 = Math.fma(a[ao + j + 1], b[bo + j + 1], s1);
      s2 = Math.fma(a[ao + j + 2], b[bo + j + 2], s2);
      s3 = Math.fma(a[ao + j + 3], b[bo + j + 3], s3);
      s4 = Math.fma(a[ao + j + 4], b[bo + j + 4], s4);
      s5 = Math.fma(a[ao + j + 5], b[bo + j + 5], s5);
      s6 = Math.fma(a[ao + j + 6], b[bo + j + 6], s6);
      s7 = Math.fma(a[ao + j + 7], b[bo + j + 7], s7);
    }
    for (; j < len; j++) {
      s0 = Math.fma(a[ao + j], b[bo + j], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** The kernel's squared distance of point i to centroid cc, bit for bit. */
  float pointDist(int i, int cc) {
    float v = Math.fma(seqDot(x, i * d, c, cc * d, d), -2f, cn[cc]);
    return Math.max(0f, xn[i] + v);
  }

  /** Assigns every point to its nearest centroid and accumulates per-block sums. */
  void assignAndAccumulate() {
    par.run(
        nBlocks,
        b -> {
          int s = from(b);
          int e = to(b);
          clearBlock(b);
          double inertia = 0;
          for (int cs = s; cs < e; cs += chunkRows) {
            int ce = Math.min(e, cs + chunkRows);
            kern.nearestCentroids(x, cs * d, ce - cs, d, ct, ks, cn, k, xn, cs, next, cs, dist, cs);
            inertia = accumulateRows(b, cs, ce, inertia);
          }
          partInertia[b] = inertia;
        });
    reduce();
  }

  private void accumulateBlock(int b, int s, int e) {
    clearBlock(b);
    partInertia[b] = accumulateRows(b, s, e, 0);
  }

  private void clearBlock(int b) {
    int base = b * k * d;
    Arrays.fill(partSums, base, base + k * d, 0.0);
    Arrays.fill(partW, b * k, b * k + k, 0.0);
    partChanged[b] = 0;
  }

  /**
   * Adds rows [s, e) of block b to its partial sums and counts their label changes; returns {@code
   * inertia} plus their weighted distances, summed in row order whatever the chunking.
   */
  private double accumulateRows(int b, int s, int e, double inertia) {
    int base = b * k * d;
    int wb = b * k;
    int changed = 0;
    for (int i = s; i < e; i++) {
      int l = next[i];
      if (l != labels[i]) {
        changed++;
        labels[i] = l;
      }
      double wi = weight(i);
      int o = base + l * d;
      int xo = i * d;
      if (w == null) {
        kern.addTo(partSums, o, x, xo, d);
      } else {
        kern.addScaledTo(partSums, o, wi, x, xo, d);
      }
      partW[wb + l] += wi;
      inertia += wi * dist[i];
    }
    partChanged[b] += changed;
    return inertia;
  }

  private void reduce() {
    Arrays.fill(sums, 0.0);
    Arrays.fill(clusterW, 0.0);
    double inertia = 0;
    int changed = 0;
    for (int b = 0; b < nBlocks; b++) {
      int base = b * k * d;
      for (int t = 0; t < k * d; t++) {
        sums[t] += partSums[base + t];
      }
      for (int cc = 0; cc < k; cc++) {
        clusterW[cc] += partW[b * k + cc];
      }
      inertia += partInertia[b];
      changed += partChanged[b];
    }
    lastInertia = inertia;
    lastChanged = changed;
  }

  /**
   * New centroids from the reduced sums, empty clusters handled by the policy, cosine centroids
   * re-normalised. Returns the total squared centroid shift.
   */
  double update() {
    System.arraycopy(c, 0, oldC, 0, k * d);
    boolean anyEmpty = false;
    for (int cc = 0; cc < k; cc++) {
      if (clusterW[cc] <= 0) {
        anyEmpty = true;
      }
    }
    if (anyEmpty) {
      handleEmpty();
    }
    for (int cc = 0; cc < k; cc++) {
      double cw = clusterW[cc];
      if (cw > 0) {
        for (int j = 0; j < d; j++) {
          c[cc * d + j] = (float) (sums[cc * d + j] / cw);
        }
      }
      if (cosine) {
        normaliseCentroid(cc);
      }
    }
    prepare();
    double shift = 0;
    for (int t = 0; t < k * d; t++) {
      double u = (double) c[t] - oldC[t];
      shift += u * u;
    }
    return shift;
  }

  /** Unit length; a centroid whose members cancel out keeps its previous direction. */
  private void normaliseCentroid(int cc) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += (double) c[cc * d + j] * c[cc * d + j];
    }
    if (s == 0) {
      System.arraycopy(oldC, cc * d, c, cc * d, d);
      return;
    }
    double inv = 1.0 / Math.sqrt(s);
    for (int j = 0; j < d; j++) {
      c[cc * d + j] = (float) (c[cc * d + j] * inv);
    }
  }

  private void handleEmpty() {
    if (emptyPolicy == EmptyClusterPolicy.KEEP_PREVIOUS) {
      return; // the loop in update() leaves c unchanged where the weight is 0
    }
    // RELOCATE_FARTHEST: each empty cluster, in index order, takes the point farthest from its
    // centre (ties: lowest index) that no other empty cluster took, and that point leaves its
    // old cluster's sums unless it was the only member there.
    boolean[] taken = null;
    for (int cc = 0; cc < k; cc++) {
      if (clusterW[cc] > 0) {
        continue;
      }
      if (taken == null) {
        taken = new boolean[n];
      }
      int far = -1;
      float farD = -1f;
      for (int i = 0; i < n; i++) {
        if (!taken[i] && dist[i] > farD && weight(i) > 0) {
          farD = dist[i];
          far = i;
        }
      }
      if (far < 0) {
        continue; // fewer weighted points than clusters: keep the previous centroid
      }
      taken[far] = true;
      double wi = weight(far);
      int old = labels[far];
      if (old >= 0 && clusterW[old] - wi > 0) {
        for (int j = 0; j < d; j++) {
          sums[old * d + j] -= wi * x[far * d + j];
        }
        clusterW[old] -= wi;
      }
      for (int j = 0; j < d; j++) {
        sums[cc * d + j] = wi * x[far * d + j];
      }
      clusterW[cc] = wi;
      dist[far] = 0f;
    }
  }

  /** One Lloyd iteration: assignment with the current centroids, then the update. */
  double lloydStep() {
    assignAndAccumulate();
    return update();
  }

  /**
   * One Hamerly iteration: the same assignment as Lloyd's (same distances, bit for bit) but a point
   * is rescanned only when its bounds cannot prove its centroid is still the nearest.
   */
  double hamerlyStep() {
    if (upper == null) {
      upper = new float[n];
      lower = new float[n];
      half = new double[k];
      moved = new double[k];
      par.run(
          nBlocks,
          b -> {
            int s = from(b);
            int e = to(b);
            for (int i = s; i < e; i++) {
              fullScan(i);
            }
            accumulateBlock(b, s, e);
          });
      reduce();
      return hamerlyUpdate();
    }
    for (int a = 0; a < k; a++) {
      double m = Double.POSITIVE_INFINITY;
      for (int o = 0; o < k; o++) {
        if (o != a) {
          m = Math.min(m, Math.sqrt(kern.squaredDistance(c, a * d, c, o * d, d)));
        }
      }
      half[a] = 0.5 * m;
    }
    par.run(
        nBlocks,
        b -> {
          int s = from(b);
          int e = to(b);
          for (int i = s; i < e; i++) {
            int a = labels[i];
            // The slack keeps float rounding in the bounds from hiding a closer centroid.
            double m = Math.max(half[a], lower[i]) * (1 - 1e-5);
            if (upper[i] <= m) {
              next[i] = a;
              continue;
            }
            float da = pointDist(i, a);
            upper[i] = (float) Math.sqrt(da);
            dist[i] = da;
            if (upper[i] <= m) {
              next[i] = a;
              continue;
            }
            fullScan(i);
          }
          accumulateBlock(b, s, e);
        });
    reduce();
    return hamerlyUpdate();
  }

  /** Nearest and second-nearest centroid of point i, by the kernel's distance formula. */
  private void fullScan(int i) {
    float best = Float.POSITIVE_INFINITY;
    float second = Float.POSITIVE_INFINITY;
    int bestC = 0;
    int xo = i * d;
    for (int cc = 0; cc < k; cc++) {
      float v = Math.fma(seqDot(x, xo, c, cc * d, d), -2f, cn[cc]);
      if (v < best) {
        second = best;
        best = v;
        bestC = cc;
      } else if (v < second) {
        second = v;
      }
    }
    float d1 = Math.max(0f, xn[i] + best);
    next[i] = bestC;
    dist[i] = d1;
    upper[i] = (float) Math.sqrt(d1);
    lower[i] = k == 1 ? Float.POSITIVE_INFINITY : (float) Math.sqrt(Math.max(0f, xn[i] + second));
  }

  private double hamerlyUpdate() {
    boolean anyEmpty = false;
    for (int cc = 0; cc < k; cc++) {
      anyEmpty |= clusterW[cc] <= 0;
    }
    if (anyEmpty && emptyPolicy == EmptyClusterPolicy.RELOCATE_FARTHEST) {
      // Skipped points hold bounds, not distances: recompute the exact ones the choice needs.
      par.run(
          nBlocks,
          b -> {
            for (int i = from(b), e = to(b); i < e; i++) {
              dist[i] = pointDist(i, labels[i]);
            }
          });
    }
    double shift = update();
    double max1 = 0;
    double max2 = 0;
    int arg1 = -1;
    for (int cc = 0; cc < k; cc++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double u = (double) c[cc * d + j] - oldC[cc * d + j];
        s += u * u;
      }
      moved[cc] = Math.sqrt(s);
      if (moved[cc] > max1) {
        max2 = max1;
        max1 = moved[cc];
        arg1 = cc;
      } else if (moved[cc] > max2) {
        max2 = moved[cc];
      }
    }
    final double m1 = max1;
    final double m2 = max2;
    final int a1 = arg1;
    par.run(
        nBlocks,
        b -> {
          for (int i = from(b), e = to(b); i < e; i++) {
            int a = labels[i];
            upper[i] = (float) (upper[i] + moved[a]) * (1 + 1e-6f);
            lower[i] = (float) (lower[i] - (a == a1 ? m2 : m1)) * (1 - 1e-6f);
          }
        });
    return shift;
  }

  /** Exact inertia Σ w·‖x − c(label)‖² in double, with the current centroids and labels. */
  double exactInertia() {
    double[] part = partInertia;
    par.run(
        nBlocks,
        b -> {
          double s = 0;
          for (int i = from(b), e = to(b); i < e; i++) {
            int l = labels[i];
            double t = 0;
            for (int j = 0; j < d; j++) {
              double u = (double) x[i * d + j] - c[l * d + j];
              t += u * u;
            }
            s += weight(i) * t;
          }
          part[b] = s;
        });
    double s = 0;
    for (int b = 0; b < nBlocks; b++) {
      s += part[b];
    }
    return s;
  }

  /** Labels with the current centroids, without touching the sums. */
  void assignOnly() {
    par.run(
        nBlocks,
        b -> {
          int s = from(b);
          int e = to(b);
          if (e > s) {
            kern.nearestCentroids(x, s * d, e - s, d, ct, ks, cn, k, xn, s, labels, s, dist, s);
          }
        });
  }

  void resetBounds() {
    upper = null;
    lower = null;
    Arrays.fill(labels, -1);
  }
}
