package org.aidmp.kmeans;

/**
 * Maps a value of the clustered (scaled) feature space back to the feature's original unit, so
 * personas read "spend 120.5" rather than "spend 1.3σ": a fitted transform's unscale method.
 */
@FunctionalInterface
interface FeatureUnits {
  /** Features already in their original units. */
  FeatureUnits IDENTITY = (feature, value) -> value;

  /** The value of feature {@code feature} (column index) in its original unit. */
  double toOriginal(int feature, double value);
}
