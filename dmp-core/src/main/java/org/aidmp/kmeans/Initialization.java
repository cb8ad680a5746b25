package org.aidmp.kmeans;

/**
 * How {@link KMeans} picks its starting centroids.
 *
 * <pre>{@code
 * KMeans.builder().setK(8).setInitialization(Initialization.K_MEANS_PARALLEL).get();
 * }</pre>
 */
public enum Initialization {
  /**
   * Greedy k-means++: each new centre is the best of 2 + ⌊ln k⌋ candidates drawn with probability
   * proportional to weight × squared distance to the nearest chosen centre. The default.
   */
  K_MEANS_PLUS_PLUS,
  /** k distinct rows drawn by weight. Cheap, and poor: mainly for comparisons. */
  RANDOM,
  /**
   * k-means|| (scalable k-means++): a few oversampling passes over the data, then greedy k-means++
   * on the weighted candidates. For very large n, where k passes would be too many.
   */
  K_MEANS_PARALLEL,
  /** The centroids given to {@link KMeans.Builder#setInitialCentroids}; restarts are then 1. */
  GIVEN
}
