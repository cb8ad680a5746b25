package org.aidmp.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.profile.Event;
import org.ejml.data.FMatrixRMaj;

/** Shared small models and event streams for the feedback tests. */
final class Fixtures {
  static final long NOW = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

  private Fixtures() {}

  static List<String> types(int n) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      t.add("t" + i);
    }
    return t;
  }

  /** k random centroids in d dimensions, values in [-1, 2). */
  static FMatrixRMaj centroids(int k, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FMatrixRMaj c = new FMatrixRMaj(k, d);
    for (int i = 0; i < k * d; i++) {
      c.data[i] = (float) (r.nextDouble() * 3 - 1);
    }
    return c;
  }

  /** Means and stds that put log-counts of a few events around [-1, 2]. */
  static FeatureEncoder encoder(int types) {
    double[] mean = new double[types];
    double[] std = new double[types];
    for (int i = 0; i < types; i++) {
      mean[i] = 0.7;
      std[i] = 0.6 + 0.05 * i;
    }
    return FeatureEncoder.logCounts(mean, std);
  }

  /** A seeded stream of valid events over {@code users} users with skewed types per user. */
  static List<Event> events(int n, int users, int types, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int u = r.nextInt(users);
      // Each user prefers a type, so rows separate and users move between segments.
      int t = r.nextInt(4) == 0 ? r.nextInt(types) : u % types;
      out.add(
          new Event(
              "u" + u,
              NOW - r.nextInt(1_000_000),
              "t" + t,
              "i" + r.nextInt(50),
              null,
              r.nextInt(3) == 0 ? r.nextDouble() * 10 : Double.NaN));
    }
    return out;
  }
}
