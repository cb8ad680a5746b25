/**
 * From events to user profiles to feature rows.
 *
 * <p>{@link org.aidmp.profile.EventMapping} turns a {@link org.aidmp.data.Record} into an {@link
 * org.aidmp.profile.Event}; a {@link org.aidmp.profile.ProfileStore} folds events into one
 * aggregate per user (counts per type, first and last seen, recency / frequency / monetary,
 * time-decayed category affinity, joined attributes), so memory grows with users, not events; a
 * {@link org.aidmp.profile.FeatureSpec} is fitted on a store into a {@link
 * org.aidmp.profile.FeatureTransform} that turns any {@link org.aidmp.profile.UserProfile}, old or
 * new, into the same scaled feature row, and into a {@link org.aidmp.profile.ProfileMatrix} for the
 * whole store.
 *
 * <pre>{@code
 * ProfileStore store = ProfileStore.builder().setHalfLife(Duration.ofDays(14)).build();
 * store.ingest(events, EventMapping.builder().setUserId("user").setTimestamp("ts")
 *     .setType("type").get(), BadRecordPolicy.QUARANTINE, quarantine, ProgressListener.NONE);
 * ProfileMatrix m = FeatureSpec.DEFAULT.fit(store);
 * }</pre>
 */
package org.aidmp.profile;
