package org.aidmp.feedback;

import java.util.Objects;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;

/**
 * The batch profile code behind the live loop: the updater folds each live event into the {@link
 * ProfileStore} the models were built from, and this encoder rewrites the user's row with the
 * fitted {@link FeatureTransform}, so a live row is computed exactly as a training row is.
 *
 * <pre>{@code
 * PipelineResult batch = ...;
 * ProfileMatrix m = batch.matrix().orElseThrow();
 * ProfileEncoder enc = ProfileEncoder.of(batch.profiles(), m.transform());
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
 * <p>Costs more per event than {@link FeatureEncoder#logCounts}: a copy of the user's profile with
 * the event and a full row transform.
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

  /** An encoder over {@code store} (the live profile store from then on) and {@code transform}. */
  public static ProfileEncoder of(ProfileStore store, FeatureTransform transform) {
    return new ProfileEncoder(
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(transform, "transform"));
  }

  /** The store the updater folds live events into. */
  public ProfileStore store() {
    return store;
  }

  /** The fitted transform's dimension, which must equal the centroids'. */
  public int dimension() {
    return transform.dimension();
  }

  @Override
  public void encode(Event event, int typeIndex, LiveProfile profile, float[] row) {
    transform.transform(profile.profile(), Math.max(asOf, event.timestamp()), row, 0);
  }

  /** A user the store knows from training starts from their training row. */
  @Override
  public void newUser(String userId, float[] row) {
    store.get(userId).ifPresent(p -> transform.transform(p, row, 0));
  }
}
