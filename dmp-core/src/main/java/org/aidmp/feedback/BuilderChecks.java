package org.aidmp.feedback;

import java.util.List;
import java.util.Objects;
import org.aidmp.kmeans.Distance;
import org.aidmp.kmeans.KMeansModel;
import org.ejml.data.FMatrixRMaj;

/**
 * The checks {@link FeedbackUpdater.Builder} applies to its options as they are set, so a bad
 * option fails at its setter with a message that names the value and the fix.
 */
final class BuilderChecks {
  private BuilderChecks() {}

  /** Rejects empty centroids and non-finite values, naming the position. */
  static void checkCentroids(FMatrixRMaj centroids) {
    Objects.requireNonNull(centroids, "centroids");
    if (centroids.numRows < 1 || centroids.numCols < 1) {
      throw new IllegalArgumentException(
          "centroids are "
              + centroids.numRows
              + " x "
              + centroids.numCols
              + "; need at least one segment and one feature");
    }
    for (int i = 0; i < centroids.numRows * centroids.numCols; i++) {
      if (!Float.isFinite(centroids.data[i])) {
        throw new IllegalArgumentException(
            "centroid "
                + (i / centroids.numCols)
                + ", feature "
                + (i % centroids.numCols)
                + " is "
                + centroids.data[i]
                + "; centroids must be finite");
      }
    }
  }

  /** Rejects a model the live assignment cannot follow. */
  static void checkEuclidean(KMeansModel model) {
    Objects.requireNonNull(model, "model");
    if (model.distance() != Distance.EUCLIDEAN) {
      throw new IllegalArgumentException(
          "the model was fitted with distance "
              + model.distance()
              + "; the live updater"
              + " assigns by Euclidean distance, so fit with Distance.EUCLIDEAN or pass"
              + " normalised rows and centroids yourself");
    }
  }

  /** Cluster sizes as segment weights. */
  static long[] sizes(int[] clusterSizes) {
    long[] w = new long[clusterSizes.length];
    for (int j = 0; j < clusterSizes.length; j++) {
      w[j] = clusterSizes[j];
    }
    return w;
  }

  /** Rejects negative segment sizes; returns a copy. */
  static long[] checkSizes(long[] sizes) {
    Objects.requireNonNull(sizes, "sizes");
    for (int j = 0; j < sizes.length; j++) {
      if (sizes[j] < 0) {
        throw new IllegalArgumentException("segment " + j + " size (" + sizes[j] + ") < 0");
      }
    }
    return sizes.clone();
  }

  /** Rejects training users whose ids, rows and segments differ in number. */
  static void checkUsers(List<String> ids, FMatrixRMaj rows, int[] segments) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(segments, "segments");
    if (ids.size() != rows.numRows || ids.size() != segments.length) {
      throw new IllegalArgumentException(
          ids.size()
              + " ids, "
              + rows.numRows
              + " rows and "
              + segments.length
              + " segments; they must be equal");
    }
  }

  /** Rejects a stripe count below 1. */
  static int checkStripes(int stripes) {
    if (stripes < 1) {
      throw new IllegalArgumentException("stripes (" + stripes + ") must be at least 1");
    }
    return stripes;
  }
}
