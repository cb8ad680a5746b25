package org.aidmp.kmeans;

import java.util.Arrays;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * The state one random-swap trial works on: the centroids, sums and labels of the partition, each
 * point's bound, and the log that undoes the trial. See {@link RandomSwap} for the search a trial
 * runs; two of these let two trials from the same partition run at once.
 */
final class SwapTrial {
  /** Relative slack on the pruning radius, for the rounding of float distances. */
  private static final double SLACK = 1e-3;

  /** Below this dimension a single chain is as fast as several. */
  static final int CHAINS_FROM = 16;

  private static final byte SKIP = 0;
  private static final byte FULL = 1;
  private static final byte NEAR = 2;

  private final SwapPoints points;
  private final float[] x;
  private final float[] xn;
  private final double[] xq;
  private final int n;
  private final int d;
  private final int k;
  private final boolean cosine;
  private final double eps;

  /** Each cluster's points by bound, shared by the trials; changed only by {@link #commit}. */
  private final ClusterMembers members;

  /** Each cluster's inertia in the kept partition, shared by the trials. */
  private final double[] part;

  private final float[] c;
  private final float[] cn;
  private final double[] sums;
  private final double[] cw;

  /** Σ w·‖x‖² per cluster, in double. */
  private final double[] sq;

  /** How far each centroid has moved in the current trial (sum of its steps). */
  private final double[] drift;

  /** The largest bound offset of the points that joined each cluster in the current trial. */
  private final float[] joined;

  private final int[] labels;

  /**
   * Per point, an upper bound on its distance to its centroid minus its cluster's {@link #drift}:
   * {@code ub[i] + drift[labels[i]]} bounds the distance at any time in a trial.
   */
  private final float[] ub;

  private final float[] cSave;
  private final float[] cnSave;
  private final double[] sumsSave;
  private final double[] cwSave;
  private final double[] sqSave;

  /** Clusters whose centroid or membership changed in the current trial. */
  private final int[] touched;

  /** The label each point of {@code moved} had before the trial. */
  private final int[] movedFrom;

  private final int[] stamp;
  private final int[] logPoint;
  private final int[] logLabel;
  private final float[] logBound;
  private int logSize;
  private final int[] moved;
  private int movedSize;
  private final int[] movedStamp;
  private int trial;

  /** A trial has run and was neither kept nor rolled back yet. */
  private boolean open;

  private final boolean[] active;

  /** The active clusters in index order, for the current assignment pass. */
  private final int[] activeList;

  private final boolean[] changed;
  private final byte[] mode;

  /** Per cluster, the scan stops where 2·bound falls to this distance. */
  private final double[] stop;

  private final double[] cc;
  private final long[] order;
  private final double[] pivotD;
  private int jumped = -1;
  private final int[] candidates;
  private final int[] sorted;
  private final double[] sortedD;

  /**
   * @param part each cluster's inertia in the kept partition, shared by the trials and written by
   *     {@link #commit}
   */
  SwapTrial(SwapPoints points, int k, boolean cosine, ClusterMembers members, double[] part) {
    this.points = points;
    this.x = points.x;
    this.xn = points.xn;
    this.xq = points.xq;
    this.n = points.n;
    this.d = points.d;
    this.k = k;
    this.cosine = cosine;
    this.eps = points.eps;
    this.members = members;
    this.part = part;
    this.c = new float[k * d];
    this.cn = new float[k];
    this.sums = new double[k * d];
    this.cw = new double[k];
    this.sq = new double[k];
    this.drift = new double[k];
    this.joined = new float[k];
    this.labels = new int[n];
    this.ub = new float[n];
    this.cSave = new float[k * d];
    this.cnSave = new float[k];
    this.sumsSave = new double[k * d];
    this.cwSave = new double[k];
    this.sqSave = new double[k];
    this.touched = new int[k];
    this.movedFrom = new int[n];
    this.stamp = new int[n];
    this.logPoint = new int[n];
    this.logLabel = new int[n];
    this.logBound = new float[n];
    this.moved = new int[n];
    this.movedStamp = new int[n];
    this.active = new boolean[k];
    this.activeList = new int[k];
    this.changed = new boolean[k];
    this.mode = new byte[k];
    this.stop = new double[k];
    this.cc = new double[k * k];
    this.order = new long[k];
    this.pivotD = new double[k];
    this.candidates = new int[k];
    this.sorted = new int[k * k];
    this.sortedD = new double[k * k];
  }

  /**
   * Starts from the engine's assignment to {@code start}: lays the points out by cluster, takes the
   * clusters' sums and exact bounds, fills {@code part} and builds the member lists.
   *
   * @param start k × d centroids the engine's labels were assigned to; not modified
   * @return the inertia of that partition
   */
  double start(Engine e, float[] start) {
    points.layOut(e, labels);
    System.arraycopy(start, 0, c, 0, k * d);
    for (int a = 0; a < k; a++) {
      cn[a] = VectorKernels.sequentialSquaredNorm(c, a * d, d);
    }
    Arrays.fill(sums, 0);
    Arrays.fill(cw, 0);
    Arrays.fill(sq, 0);
    for (int i = 0; i < n; i++) {
      int l = labels[i];
      double wi = points.weight(i);
      for (int j = 0; j < d; j++) {
        sums[l * d + j] += wi * x[i * d + j];
      }
      sq[l] += wi * xq[i];
      cw[l] += wi;
      ub[i] = (float) Math.sqrt(pointDist(i, l));
    }
    double inertia = 0;
    for (int a = 0; a < k; a++) {
      part[a] = clusterInertia(a);
      inertia += part[a];
    }
    members.build(labels, ub);
    return inertia;
  }

  /**
   * Follows {@link SwapPoints#permute} with the same {@code order}: the point at {@code order[p]}
   * is now at p. No trial may be open.
   *
   * @param intScratch n entries; overwritten
   * @param floatScratch n entries; overwritten
   */
  void permute(int[] order, int[] intScratch, float[] floatScratch) {
    for (int p = 0; p < n; p++) {
      intScratch[p] = labels[order[p]];
      floatScratch[p] = ub[order[p]];
    }
    System.arraycopy(intScratch, 0, labels, 0, n);
    System.arraycopy(floatScratch, 0, ub, 0, n);
    // The stamps name points by position; no trial is open, so none is current.
    Arrays.fill(stamp, 0);
    Arrays.fill(movedStamp, 0);
  }

  /** A copy of the centroids of the partition. */
  float[] centroids() {
    return c.clone();
  }

  /** The whole partition of {@code src}. */
  void copyAll(SwapTrial src) {
    System.arraycopy(src.labels, 0, labels, 0, n);
    System.arraycopy(src.ub, 0, ub, 0, n);
    copyCentroids(src);
  }

  private void copyCentroids(SwapTrial src) {
    System.arraycopy(src.c, 0, c, 0, k * d);
    System.arraycopy(src.cn, 0, cn, 0, k);
    System.arraycopy(src.sums, 0, sums, 0, k * d);
    System.arraycopy(src.cw, 0, cw, 0, k);
    System.arraycopy(src.sq, 0, sq, 0, k);
  }

  /**
   * After {@code src} kept its trial (and this worker rolled its own back): what the trial changed,
   * that is the points it logged and the members of the clusters it touched, whose bounds the kept
   * trial made absolute.
   */
  void copyKept(SwapTrial src) {
    for (int t = 0; t < src.logSize; t++) {
      int i = src.logPoint[t];
      labels[i] = src.labels[i];
      ub[i] = src.ub[i];
    }
    for (int a = 0; a < k; a++) {
      if (src.touched[a] != src.trial) {
        continue;
      }
      int[] list = members.lists[a];
      for (int m = 0, size = members.count[a]; m < size; m++) {
        int i = list[m];
        labels[i] = src.labels[i];
        ub[i] = src.ub[i];
      }
    }
    copyCentroids(src);
  }

  /**
   * One swap (centroid j to point p), local repartition and two iterations; returns the change in
   * inertia and leaves the trial open for {@link #commit} or {@link #rollBack}.
   */
  double attempt(int j, int p) {
    open = true;
    System.arraycopy(c, 0, cSave, 0, k * d);
    System.arraycopy(cn, 0, cnSave, 0, k);
    System.arraycopy(sums, 0, sumsSave, 0, k * d);
    System.arraycopy(cw, 0, cwSave, 0, k);
    System.arraycopy(sq, 0, sqSave, 0, k);
    trial++;
    logSize = 0;
    movedSize = 0;
    Arrays.fill(drift, 0);
    Arrays.fill(joined, 0f);
    System.arraycopy(x, p * d, c, j * d, d);
    cn[j] = VectorKernels.sequentialSquaredNorm(c, j * d, d);
    drift[j] = centroidDistance(cSave, j, c, j);
    Arrays.fill(active, false);
    active[j] = true;
    jumped = j;
    // Local repartition, then (update, assignment) twice: the two iterations of random swap.
    assign();
    jumped = -1;
    for (int it = 0; it < 2; it++) {
      if (!update()) {
        break;
      }
      assign();
    }
    double delta = 0;
    for (int a = 0; a < k; a++) {
      if (touched[a] == trial) {
        delta += clusterInertia(a) - part[a];
      }
    }
    return delta;
  }

  /**
   * Keeps the open trial: the cluster inertias in {@code part} and the member lists.
   *
   * @return the inertia of the new partition
   */
  double commit() {
    open = false;
    double inertia = 0;
    for (int a = 0; a < k; a++) {
      if (touched[a] == trial) {
        part[a] = clusterInertia(a);
      }
      inertia += part[a];
    }
    members.update(labels, ub, drift, touched, trial, moved, movedSize, movedFrom);
    return inertia;
  }

  /** Undoes the open trial, if any. */
  void rollBack() {
    if (!open) {
      return;
    }
    open = false;
    for (int t = 0; t < logSize; t++) {
      int i = logPoint[t];
      labels[i] = logLabel[t];
      ub[i] = logBound[t];
    }
    System.arraycopy(cSave, 0, c, 0, k * d);
    System.arraycopy(cnSave, 0, cn, 0, k);
    System.arraycopy(sumsSave, 0, sums, 0, k * d);
    System.arraycopy(cwSave, 0, cw, 0, k);
    System.arraycopy(sqSave, 0, sq, 0, k);
  }

  /** Σ w·‖x − c‖² of cluster a, from its sums: Σw·‖x‖² − 2·c·Σw·x + Σw·‖c‖². */
  private double clusterInertia(int a) {
    if (cw[a] <= 0) {
      return 0;
    }
    double s = sq[a];
    double wa = cw[a];
    for (int t = 0; t < d; t++) {
      double v = c[a * d + t];
      s += v * (wa * v - 2 * sums[a * d + t]);
    }
    return Math.max(0, s);
  }

  /** The assignment to the current centroids, comparing only what the active set can change. */
  private void assign() {
    Arrays.fill(changed, false);
    int nActive = 0;
    for (int a = 0; a < k; a++) {
      if (active[a]) {
        activeList[nActive++] = a;
      }
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
        // All centroids by distance from a pivot, the centroid's position when the points' bounds
        // were taken for the one that jumped, its new one otherwise: a point stops at the first
        // centroid that the triangle inequality puts beyond its best so far.
        mode[a] = FULL;
        touched[a] = trial;
        double nearest = Double.POSITIVE_INFINITY;
        for (int b = 0; b < k; b++) {
          double v = a == jumped ? centroidDistance(cSave, a, c, b) : cc[row + b];
          order[b] = key(v, b);
          pivotD[b] = v;
          if (b != a) {
            nearest = Math.min(nearest, cc[row + b]);
          }
        }
        Arrays.sort(order, 0, k);
        for (int b = 0; b < k; b++) {
          int o = (int) order[b];
          sorted[row + b] = o;
          sortedD[row + b] = pivotD[o];
        }
        candidates[a] = k;
        // The centroid that jumped left all its points: every one is searched.
        stop[a] = a == jumped ? Double.NEGATIVE_INFINITY : nearest;
      } else {
        // Only the active centroids within twice the cluster's largest bound, nearest first.
        double radius = Math.max(members.top(a), joined[a]) + drift[a];
        double reach = 2 * radius * (1 + SLACK) + eps;
        int m = 0;
        for (int t = 0; t < nActive; t++) {
          int b = activeList[t];
          if (cc[row + b] < reach) {
            order[m++] = key(cc[row + b], b);
          }
        }
        Arrays.sort(order, 0, m);
        for (int t = 0; t < m; t++) {
          int o = (int) order[t];
          sorted[row + t] = o;
          sortedD[row + t] = cc[row + o];
        }
        candidates[a] = m;
        mode[a] = m == 0 ? SKIP : NEAR;
        stop[a] = m == 0 ? 0 : sortedD[row];
      }
    }
    int movedBefore = movedSize;
    for (int a = 0; a < k; a++) {
      if (mode[a] == SKIP) {
        continue;
      }
      // Members are listed by bound, largest first, and a bound only falls between sorts: the
      // scan stops at the first member whose bound (as sorted, plus the drift) is too small for
      // any candidate centroid to be nearer; every later member's is smaller still.
      double limit = stop[a];
      double shift = drift[a];
      int[] list = members.lists[a];
      float[] bound = members.bounds[a];
      for (int m = 0, size = members.count[a]; m < size; m++) {
        if (2 * (bound[m] + shift) * (1 + SLACK) + eps <= limit) {
          break;
        }
        int i = list[m];
        if (movedStamp[i] == trial) {
          continue;
        }
        visit(i, a);
      }
    }
    for (int m = 0; m < movedBefore; m++) {
      int i = moved[m];
      int a = labels[i];
      if (mode[a] != SKIP) {
        visit(i, a);
      }
    }
  }

  /** Re-examines point i of cluster a under the cluster's mode. */
  private void visit(int i, int a) {
    int best = a;
    float bestD = pointDist(i, a);
    int xo = i * d;
    int row = a * k;
    if (mode[a] == FULL) {
      double own = Math.sqrt(bestD);
      // The pivot is the jumped centroid's old place, where the point's bound offset was taken.
      double pivotR = a == jumped ? ub[i] : own;
      double bound = own * (1 + SLACK) + eps;
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
      double reach = 2 * Math.sqrt(bestD) * (1 + SLACK) + eps;
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
      logBound[logSize] = ub[i];
      logSize++;
    }
    float offset = (float) (Math.sqrt(bestD) - drift[best]);
    ub[i] = offset;
    if (best != a) {
      double wi = points.weight(i);
      for (int t = 0; t < d; t++) {
        double v = wi * x[xo + t];
        sums[a * d + t] -= v;
        sums[best * d + t] += v;
      }
      cw[a] -= wi;
      cw[best] += wi;
      sq[a] -= wi * xq[i];
      sq[best] += wi * xq[i];
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
    if (movedStamp[i] == trial) {
      joined[best] = Math.max(joined[best], offset);
    }
  }

  /** Centroids of the clusters whose members changed; false when none moved. */
  private boolean update() {
    boolean any = false;
    for (int a = 0; a < k; a++) {
      active[a] = false;
      if (!changed[a] || cw[a] <= 0) {
        continue; // an emptied cluster keeps its centroid, as under the empty-cluster policies
      }
      double norm = 0;
      for (int t = 0; t < d; t++) {
        float v = (float) (sums[a * d + t] / cw[a]);
        norm += (double) v * v;
      }
      double inv = cosine && norm > 0 ? 1.0 / Math.sqrt(norm) : 1.0;
      double step = 0;
      for (int t = 0; t < d; t++) {
        float v = (float) (sums[a * d + t] / cw[a]);
        if (cosine && norm > 0) {
          v = (float) (v * inv);
        }
        double u = (double) v - c[a * d + t];
        step += u * u;
        c[a * d + t] = v;
      }
      if (step > 0) {
        cn[a] = VectorKernels.sequentialSquaredNorm(c, a * d, d);
        drift[a] += Math.sqrt(step);
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

  /** ‖p_a − q_b‖ in double, for centroid rows a of p and b of q. */
  private double centroidDistance(float[] p, int a, float[] q, int b) {
    double s = 0;
    for (int t = 0; t < d; t++) {
      double u = (double) p[a * d + t] - q[b * d + t];
      s += u * u;
    }
    return Math.sqrt(s);
  }

  private float pointDist(int i, int b) {
    float dot =
        d < CHAINS_FROM ? Engine.seqDot(x, i * d, c, b * d, d) : Engine.dot8(x, i * d, c, b * d, d);
    float v = Math.fma(dot, -2f, cn[b]);
    return Math.max(0f, xn[i] + v);
  }
}
