package org.aidmp.feedback;

/**
 * Told when a user moves between segments. Runs on the updater's own listener thread, never on the
 * thread that called {@code accept}, so a slow listener delays other listeners but never intake;
 * when the queue is full, changes are dropped and counted in {@link
 * FeedbackStats#listenerDropped()}. An exception is counted and logged, and delivery goes on.
 *
 * <pre>{@code
 * builder.addListener(c -> audience.move(c.userId(), c.from(), c.to()));
 * }</pre>
 */
@FunctionalInterface
public interface SegmentChangeListener {
  /** Handles one change. */
  void onSegmentChange(SegmentChange change);
}
