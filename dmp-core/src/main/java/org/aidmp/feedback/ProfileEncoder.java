package org.aidmp.feedback;

import java.util.Objects;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;

/**
 * The encoder {@link FeatureEncoder#ofProfiles} makes: folds each live event into a copy of the
 * user's profile and rewrites the row with the fitted {@link FeatureTransform}, so a live row is
 * computed exactly as a training row is. The updater reads {@link #store()} to use the same store.
 */
final class ProfileEncoder implements FeatureEncoder {
  private final ProfileStore store;
  private final FeatureTransform transform;
  private final long asOf;

  private ProfileEncoder(ProfileStore store, FeatureTransform transform) {
    this.store = store;
    this.transform = transform;
    this.asOf = transform.asOf().toEpochMilli();
  }

  /** An encoder over {@code store} (the live profile store from then on) and {@code transform}. */
  static ProfileEncoder of(ProfileStore store, FeatureTransform transform) {
    return new ProfileEncoder(
        Objects.requireNonNull(store, "store"), Objects.requireNonNull(transform, "transform"));
  }

  /** The store the updater folds live events into. */
  ProfileStore store() {
    return store;
  }

  /** The fitted transform's dimension, which must equal the centroids'. */
  int dimension() {
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
