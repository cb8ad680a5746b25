/**
 * Real-time feedback: a thread-safe {@link org.aidmp.feedback.FeedbackUpdater} that folds live
 * events ({@link org.aidmp.profile.Event}) into the one {@link org.aidmp.profile.ProfileStore},
 * feature rows, segment assignments (with centroids drifting under a half-life) and cached
 * recommendations, with listeners for segment changes, bad-event quarantine, consent, forgetting a
 * user everywhere it holds them, and versioned consistent snapshots to restart from.
 *
 * <p>The batch models plug in through {@link org.aidmp.feedback.FeatureEncoder}, {@link
 * org.aidmp.recommend.Recommender} and {@link org.aidmp.feedback.SegmentPopularity}.
 */
package org.aidmp.feedback;
