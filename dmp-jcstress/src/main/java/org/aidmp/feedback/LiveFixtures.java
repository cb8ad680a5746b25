package org.aidmp.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.ejml.data.FMatrixRMaj;

/** A two-segment updater small enough to make one per jcstress state. */
final class LiveFixtures {
  static final long NOW = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
  static final List<String> TYPES = List.of("view", "buy");

  private LiveFixtures() {}

  /** Two centroids on the axes: a user with one "buy" lands in segment 1. */
  static FeedbackUpdater.Builder builder(int driftBatch) {
    FMatrixRMaj c = new FMatrixRMaj(2, 2, true, 1.5f, 0f, 0f, 1.5f);
    return FeedbackUpdater.newBuilder()
        .setConfig(FeedbackConfig.builder().setEventTypes(TYPES).setDriftBatch(driftBatch).get())
        .setCentroids(c)
        .setEncoder(FeatureEncoder.logCounts(new double[] {0, 0}, new double[] {1, 1}))
        .setKernels(VectorKernelsProvider.scalar())
        .setClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
        .setStripes(1);
  }
}
