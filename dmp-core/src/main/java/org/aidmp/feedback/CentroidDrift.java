package org.aidmp.feedback;

/** Whether live events move the segment centroids. */
public enum CentroidDrift {
  /** Centroids stay as trained; live events only re-assign users. */
  NONE,
  /**
   * Each centroid is a decayed mean of the rows assigned to it: trained points and live rows lose
   * half their weight every {@link FeedbackConfig#halfLife()} accepted events. Updates are gathered
   * in mini-batches of {@link FeedbackConfig#driftBatch()} events and published as a new model
   * version; segment ids never change.
   */
  DECAYED_MEAN
}
