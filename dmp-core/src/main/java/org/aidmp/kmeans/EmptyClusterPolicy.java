package org.aidmp.kmeans;

/**
 * What an iteration does with a centroid that no point chose.
 *
 * <pre>{@code
 * KMeans.builder().setK(8).setEmptyClusterPolicy(EmptyClusterPolicy.KEEP_PREVIOUS).get();
 * }</pre>
 */
public enum EmptyClusterPolicy {
  /**
   * The default: each empty cluster, in index order, moves onto the point farthest from its own
   * centre (ties to the lowest row) that no other empty cluster took; that point leaves its old
   * cluster unless it was that cluster's only member. When the data hold fewer distinct rows than
   * k, this leaves duplicate centroids and clusters of size 0, never an undefined centroid.
   */
  RELOCATE_FARTHEST,
  /** The centroid stays where it was; the cluster may stay empty. */
  KEEP_PREVIOUS
}
