package org.aidmp.kmeans;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.aidmp.internal.parallel.WorkerPool;
import org.ejml.data.FMatrixRMaj;

/** Initial centroids: greedy k-means++, random rows and k-means||, all weighted and seeded. */
final class Seeding {
  /** k-means|| rounds; five is what its authors found enough in practice. */
  static final int PARALLEL_ROUNDS = 5;

  private Seeding() {}

  /** The starting centroids the initialization asks for; given ones are copied (and normalised). */
  static float[] start(
      Initialization initialization,
      FMatrixRMaj given,
      boolean cosine,
      Engine e,
      int k,
      SplittableRandom rnd) {
    switch (initialization) {
      case GIVEN:
        {
          float[] c = Arrays.copyOf(given.data, k * e.d);
          if (cosine) {
            KMeansData.normaliseRows(c, k, e.d);
          }
          return c;
        }
      case RANDOM:
        return Seeding.random(e, k, rnd);
      case K_MEANS_PARALLEL:
        return Seeding.kMeansParallel(e, k, rnd.nextLong(), rnd);
      case K_MEANS_PLUS_PLUS:
      default:
        return Seeding.kMeansPlusPlus(e, k, rnd);
    }
  }

  /** Candidates tried per greedy k-means++ step, 2 + ⌊ln k⌋ as scikit-learn does. */
  static int greedyCandidates(int k) {
    return 2 + (int) Math.log(k);
  }

  static int sampleWeighted(double[] w, int n, SplittableRandom rnd) {
    if (w == null) {
      return rnd.nextInt(n);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += w[i];
    }
    return sampleBy(w, null, n, total, rnd);
  }

  /** Index i with probability ∝ w[i]·f[i] (f null = 1), total being that sum. */
  static int sampleBy(double[] w, double[] f, int n, double total, SplittableRandom rnd) {
    double u = rnd.nextDouble() * total;
    double acc = 0;
    int last = -1;
    for (int i = 0; i < n; i++) {
      double p = (w == null ? 1.0 : w[i]) * (f == null ? 1.0 : f[i]);
      if (p > 0) {
        acc += p;
        last = i;
        if (acc > u) {
          return i;
        }
      }
    }
    return last >= 0 ? last : rnd.nextInt(n);
  }

  /**
   * Greedy k-means++: each step draws {@link #greedyCandidates} points with probability ∝ w·D² and
   * keeps the one that lowers the potential most. When every point already sits on a chosen centre
   * (fewer distinct points than k) the next centre is drawn by weight alone, so centres repeat
   * rather than becoming undefined.
   */
  static float[] kMeansPlusPlus(Engine e, int k, SplittableRandom rnd) {
    int n = e.n;
    int d = e.d;
    float[] x = e.x;
    float[] out = new float[k * d];
    double[] closest = new double[n];
    int first = sampleWeighted(e.w, n, rnd);
    System.arraycopy(x, first * d, out, 0, d);
    e.par.run(
        e.nBlocks,
        b -> {
          for (int i = e.from(b), end = e.to(b); i < end; i++) {
            closest[i] = e.kern.squaredDistance(x, i * d, x, first * d, d);
          }
        });
    int nc = greedyCandidates(k);
    int[] cand = new int[nc];
    double[] part = new double[e.nBlocks * nc];
    for (int step = 1; step < k; step++) {
      double pot = potential(e, closest);
      int chosen;
      if (!(pot > 0)) {
        chosen = sampleWeighted(e.w, n, rnd);
      } else {
        for (int t = 0; t < nc; t++) {
          cand[t] = sampleBy(e.w, closest, n, pot, rnd);
        }
        Arrays.fill(part, 0.0);
        e.par.run(
            e.nBlocks,
            b -> {
              for (int i = e.from(b), end = e.to(b); i < end; i++) {
                double wi = e.weight(i);
                for (int t = 0; t < nc; t++) {
                  double dd = e.kern.squaredDistance(x, i * d, x, cand[t] * d, d);
                  part[b * nc + t] += wi * Math.min(closest[i], dd);
                }
              }
            });
        int best = 0;
        double bestPot = Double.POSITIVE_INFINITY;
        for (int t = 0; t < nc; t++) {
          double s = 0;
          for (int b = 0; b < e.nBlocks; b++) {
            s += part[b * nc + t];
          }
          if (s < bestPot) {
            bestPot = s;
            best = t;
          }
        }
        chosen = cand[best];
      }
      final int ch = chosen;
      System.arraycopy(x, ch * d, out, step * d, d);
      e.par.run(
          e.nBlocks,
          b -> {
            for (int i = e.from(b), end = e.to(b); i < end; i++) {
              double dd = e.kern.squaredDistance(x, i * d, x, ch * d, d);
              if (dd < closest[i]) {
                closest[i] = dd;
              }
            }
          });
    }
    return out;
  }

  static double potential(Engine e, double[] closest) {
    double[] part = new double[e.nBlocks];
    e.par.run(
        e.nBlocks,
        b -> {
          double s = 0;
          for (int i = e.from(b), end = e.to(b); i < end; i++) {
            s += e.weight(i) * closest[i];
          }
          part[b] = s;
        });
    double s = 0;
    for (double p : part) {
      s += p;
    }
    return s;
  }

  /** k distinct rows drawn by weight (repeats only if fewer than k rows have weight). */
  static float[] random(Engine e, int k, SplittableRandom rnd) {
    int n = e.n;
    int d = e.d;
    float[] out = new float[k * d];
    boolean[] taken = new boolean[n];
    int attempts = 0;
    for (int c = 0; c < k; c++) {
      int i = sampleWeighted(e.w, n, rnd);
      while (taken[i] && attempts++ < 100 * k) {
        i = sampleWeighted(e.w, n, rnd);
      }
      taken[i] = true;
      System.arraycopy(e.x, i * d, out, c * d, d);
    }
    return out;
  }

  /**
   * k-means|| (Bahmani et al. 2012): {@link #PARALLEL_ROUNDS} rounds each keep every point
   * independently with probability min(1, 2k·w·D²/φ); the candidates, weighted by the points
   * nearest to them, are then reduced to k centres by greedy k-means++. One pass over the data per
   * round instead of one per centre, which is what makes it the choice for very large n.
   */
  static float[] kMeansParallel(Engine e, int k, long seed, SplittableRandom rnd) {
    int n = e.n;
    int d = e.d;
    float[] x = e.x;
    double[] closest = new double[n];
    Arrays.fill(closest, Double.POSITIVE_INFINITY);
    int[] candidates = new int[Math.max(16, 4 * k)];
    int count = 0;
    candidates[count++] = sampleWeighted(e.w, n, rnd);
    int newFrom = 0;
    double ell = 2.0 * k;
    for (int round = 0; round <= PARALLEL_ROUNDS; round++) {
      final int lo = newFrom;
      final int hi = count;
      final int[] cs = candidates;
      e.par.run(
          e.nBlocks,
          b -> {
            for (int i = e.from(b), end = e.to(b); i < end; i++) {
              double m = closest[i];
              for (int t = lo; t < hi; t++) {
                m = Math.min(m, e.kern.squaredDistance(x, i * d, x, cs[t] * d, d));
              }
              closest[i] = m;
            }
          });
      if (round == PARALLEL_ROUNDS) {
        break;
      }
      double pot = potential(e, closest);
      if (!(pot > 0)) {
        break;
      }
      newFrom = count;
      for (int i = 0; i < n; i++) {
        double p = ell * e.weight(i) * closest[i] / pot;
        if (p > 0 && uniform(seed, round, i) < p) {
          if (count == candidates.length) {
            candidates = Arrays.copyOf(candidates, candidates.length * 2);
          }
          candidates[count++] = i;
        }
      }
    }
    // Weight each candidate by the points nearest to it, with the fused kernel.
    int cc = count;
    float[] cx = new float[cc * d];
    for (int t = 0; t < cc; t++) {
      System.arraycopy(x, candidates[t] * d, cx, t * d, d);
    }
    double[] cw = new double[cc];
    try (WorkerPool one = WorkerPool.create("kmeans", 1, null)) {
      Engine ce = new Engine(cx, cc, d, Math.max(1, cc), null, e.kern, one, false, null);
      ce.setCentroids(cx);
      int[] lab = new int[n];
      float[] dd = new float[n];
      e.par.run(
          e.nBlocks,
          b -> {
            int s = e.from(b);
            int end = e.to(b);
            if (end > s) {
              e.kern.nearestCentroids(x, s * d, end - s, d, ce.ct, ce.ks, ce.cn, cc, lab, s, dd, s);
            }
          });
      for (int i = 0; i < n; i++) {
        cw[lab[i]] += e.weight(i);
      }
    }
    if (cc <= k) {
      float[] out = new float[k * d];
      System.arraycopy(cx, 0, out, 0, cc * d);
      float[] extra = random(e, k, rnd);
      System.arraycopy(extra, cc * d, out, cc * d, (k - cc) * d);
      return out;
    }
    try (WorkerPool one = WorkerPool.create("kmeans", 1, null)) {
      Engine ce = new Engine(cx, cc, d, k, cw, e.kern, one, false, null);
      return kMeansPlusPlus(ce, k, rnd);
    }
  }

  /** A uniform in [0, 1) fixed by (seed, round, i): the sampling does not depend on threads. */
  static double uniform(long seed, int round, int i) {
    long z = seed + 0x9E3779B97F4A7C15L * (((long) round << 32) + i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
