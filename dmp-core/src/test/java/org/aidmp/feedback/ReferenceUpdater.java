package org.aidmp.feedback;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.aidmp.profile.Event;

/**
 * A plain, single-threaded restatement of what {@link FeedbackUpdater} computes, in double and with
 * no kernels, locks or buffers: the reference the fast one is tested against.
 */
final class ReferenceUpdater {
  final int k;
  final int d;
  final List<String> types;
  final FeatureEncoder encoder;
  final double[][] centroids;
  final double[] weights;
  final double halfLife;
  final int batch;
  final Map<String, long[]> counts = new HashMap<>();
  final Map<String, float[]> rows = new HashMap<>();
  final Map<String, Integer> segments = new HashMap<>();
  final double[][] pending;
  final long[] pendingCount;
  int pendingEvents;
  long version = 1;

  ReferenceUpdater(
      float[] c,
      int k,
      int d,
      List<String> types,
      FeatureEncoder encoder,
      long halfLife,
      int batch) {
    this.k = k;
    this.d = d;
    this.types = types;
    this.encoder = encoder;
    this.centroids = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < d; i++) {
        centroids[j][i] = c[j * d + i];
      }
    }
    this.weights = new double[k];
    java.util.Arrays.fill(weights, halfLife / Math.log(2) / k);
    this.halfLife = halfLife;
    this.batch = batch;
    this.pending = new double[k][d];
    this.pendingCount = new long[k];
  }

  void accept(Event e) {
    int t = types.indexOf(e.type());
    long[] c = counts.computeIfAbsent(e.userId(), id -> new long[types.size()]);
    float[] row =
        rows.computeIfAbsent(
            e.userId(),
            id -> {
              float[] r = new float[d];
              encoder.newUser(id, r);
              return r;
            });
    c[t]++;
    LiveProfile view =
        new LiveProfile() {
          @Override
          public String userId() {
            return e.userId();
          }

          @Override
          public long count(int i) {
            return c[i];
          }

          @Override
          public long events() {
            return 0;
          }

          @Override
          public double valueSum() {
            return 0;
          }

          @Override
          public long firstSeen() {
            return 0;
          }

          @Override
          public long lastSeen() {
            return 0;
          }

          @Override
          public org.aidmp.profile.UserProfile profile() {

            throw new UnsupportedOperationException();
          }
        };
    encoder.encode(e, t, view, row);
    int best = -1;
    double bestDist = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double dist = 0;
      for (int i = 0; i < d; i++) {
        double diff = row[i] - (float) centroids[j][i];
        dist += diff * diff;
      }
      if (dist < bestDist) {
        bestDist = dist;
        best = j;
      }
    }
    segments.put(e.userId(), best);
    for (int i = 0; i < d; i++) {
      pending[best][i] += row[i];
    }
    pendingCount[best]++;
    if (++pendingEvents == batch) {
      double decay = Math.pow(0.5, pendingEvents / halfLife);
      for (int j = 0; j < k; j++) {
        double old = weights[j] * decay;
        double w = old + pendingCount[j];
        if (pendingCount[j] > 0) {
          for (int i = 0; i < d; i++) {
            // Rounded to float like the live model, which stores float centroids.
            centroids[j][i] = (float) ((old * (float) centroids[j][i] + pending[j][i]) / w);
            pending[j][i] = 0;
          }
        }
        weights[j] = w;
        pendingCount[j] = 0;
      }
      pendingEvents = 0;
      version++;
    }
  }
}
