/**
 * Real-time feedback: a thread-safe {@link org.aidmp.feedback.FeedbackUpdater} that folds live
 * events into user aggregates, feature rows, segment assignments (with centroids drifting under a
 * half-life) and stale-marked recommendations, with listeners for segment changes, bad-event
 * quarantine, and versioned consistent snapshots to restart from.
 *
 * <p>The narrow interfaces {@link org.aidmp.feedback.FeatureEncoder}, {@link
 * org.aidmp.feedback.Recommender} and {@link org.aidmp.feedback.SegmentPopularity} are where the
 * batch models plug in.
 */
package org.aidmp.feedback;
