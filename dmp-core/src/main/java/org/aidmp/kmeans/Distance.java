package org.aidmp.kmeans;

/**
 * The geometry {@link KMeans} clusters in.
 *
 * <pre>{@code
 * KMeans.builder().setK(8).setDistance(Distance.COSINE).get();
 * }</pre>
 */
public enum Distance {
  /** Squared Euclidean distance; inertia is the within-cluster sum of squares. */
  EUCLIDEAN,
  /**
   * Spherical k-means: rows are scaled to unit length (a copy; the input is not modified),
   * centroids are re-normalised after each update, and inertia is Σ ‖x̂ − ĉ‖² = Σ 2(1 − cos). An
   * all-zero row stays zero: it is equally far (distance 1) from every centroid, gets a
   * deterministic label, adds 1 to the inertia and moves no centroid. A centroid whose members
   * cancel out keeps its previous direction.
   */
  COSINE
}
