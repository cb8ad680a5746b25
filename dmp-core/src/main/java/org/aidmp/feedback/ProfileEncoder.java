package org.aidmp.feedback;

import java.util.Objects;
import java.util.Optional;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;

/**
 * The batch profile code behind the live loop: each live event goes into the {@link ProfileStore}
 * the models were built from, and the user's row is rewritten by the fitted {@link
 * FeatureTransform}, so a live row is computed exactly as a training row is.
 *
 * <pre>{@code
 * PipelineResult batch = ...;
 * ProfileMatrix m = batch.matrix().orElseThrow();
 * FeatureEncoder enc = ProfileEncoder.of(batch.profiles(), m.transform());
 * FeedbackUpdater updater = FeedbackUpdater.newBuilder().setConfig(config)
 *     .setCentroids(centroids).setEncoder(enc).addUsers(m.userIds(), m.matrix(), labels).build();
 * }</pre>
 *
 * <p>Recency and decayed affinity are measured at the later of the transform's fitted as-of time
 * and the event's timestamp: training users' rows are unchanged until they act, and live rows age
 * with the stream's own time, so a replay gives the same rows whenever it runs.
 *
 * <p>Costs more per event than {@link FeatureEncoder#logCounts}: the store update and a full row
 * transform, which copies the user's profile.
 */
public final class ProfileEncoder implements FeatureEncoder {
  private final ProfileStore store;
  private final FeatureTransform transform;
  private final long asOf;

  private ProfileEncoder(ProfileStore store, FeatureTransform transform) {
    this.store = store;
    this.transform = transform;
    this.asOf = transform.asOf().toEpochMilli();
  }

  /**
   * An encoder that folds live events into {@code store} and encodes with {@code transform}. The
   * store keeps being updated: it is the live profile store from then on.
   */
  public static ProfileEncoder of(ProfileStore store, FeatureTransform transform) {
    return new ProfileEncoder(
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(transform, "transform"));
  }

  /** The fitted transform's dimension, which must equal the centroids'. */
  public int dimension() {
    return transform.dimension();
  }

  @Override
  public void encode(FeedbackEvent event, int typeIndex, LiveProfile profile, float[] row) {
    // The updater has already checked user, type, time and value, so the Event is valid.
    store.accept(
        new Event(
            event.userId(),
            event.timestamp(),
            event.type(),
            event.itemId(),
            event.category(),
            event.value()));
    Optional<UserProfile> p = store.get(event.userId());
    if (p.isPresent()) {
      transform.transform(p.get(), Math.max(asOf, event.timestamp()), row, 0);
    }
  }

  /** A user the store knows from training starts from their training row. */
  @Override
  public void newUser(String userId, float[] row) {
    store.get(userId).ifPresent(p -> transform.transform(p, row, 0));
  }
}
