package org.aidmp.kmeans;

/**
 * The iteration {@link KMeans} runs after seeding.
 *
 * <pre>{@code
 * KMeans.builder().setK(16).setAlgorithm(Algorithm.HAMERLY).get();
 * }</pre>
 */
public enum Algorithm {
  /** {@link #HAMERLY} when d ≤ {@link KMeans#HAMERLY_MAX_DIMENSIONS}, {@link #LLOYD} otherwise. */
  AUTO,
  /** Every point against every centroid each iteration, with the fused SIMD kernel. */
  LLOYD,
  /**
   * Exact Lloyd with Hamerly's bounds: one upper and one lower bound per point skip most distance
   * computations once centroids settle. Same labels as {@link #LLOYD}; pays off at small d.
   */
  HAMERLY,
  /**
   * Sculley's mini-batch k-means: each iteration assigns a random batch and moves its centroids
   * with per-centroid learning rates. Approximate; for n too large for full passes.
   */
  MINI_BATCH
}
