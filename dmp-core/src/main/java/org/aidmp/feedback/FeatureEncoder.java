package org.aidmp.feedback;

import java.util.Objects;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;

/**
 * Turns a user's live aggregates into the feature row that segments are found in. It must be the
 * transform the segments were trained with, so that a live row and a training row of the same user
 * are the same. Called with the user's lock held, so calls for one user never overlap; calls for
 * different users do, so implementations keep no shared mutable state.
 *
 * <pre>{@code
 * // row[t] = (log1p(count of type t) - mean[t]) / std[t]
 * FeatureEncoder enc = FeatureEncoder.logCounts(means, stds);
 * }</pre>
 */
@FunctionalInterface
public interface FeatureEncoder {
  /**
   * Writes the user's row after {@code event} was folded into {@code profile}.
   *
   * @param event the event being folded in; its type is {@code typeIndex}
   * @param typeIndex the event type's index in {@link FeedbackConfig#eventTypes()}
   * @param profile the user's aggregates as they will be with the event; nothing is changed yet, so
   *     an exception or a non-finite row refuses the event without a trace
   * @param row modified: holds the user's previous row on entry (all zeros for a new user) and
   *     receives the new one; its length is the centroids' dimension
   */
  void encode(Event event, int typeIndex, LiveProfile profile, float[] row);

  /**
   * Fills the row of a user seen for the first time, before their first event is encoded: the row
   * of a user with no events. The default leaves zeros.
   *
   * @param row modified: all zeros on entry
   */
  default void newUser(String userId, float[] row) {}

  /**
   * A standardised log-count encoder: one feature per event type, {@code (log1p(count) − mean) /
   * std}, with std 0 giving 0. Only the event's own feature changes, so it costs O(1) per event.
   *
   * @param mean per event type, as fitted on the training profiles (not modified)
   * @param std per event type, as fitted (not modified)
   */
  static FeatureEncoder logCounts(double[] mean, double[] std) {
    Objects.requireNonNull(mean, "mean");
    Objects.requireNonNull(std, "std");
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean has " + mean.length + " entries but std has " + std.length);
    }
    double[] m = mean.clone();
    double[] inv = new double[std.length];
    for (int i = 0; i < std.length; i++) {
      if (!(std[i] >= 0) || Double.isInfinite(std[i])) {
        throw new IllegalArgumentException("std[" + i + "] (" + std[i] + ") must be finite, >= 0");
      }
      // A constant feature carries no information: it scales to 0, as in batch feature specs.
      inv[i] = std[i] == 0 ? 0 : 1 / std[i];
    }
    return new FeatureEncoder() {
      @Override
      public void encode(Event event, int t, LiveProfile profile, float[] row) {
        if (t < m.length) {
          // The explicit 0 keeps constant features at +0, not −0, so rows compare equal.
          row[t] = inv[t] == 0 ? 0f : (float) ((Math.log1p(profile.count(t)) - m[t]) * inv[t]);
        }
      }

      @Override
      public void newUser(String userId, float[] row) {
        int n = Math.min(m.length, row.length);
        for (int i = 0; i < n; i++) {
          row[i] = inv[i] == 0 ? 0f : (float) (-m[i] * inv[i]);
        }
      }
    };
  }

  /**
   * The batch profile code behind the live loop: the updater folds each live event into the {@link
   * ProfileStore} the models were built from, and this encoder rewrites the user's row with the
   * fitted {@link FeatureTransform}, so a live row is computed exactly as a training row is.
   *
   * <pre>{@code
   * PipelineResult batch = ...;
   * ProfileMatrix m = batch.matrix().orElseThrow();
   * FeatureEncoder enc = FeatureEncoder.ofProfiles(batch.profiles(), m.transform());
   * FeedbackUpdater updater = FeedbackUpdater.newBuilder().setConfig(config)
   *     .setCentroids(centroids).setEncoder(enc).setProfileStore(batch.profiles())
   *     .addUsers(m.userIds(), m.matrix(), labels).build();
   * }</pre>
   *
   * <p>An updater given this encoder and no store of its own uses the encoder's store, so there is
   * one profile store for batch and live.
   *
   * <p>Recency and decayed affinity are measured at the later of the transform's fitted as-of time
   * and the event's timestamp: training users' rows are unchanged until they act, and live rows age
   * with the stream's own time, so a replay gives the same rows whenever it runs.
   *
   * <p>Costs more per event than {@link #logCounts}: a copy of the user's profile with the event
   * and a full row transform.
   *
   * @param store the live profile store from then on
   * @param transform the transform fitted on the training profiles; its dimension must be the
   *     centroids'
   */
  static FeatureEncoder ofProfiles(ProfileStore store, FeatureTransform transform) {
    return ProfileEncoder.of(store, transform);
  }
}
