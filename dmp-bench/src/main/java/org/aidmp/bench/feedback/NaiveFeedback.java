package org.aidmp.bench.feedback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aidmp.profile.Event;

/**
 * The peer: what a first, obviously-correct version of live feedback looks like. One global lock
 * around everything, a HashMap of users, per-type counts, the same standardised log-count row, a
 * plain double loop over all centroids, and the same decayed mini-batch drift. It is correct and
 * simple; the benchmark shows what the updater's design buys over it.
 */
public final class NaiveFeedback {
  private final int k;
  private final int d;
  private final Map<String, Integer> typeIndex = new HashMap<>();
  private final double[] mean;
  private final double[] invStd;
  private final float[] centroids;
  private final double[] weights;
  private final double[] pendingSum;
  private final long[] pendingCount;
  private final double halfLife;
  private final int batch;
  private int pendingEvents;
  private final Map<String, State> users = new HashMap<>();

  private static final class State {
    final long[] counts;
    final float[] row;
    int segment = -1;

    State(int types, int d) {
      counts = new long[types];
      row = new float[d];
    }
  }

  /** A peer over the given types, centroids (k × d, copied) and scaling. */
  public NaiveFeedback(
      List<String> types,
      float[] centroids,
      int k,
      int d,
      double[] mean,
      double[] std,
      long halfLife,
      int batch) {
    this.k = k;
    this.d = d;
    for (int i = 0; i < types.size(); i++) {
      typeIndex.put(types.get(i), i);
    }
    this.mean = mean.clone();
    this.invStd = new double[std.length];
    for (int i = 0; i < std.length; i++) {
      invStd[i] = std[i] == 0 ? 0 : 1 / std[i];
    }
    this.centroids = centroids.clone();
    this.weights = new double[k];
    java.util.Arrays.fill(weights, halfLife / Math.log(2) / k);
    this.pendingSum = new double[k * d];
    this.pendingCount = new long[k];
    this.halfLife = halfLife;
    this.batch = batch;
  }

  /** Folds an event in and returns the user's segment. */
  public synchronized int accept(Event e) {
    Integer t = typeIndex.get(e.type());
    if (e.userId() == null || t == null || e.timestamp() < 0) {
      return -1;
    }
    State s = users.get(e.userId());
    if (s == null) {
      s = new State(mean.length, d);
      for (int i = 0; i < mean.length; i++) {
        s.row[i] = (float) (-mean[i] * invStd[i]);
      }
      users.put(e.userId(), s);
    }
    s.counts[t]++;
    s.row[t] = (float) ((Math.log1p(s.counts[t]) - mean[t]) * invStd[t]);
    int best = 0;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double dist = 0;
      for (int i = 0; i < d; i++) {
        double diff = s.row[i] - centroids[j * d + i];
        dist += diff * diff;
      }
      if (dist < bestDist) {
        bestDist = dist;
        best = j;
      }
    }
    s.segment = best;
    for (int i = 0; i < d; i++) {
      pendingSum[best * d + i] += s.row[i];
    }
    pendingCount[best]++;
    if (++pendingEvents == batch) {
      double decay = Math.pow(0.5, pendingEvents / halfLife);
      for (int j = 0; j < k; j++) {
        double old = weights[j] * decay;
        double w = old + pendingCount[j];
        if (pendingCount[j] > 0) {
          for (int i = 0; i < d; i++) {
            centroids[j * d + i] =
                (float) ((old * centroids[j * d + i] + pendingSum[j * d + i]) / w);
            pendingSum[j * d + i] = 0;
          }
        }
        weights[j] = w;
        pendingCount[j] = 0;
      }
      pendingEvents = 0;
    }
    return best;
  }

  /** The user's segment, or −1. */
  public synchronized int segmentOf(String userId) {
    State s = users.get(userId);
    return s == null ? -1 : s.segment;
  }
}
