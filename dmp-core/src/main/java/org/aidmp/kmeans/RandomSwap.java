package org.aidmp.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * Fränti's random swap at its published cost. A trial moves one random centroid to one random
 * point, repartitions locally, runs two K-Means iterations and keeps the result only if the inertia
 * fell. Every point carries an upper bound on its distance to its centroid, held as an offset from
 * the distance its cluster's centroid has drifted in the current trial, and each cluster's members
 * are listed by that bound, largest first. Every pass after the swap is a reduced search:
 *
 * <ul>
 *   <li>a cluster whose centroid moved ("active") is scanned until the first member whose bound is
 *       at most half the distance to the nearest other centroid (Hamerly's test: neither it nor any
 *       member after it can have a nearer centroid); a scanned point compares the other centroids
 *       in order of their distance from its own, stopping at the first one the triangle inequality
 *       puts beyond its best so far;
 *   <li>a cluster whose centroid stayed compares its members only with the active centroids within
 *       twice its largest bound, and stops at the first member whose bound is at most half the
 *       distance to the nearest of them; a cluster with none is skipped whole.
 * </ul>
 *
 * So a trial costs about the boundary of the neighbourhood it disturbs, not n·k·d. The inertia of a
 * cluster comes from its weighted sums (Σw·‖x‖² − 2·c·Σw·x + Σw·‖c‖², in double), so a point that
 * is skipped needs no fresh distance. The points are copied grouped by cluster, so a neighbourhood
 * is also close in memory, and a kept trial re-sorts only the member lists of the clusters it
 * changed. The search runs on one thread in a fixed order, so the result does not depend on the
 * thread count. Distances use the fused kernel's formula ({@code ‖x‖² + ‖c‖² − 2·x·c}), the dot
 * product as one fma chain below {@value #CHAINS_FROM} dimensions and as eight chains summed
 * pairwise from there; the pruning carries a small slack for float rounding, and the full
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

  /**
   * A trial is kept only if it lowers the inertia by more than this share of it: the sums it is
   * computed from are updated point by point, so a trial that ends where it began can differ from
   * zero by rounding alone.
   */
  static final double KEEP_SHARE = 1e-12;

  private final Engine e;
  private final float[] x;
  private final int n;
  private final int d;
  private final int k;
  private final double[] w;
  private final float[] xn;

  /** Each point's ‖x‖² in double. */
  private final double[] xq;

  private final boolean cosine;
  private final double eps;

  /** Each cluster's inertia in the current partition. */
  private final double[] part;

  /** Each cluster's points, by bound, largest first. */
  private final ClusterMembers members;

  private final double[] cumulative;

  /**
   * The trial state; two when the pool has two threads or more, each trying one of two consecutive
   * trials from the same partition.
   */
  private final Worker[] workers;

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
    this.xq = new double[n];
    this.cosine = e.cosine;
    float maxNorm = 0;
    for (int i = 0; i < n; i++) {
      maxNorm = Math.max(maxNorm, e.xn[i]);
    }
    this.eps = 1e-4 * Math.sqrt(maxNorm) + 1e-30;
    part = new double[k];
    members = new ClusterMembers(n, k);
    cumulative = w == null ? null : new double[n];
    workers = new Worker[e.par.threads() > 1 ? 2 : 1];
    for (int t = 0; t < workers.length; t++) {
      workers[t] = new Worker();
    }
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
   * <p>Trials are drawn in pairs. On two threads both start from the same partition at once, and
   * the second counts only if the first was not kept (otherwise it is tried again from the new
   * partition); on one thread they run one after the other. The draws and the kept trials are the
   * same either way.
   *
   * @param start k × d centroids; not modified
   */
  float[] run(float[] start, int maxTrials, int patience, SplittableRandom rnd) {
    e.setCentroids(start);
    e.assignOnly();
    Worker first = workers[0];
    layOut(first.labels);
    first.start(start);
    inertia = 0;
    for (int a = 0; a < k; a++) {
      part[a] = first.clusterInertia(a);
      inertia += part[a];
    }
    members.build(first.labels, first.ub);
    for (int t = 1; t < workers.length; t++) {
      workers[t].copyAll(first);
    }
    accepted = 0;
    trials = 0;
    int sinceBest = 0;
    int[] js = new int[2];
    int[] ps = new int[2];
    double[] deltas = new double[2];
    int queued = 0;
    while (trials < maxTrials && sinceBest < patience) {
      int round = Math.min(2, maxTrials - trials);
      while (queued < round) {
        js[queued] = rnd.nextInt(k);
        ps[queued] = samplePoint(rnd);
        queued++;
      }
      boolean pair = workers.length == 2 && round == 2;
      if (pair) {
        e.par.run(2, t -> deltas[t] = workers[t].attempt(js[t], ps[t]));
      }
      for (int t = 0; t < round && trials < maxTrials && sinceBest < patience; t++) {
        Worker wk = pair ? workers[t] : first;
        if (!pair) {
          deltas[t] = first.attempt(js[t], ps[t]);
        }
        trials++;
        double before = inertia;
        boolean kept = deltas[t] < -KEEP_SHARE * inertia;
        if (kept) {
          wk.commit();
          accepted++;
          for (Worker other : workers) {
            if (other != wk) {
              other.rollBack(); // a second trial of the pair started from the old partition
              other.copyKept(wk);
            }
          }
        } else {
          wk.rollBack();
        }
        // Only a gain of the size a fixed centroid brings restarts the count (see PROGRESS_SHARE).
        if (inertia < before * (1 - PROGRESS_SHARE / k)) {
          sinceBest = 0;
        } else {
          sinceBest++;
        }
        js[0] = js[1];
        ps[0] = ps[1];
        queued--;
        if (kept) {
          break; // a second trial not yet counted is tried again from the new partition
        }
      }
      for (Worker wk : workers) {
        wk.rollBack(); // a second trial left uncounted when the run stops
      }
    }
    return first.c.clone();
  }

  /**
   * Copies the points grouped by their cluster, and their labels into {@code labels}: a trial
   * visits a few clusters' points, which then sit together in memory instead of being spread over
   * the whole array. Only the centroids leave this class, so the order never shows.
   */
  private void layOut(int[] labels) {
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

  /**
   * The state one trial works on: the centroids, sums and labels of the partition, each point's
   * bound, and the log that undoes the trial.
   */
  private final class Worker {
    private final float[] c = new float[k * d];
    private final float[] cn = new float[k];
    private final double[] sums = new double[k * d];
    private final double[] cw = new double[k];

    /** Σ w·‖x‖² per cluster, in double. */
    private final double[] sq = new double[k];

    /** How far each centroid has moved in the current trial (sum of its steps). */
    private final double[] drift = new double[k];

    /** The largest bound offset of the points that joined each cluster in the current trial. */
    private final float[] joined = new float[k];

    private final int[] labels = new int[n];

    /**
     * Per point, an upper bound on its distance to its centroid minus its cluster's {@link #drift}:
     * {@code ub[i] + drift[labels[i]]} bounds the distance at any time in a trial.
     */
    private final float[] ub = new float[n];

    private final float[] cSave = new float[k * d];
    private final float[] cnSave = new float[k];
    private final double[] sumsSave = new double[k * d];
    private final double[] cwSave = new double[k];
    private final double[] sqSave = new double[k];

    /** Clusters whose centroid or membership changed in the current trial. */
    private final int[] touched = new int[k];

    /** The label each point of {@code moved} had before the trial. */
    private final int[] movedFrom = new int[n];

    private final int[] stamp = new int[n];
    private final int[] logPoint = new int[n];
    private final int[] logLabel = new int[n];
    private final float[] logBound = new float[n];
    private int logSize;
    private final int[] moved = new int[n];
    private int movedSize;
    private final int[] movedStamp = new int[n];
    private int trial;

    /** A trial has run and was neither kept nor rolled back yet. */
    private boolean open;

    private final boolean[] active = new boolean[k];
    private final boolean[] changed = new boolean[k];
    private final byte[] mode = new byte[k];

    /** Per cluster, the scan stops where 2·bound falls to this distance. */
    private final double[] stop = new double[k];

    private final double[] cc = new double[k * k];
    private final long[] order = new long[k];
    private final double[] pivotD = new double[k];
    private int jumped = -1;
    private final int[] candidates = new int[k];
    private final int[] sorted = new int[k * k];
    private final double[] sortedD = new double[k * k];

    /** The partition of {@code start} with the labels {@link #layOut} left; exact bounds. */
    void start(float[] start) {
      System.arraycopy(start, 0, c, 0, k * d);
      for (int a = 0; a < k; a++) {
        cn[a] = VectorKernels.sequentialSquaredNorm(c, a * d, d);
      }
      Arrays.fill(sums, 0);
      Arrays.fill(cw, 0);
      Arrays.fill(sq, 0);
      for (int i = 0; i < n; i++) {
        int l = labels[i];
        double wi = weight(i);
        double q = 0;
        for (int j = 0; j < d; j++) {
          double v = x[i * d + j];
          sums[l * d + j] += wi * v;
          q += v * v;
        }
        xq[i] = q;
        sq[l] += wi * q;
        cw[l] += wi;
        ub[i] = (float) Math.sqrt(pointDist(i, l));
      }
    }

    /** The whole partition of {@code src}. */
    void copyAll(Worker src) {
      System.arraycopy(src.labels, 0, labels, 0, n);
      System.arraycopy(src.ub, 0, ub, 0, n);
      copyCentroids(src);
    }

    private void copyCentroids(Worker src) {
      System.arraycopy(src.c, 0, c, 0, k * d);
      System.arraycopy(src.cn, 0, cn, 0, k);
      System.arraycopy(src.sums, 0, sums, 0, k * d);
      System.arraycopy(src.cw, 0, cw, 0, k);
      System.arraycopy(src.sq, 0, sq, 0, k);
    }

    /**
     * After {@code src} kept its trial (and this worker rolled its own back): what the trial
     * changed, that is the points it logged and the members of the clusters it touched, whose
     * bounds the kept trial made absolute.
     */
    void copyKept(Worker src) {
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
      drift[j] = distance(cSave, j, c, j);
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

    /** Keeps the open trial: cluster inertias, the tracked total and the member lists. */
    void commit() {
      open = false;
      inertia = 0;
      for (int a = 0; a < k; a++) {
        if (touched[a] == trial) {
          part[a] = clusterInertia(a);
        }
        inertia += part[a];
      }
      members.update(labels, ub, drift, touched, trial, moved, movedSize, movedFrom);
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
          // All centroids by distance from a pivot, the centroid's position when the points' bounds
          // were taken for the one that jumped, its new one otherwise: a point stops at the first
          // centroid that the triangle inequality puts beyond its best so far.
          mode[a] = FULL;
          touched[a] = trial;
          double nearest = Double.POSITIVE_INFINITY;
          for (int b = 0; b < k; b++) {
            double v = a == jumped ? distance(cSave, a, c, b) : cc[row + b];
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
        double wi = weight(i);
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

    private float pointDist(int i, int b) {
      float dot =
          d < CHAINS_FROM
              ? Engine.seqDot(x, i * d, c, b * d, d)
              : Engine.dot8(x, i * d, c, b * d, d);
      float v = Math.fma(dot, -2f, cn[b]);
      return Math.max(0f, xn[i] + v);
    }
  }
}
