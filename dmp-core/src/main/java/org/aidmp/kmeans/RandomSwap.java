package org.aidmp.kmeans;

import java.util.SplittableRandom;

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
 * is skipped needs no fresh distance. A kept trial re-sorts only the member lists of the clusters
 * it changed, and the points are then moved into list order (each cluster's together, largest bound
 * first), so a scan reads the points and their bounds front to back. The search runs on one thread
 * in a fixed order, so the result does not depend on the thread count. Distances use the fused
 * kernel's formula ({@code ‖x‖² + ‖c‖² − 2·x·c}), the dot product as one fma chain below {@value
 * SwapTrial#CHAINS_FROM} dimensions and as eight chains summed pairwise from there; the pruning
 * carries a small slack for float rounding, and the full iterations after the swaps settle any
 * point it misjudged.
 *
 * <p>The run stops after {@code patience} trials in a row without progress, progress being a fall
 * in inertia of at least {@value #PROGRESS_SHARE} of inertia / k.
 */
final class RandomSwap {
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
  private final SwapPoints points;
  private final int k;

  /** Each cluster's points by bound; shared by the trial states. */
  private final ClusterMembers members;

  /** Each cluster's inertia in the kept partition. */
  private final double[] part;

  /**
   * The trial state; two when the pool has two threads or more, each trying one of two consecutive
   * trials from the same partition.
   */
  private final SwapTrial[] workers;

  /** Scratch for {@link #relayOut}: the old position of each new one, and the inverse. */
  private final int[] order;

  private final int[] position;
  private final int[] intScratch;
  private final float[] floatScratch;

  private double inertia;
  private int accepted;
  private int trials;

  RandomSwap(Engine e) {
    this.e = e;
    this.k = e.k;
    this.points = new SwapPoints(e);
    this.part = new double[k];
    this.members = new ClusterMembers(e.n, k);
    this.order = new int[e.n];
    this.position = new int[e.n];
    this.intScratch = new int[e.n];
    this.floatScratch = new float[e.n];
    workers = new SwapTrial[e.par.threads() > 1 ? 2 : 1];
    for (int t = 0; t < workers.length; t++) {
      workers[t] = new SwapTrial(points, k, e.cosine, members, part);
    }
  }

  /**
   * Moves the points into the order of the member lists: each cluster's points together, largest
   * bound first. A scan then reads the points, their bounds and labels front to back instead of
   * jumping across arrays larger than the cache, which was the largest cost of a trial. Kept trials
   * are rare after the first few, so the O(n) move after each one costs little.
   */
  private void relayOut() {
    members.renumberInListOrder(order);
    for (int p = 0; p < order.length; p++) {
      position[order[p]] = p;
    }
    points.permute(order);
    for (SwapTrial wk : workers) {
      wk.permute(order, intScratch, floatScratch);
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
    SwapTrial first = workers[0];
    inertia = first.start(e, start);
    for (int t = 1; t < workers.length; t++) {
      workers[t].copyAll(first);
    }
    relayOut();
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
        ps[queued] = points.sample(rnd);
        queued++;
      }
      boolean pair = workers.length == 2 && round == 2;
      if (pair) {
        e.par.run(2, t -> deltas[t] = workers[t].attempt(js[t], ps[t]));
      }
      for (int t = 0; t < round && trials < maxTrials && sinceBest < patience; t++) {
        SwapTrial wk = pair ? workers[t] : first;
        if (!pair) {
          deltas[t] = first.attempt(js[t], ps[t]);
        }
        trials++;
        double before = inertia;
        boolean kept = deltas[t] < -KEEP_SHARE * inertia;
        if (kept) {
          inertia = wk.commit();
          accepted++;
          for (SwapTrial other : workers) {
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
          relayOut();
          ps[0] = position[ps[0]]; // the point drawn for it, where that point now is
          break; // a second trial not yet counted is tried again from the new partition
        }
      }
      for (SwapTrial wk : workers) {
        wk.rollBack(); // a second trial left uncounted when the run stops
      }
    }
    return first.centroids();
  }
}
