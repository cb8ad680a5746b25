package org.aidmp.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * Fränti's random swap at its published cost. A trial moves one random centroid to one random
 * point, repartitions locally, runs two K-Means iterations and keeps the result only if the inertia
 * fell. Every pass after the swap is a reduced search: only the centroids that moved ("active") are
 * compared, and only for the points that could prefer them:
 *
 * <ul>
 *   <li>a point of an active cluster compares its own centroid, then the others in order of their
 *       distance from it, stopping at the first one farther than twice its own distance (triangle
 *       inequality: nothing beyond can be nearer);
 *   <li>a point of a static cluster keeps its own distance and compares only the active centroids
 *       that lie within twice the cluster's radius of its centre; a cluster with none is skipped
 *       whole.
 * </ul>
 *
 * So a trial costs about the size of the neighbourhood it disturbs, not n·k·d. The points are
 * copied grouped by cluster, so that neighbourhood is also close in memory, and a kept trial
 * re-sorts only the member lists of the clusters it changed. The search runs on one thread in a
 * fixed order, so the result does not depend on the thread count. Distances use the fused kernel's
 * formula ({@code ‖x‖² + ‖c‖² − 2·x·c}), the dot product as one fma chain below {@value
 * #CHAINS_FROM} dimensions and as eight chains summed pairwise from there; every stored distance is
 * computed the same way, the pruning carries a small slack for float rounding, and the full
 * iterations after the swaps settle any point it misjudged.
 *
 * <p>The run stops after {@code patience} trials in a row without progress, progress being a fall
 * in inertia of at least {@value #PROGRESS_SHARE} of inertia / k.
 */
final class RandomSwap {
  /** Relative slack on the pruning radius, for the rounding of float distances. */
  private static final double SLACK = 1e-3;

  /**
   * A trial counts as progress for the patience rule when it lowers the inertia by at least this
   * share of an average cluster's part of it (inertia / k). Moving a centroid from where it is
   * redundant to where one is missing gains about one such part (0.1 to 3.6 parts on Fränti's sets,
   * the least where clusters overlap); a trial that only polishes boundaries gains far less, and
   * those go on for as long as one lets them.
   */
  static final double PROGRESS_SHARE = 0.05;

  private final Engine e;
  private final float[] x;
  private final int n;
  private final int d;
  private final int k;
  private final double[] w;
  private final float[] xn;
  private final boolean cosine;
  private final double eps;

  private final float[] c;
  private final float[] cn;
  private final double[] sums;
  private final double[] cw;
  private final double[] radius;

  /** The largest squared distance seen per cluster in the current pass; one root per cluster. */
  private final float[] reached;

  private final int[] labels;
  private final float[] dist;

  private final float[] cSave;
  private final float[] cnSave;
  private final double[] sumsSave;
  private final double[] cwSave;
  private final double[] radiusSave;

  /** Each cluster's points, farthest from its centroid first (ties by index). */
  private final ClusterMembers members;

  /** Clusters whose centroid or membership changed in the current trial. */
  private final int[] touched;

  /** The label each point of {@code moved} had before the trial. */
  private final int[] movedFrom;

  private final int[] stamp;
  private final int[] logPoint;
  private final int[] logLabel;
  private final float[] logDist;
  private int logSize;
  private final int[] moved;
  private int movedSize;
  private final int[] movedStamp;
  private int trial;

  private final boolean[] active;
  private final boolean[] changed;
  private final byte[] mode;
  private final double[] cc;
  private final long[] order;
  private final int[] fullStamp;
  private final double[] pivotD;
  private int jumped = -1;
  private final int[] candidates;
  private final int[] sorted;
  private final double[] sortedD;
  private final double[] cumulative;

  private double inertia;
  private int accepted;
  private int trials;

  RandomSwap(Engine e) {
    this.e = e;
    this.n = e.n;
    this.d = e.d;
    this.k = e.k;
    this.x = new float[n * d];
    this.w = e.w == null ? null : new double[n];
    this.xn = new float[n];
    this.cosine = e.cosine;
    float maxNorm = 0;
    for (int i = 0; i < n; i++) {
      maxNorm = Math.max(maxNorm, e.xn[i]);
    }
    this.eps = 1e-4 * Math.sqrt(maxNorm) + 1e-30;
    c = new float[k * d];
    cn = new float[k];
    sums = new double[k * d];
    cw = new double[k];
    radius = new double[k];
    reached = new float[k];
    labels = new int[n];
    dist = new float[n];
    cSave = new float[k * d];
    cnSave = new float[k];
    sumsSave = new double[k * d];
    cwSave = new double[k];
    radiusSave = new double[k];
    members = new ClusterMembers(n, k);
    touched = new int[k];
    movedFrom = new int[n];
    stamp = new int[n];
    logPoint = new int[n];
    logLabel = new int[n];
    logDist = new float[n];
    moved = new int[n];
    movedStamp = new int[n];
    active = new boolean[k];
    changed = new boolean[k];
    mode = new byte[k];
    cc = new double[k * k];
    order = new long[k];
    fullStamp = new int[k];
    pivotD = new double[k];
    candidates = new int[k];
    sorted = new int[k * k];
    sortedD = new double[k * k];
    cumulative = w == null ? null : new double[n];
  }

  /** Trials run by the last {@link #run}. */
  int trials() {
    return trials;
  }

  /** Trials kept by the last {@link #run}. */
  int accepted() {
    return accepted;
  }

  /** The inertia of the partition the last {@link #run} ended with, as the trials tracked it. */
  double inertia() {
    return inertia;
  }

  /**
   * Runs trials from {@code start} until {@code maxTrials} have run or {@code patience} trials in a
   * row have not lowered the inertia; returns the best centroids.
   *
   * @param start k × d centroids; not modified
   */
  float[] run(float[] start, int maxTrials, int patience, SplittableRandom rnd) {
    e.setCentroids(start);
    e.assignOnly();
    layOut();
    System.arraycopy(start, 0, c, 0, k * d);
    for (int a = 0; a < k; a++) {
      cn[a] = VectorKernels.sequentialSquaredNorm(c, a * d, d);
    }
    for (int i = 0; i < n; i++) {
      dist[i] = pointDist(i, labels[i]);
    }
    Arrays.fill(sums, 0);
    Arrays.fill(cw, 0);
    Arrays.fill(radius, 0);
    inertia = 0;
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      double wi = weight(i);
      for (int j = 0; j < d; j++) {
        sums[l * d + j] += wi * x[i * d + j];
      }
      cw[l] += wi;
      radius[l] = Math.max(radius[l], Math.sqrt(dist[i]));
      inertia += wi * dist[i];
    }
    members.build(labels, dist, radius);
    accepted = 0;
    trials = 0;
    int sinceBest = 0;
    while (trials < maxTrials && sinceBest < patience) {
      trials++;
      double before = inertia;
      if (trialImproves(rnd)) {
        accepted++;
      }
      // Only a gain of the size a fixed centroid brings restarts the count (see PROGRESS_SHARE).
      if (inertia < before * (1 - PROGRESS_SHARE / k)) {
        sinceBest = 0;
      } else {
        sinceBest++;
      }
    }
    return c.clone();
  }

  /**
   * Copies the points grouped by their cluster: a trial visits a few clusters' points, which then
   * sit together in memory instead of being spread over the whole array. Only the centroids leave
   * this class, so the order never shows.
   */
  private void layOut() {
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
    if (w != null) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += w[i];
        cumulative[i] = s;
      }
    }
  }

  private double weight(int i) {
    return w == null ? 1.0 : w[i];
  }

  private int samplePoint(SplittableRandom rnd) {
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

  /** One swap, local repartition and two iterations; kept (and true) only if the inertia fell. */
  private boolean trialImproves(SplittableRandom rnd) {
    int j = rnd.nextInt(k);
    int p = samplePoint(rnd);
    System.arraycopy(c, 0, cSave, 0, k * d);
    System.arraycopy(cn, 0, cnSave, 0, k);
    System.arraycopy(sums, 0, sumsSave, 0, k * d);
    System.arraycopy(cw, 0, cwSave, 0, k);
    System.arraycopy(radius, 0, radiusSave, 0, k);
    trial++;
    logSize = 0;
    movedSize = 0;
    System.arraycopy(x, p * d, c, j * d, d);
    cn[j] = VectorKernels.sequentialSquaredNorm(c, j * d, d);
    Arrays.fill(active, false);
    active[j] = true;
    jumped = j;
    // Local repartition, then (update, assignment) twice: the two iterations of random swap; the
    // last assignment gives the exact distances to the final centroids that the inertia needs.
    assign();
    jumped = -1;
    for (int it = 0; it < 2; it++) {
      if (!update()) {
        break;
      }
      assign();
    }
    double delta = 0;
    for (int t = 0; t < logSize; t++) {
      int i = logPoint[t];
      delta += weight(i) * ((double) dist[i] - logDist[t]);
    }
    if (delta < 0) {
      inertia += delta;
      members.update(labels, dist, radius, touched, trial, moved, movedSize, movedFrom);
      return true;
    }
    for (int t = 0; t < logSize; t++) {
      int i = logPoint[t];
      labels[i] = logLabel[t];
      dist[i] = logDist[t];
    }
    System.arraycopy(cSave, 0, c, 0, k * d);
    System.arraycopy(cnSave, 0, cn, 0, k);
    System.arraycopy(sumsSave, 0, sums, 0, k * d);
    System.arraycopy(cwSave, 0, cw, 0, k);
    System.arraycopy(radiusSave, 0, radius, 0, k);
    return false;
  }

  private static final byte SKIP = 0;
  private static final byte FULL = 1;
  private static final byte NEAR = 2;

  /** The assignment to the current centroids, comparing only what the active set can change. */
  private void assign() {
    Arrays.fill(changed, false);
    int nActive = 0;
    for (int a = 0; a < k; a++) {
      nActive += active[a] ? 1 : 0;
    }
    // Centre-to-centre distances from every active centroid, and for each active cluster the
    // other centroids sorted by that distance.
    for (int a = 0; a < k; a++) {
      if (!active[a]) {
        continue;
      }
      for (int b = 0; b < k; b++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double u = (double) c[a * d + t] - c[b * d + t];
          s += u * u;
        }
        double v = Math.sqrt(s);
        cc[a * k + b] = v;
        cc[b * k + a] = v;
      }
    }
    for (int a = 0; a < k; a++) {
      int row = a * k;
      if (active[a]) {
        // All centroids by distance from a pivot, the centroid's position when the points' stored
        // distances were taken for the one that jumped, its new one otherwise: a point stops at
        // the first centroid that the triangle inequality puts beyond its best so far.
        mode[a] = FULL;
        fullStamp[a] = trial;
        for (int b = 0; b < k; b++) {
          double v = a == jumped ? distance(cSave, a, c, b) : cc[row + b];
          order[b] = key(v, b);
          pivotD[b] = v;
        }
        Arrays.sort(order, 0, k);
        for (int b = 0; b < k; b++) {
          int o = (int) order[b];
          sorted[row + b] = o;
          sortedD[row + b] = pivotD[o];
        }
        candidates[a] = k;
      } else {
        // Only the active centroids within twice the cluster's radius, nearest first.
        double reach = 2 * radius[a] * (1 + SLACK) + eps;
        int m = 0;
        for (int b = 0; b < k && nActive > 0; b++) {
          if (active[b] && cc[b * k + a] < reach) {
            order[m++] = key(cc[b * k + a], b);
          }
        }
        Arrays.sort(order, 0, m);
        for (int t = 0; t < m; t++) {
          int o = (int) order[t];
          sorted[row + t] = o;
          sortedD[row + t] = cc[o * k + a];
        }
        candidates[a] = m;
        mode[a] = m == 0 ? SKIP : NEAR;
      }
    }
    // Radii are rebuilt for the clusters scanned in full, kept as upper bounds elsewhere.
    Arrays.fill(reached, 0f);
    for (int a = 0; a < k; a++) {
      if (mode[a] == FULL) {
        radius[a] = 0;
        touched[a] = trial;
      }
    }
    int movedBefore = movedSize;
    for (int a = 0; a < k; a++) {
      if (mode[a] == SKIP) {
        continue;
      }
      // Members are sorted farthest first: in a static cluster whose distances are still those
      // of the sort, the scan stops at the first point too close to its centre to change.
      boolean sortedStill = mode[a] == NEAR && fullStamp[a] != trial;
      double nearest = sortedD[a * k];
      int[] list = members.lists[a];
      for (int m = 0, size = members.count[a]; m < size; m++) {
        int i = list[m];
        if (movedStamp[i] == trial) {
          continue;
        }
        if (sortedStill && 2 * Math.sqrt(dist[i]) * (1 + SLACK) + eps <= nearest) {
          break;
        }
        visit(i, a);
      }
    }
    for (int m = 0; m < movedBefore; m++) {
      int i = moved[m];
      int a = labels[i];
      if (mode[a] != SKIP) {
        visit(i, a);
      } else {
        reached[a] = Math.max(reached[a], dist[i]);
      }
    }
    for (int a = 0; a < k; a++) {
      if (reached[a] > 0) {
        radius[a] = Math.max(radius[a], Math.sqrt(reached[a]));
      }
    }
  }

  /** Re-examines point i of cluster a under the cluster's mode. */
  private void visit(int i, int a) {
    int best = a;
    float bestD;
    int xo = i * d;
    if (mode[a] == FULL) {
      bestD = pointDist(i, a);
      double own = Math.sqrt(bestD);
      double pivotR = a == jumped ? Math.sqrt(dist[i]) : own;
      double bound = own * (1 + SLACK) + eps;
      int row = a * k;
      for (int s = 0; s < k; s++) {
        // ‖x − c_b‖ ≥ ‖pivot − c_b‖ − ‖x − pivot‖, and the list is sorted by the first term.
        if (sortedD[row + s] - pivotR >= bound) {
          break;
        }
        int b = sorted[row + s];
        if (b == a) {
          continue;
        }
        float v = pointDist(i, b);
        if (v < bestD || (v == bestD && b < best)) {
          bestD = v;
          best = b;
          bound = Math.sqrt(bestD) * (1 + SLACK) + eps;
        }
      }
    } else {
      bestD = dist[i];
      double reach = 2 * Math.sqrt(bestD) * (1 + SLACK) + eps;
      int row = a * k;
      for (int s = 0, m = candidates[a]; s < m; s++) {
        if (sortedD[row + s] >= reach) {
          break;
        }
        int b = sorted[row + s];
        float v = pointDist(i, b);
        if (v < bestD || (v == bestD && b < best)) {
          bestD = v;
          best = b;
        }
      }
    }
    if (stamp[i] != trial) {
      stamp[i] = trial;
      logPoint[logSize] = i;
      logLabel[logSize] = labels[i];
      logDist[logSize] = dist[i];
      logSize++;
    }
    dist[i] = bestD;
    if (best != a) {
      double wi = weight(i);
      for (int t = 0; t < d; t++) {
        double v = wi * x[xo + t];
        sums[a * d + t] -= v;
        sums[best * d + t] += v;
      }
      cw[a] -= wi;
      cw[best] += wi;
      if (movedStamp[i] != trial) {
        movedStamp[i] = trial;
        movedFrom[movedSize] = a;
        moved[movedSize++] = i;
      }
      labels[i] = best;
      changed[a] = true;
      changed[best] = true;
      touched[a] = trial;
      touched[best] = trial;
    }
    reached[best] = Math.max(reached[best], bestD);
  }

  /** Centroids of the clusters whose members changed; false when none moved. */
  private boolean update() {
    boolean any = false;
    for (int a = 0; a < k; a++) {
      active[a] = false;
      if (!changed[a] || cw[a] <= 0) {
        continue; // an emptied cluster keeps its centroid, as under the empty-cluster policies
      }
      boolean moves = false;
      double norm = 0;
      for (int t = 0; t < d; t++) {
        float v = (float) (sums[a * d + t] / cw[a]);
        norm += (double) v * v;
      }
      double inv = cosine && norm > 0 ? 1.0 / Math.sqrt(norm) : 1.0;
      for (int t = 0; t < d; t++) {
        float v = (float) (sums[a * d + t] / cw[a]);
        if (cosine && norm > 0) {
          v = (float) (v * inv);
        }
        if (v != c[a * d + t]) {
          moves = true;
          c[a * d + t] = v;
        }
      }
      if (moves) {
        cn[a] = VectorKernels.sequentialSquaredNorm(c, a * d, d);
        active[a] = true;
        any = true;
      }
    }
    return any;
  }

  /** A sort key ordering by distance, then index; distances are ≥ 0, so their bits sort. */
  private static long key(double distance, int index) {
    return ((long) Float.floatToIntBits((float) distance) << 32) | index;
  }

  private double distance(float[] p, int a, float[] q, int b) {
    double s = 0;
    for (int t = 0; t < d; t++) {
      double u = (double) p[a * d + t] - q[b * d + t];
      s += u * u;
    }
    return Math.sqrt(s);
  }

  /** Below this dimension a single chain is as fast as several. */
  static final int CHAINS_FROM = 16;

  private float pointDist(int i, int b) {
    float dot =
        d < CHAINS_FROM ? Engine.seqDot(x, i * d, c, b * d, d) : Engine.dot8(x, i * d, c, b * d, d);
    float v = Math.fma(dot, -2f, cn[b]);
    return Math.max(0f, xn[i] + v);
  }
}
