package org.aidmp.pipeline;

import java.util.List;
import java.util.Objects;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.kmeans.Persona;
import org.aidmp.profile.ProfileMatrix;

/**
 * The segments a pipeline run found: the K-Means model fitted on the feature matrix, one persona
 * per segment in original units, and which user is in which segment.
 *
 * <pre>{@code
 * Segmentation s = result.segmentation().orElseThrow();
 * int segment = s.segmentOf("u000042");
 * s.personas().forEach(System.out::println);
 * }</pre>
 *
 * @param model the fitted model; its labels follow the rows of {@code matrix}
 * @param personas one per segment, largest first
 * @param matrix the feature matrix the model was fitted on
 */
public record Segmentation(KMeansModel model, List<Persona> personas, ProfileMatrix matrix) {
  /** Checks that the model labels the matrix's rows and copies the personas. */
  public Segmentation {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(matrix, "matrix");
    personas = List.copyOf(personas);
    if (model.labels().length != matrix.rows()) {
      throw new IllegalArgumentException(
          "the model labels "
              + model.labels().length
              + " rows but the matrix has "
              + matrix.rows());
    }
  }

  /**
   * The segment of a user of the matrix.
   *
   * @throws IllegalArgumentException if the user is not in the matrix
   */
  public int segmentOf(String userId) {
    int row = matrix.rowOf(userId);
    if (row < 0) {
      throw new IllegalArgumentException(
          "user '"
              + userId
              + "' is not in the segmented matrix; only users with a feature row"
              + " have a segment (use the model's predict for others)");
    }
    return model.labels()[row];
  }

  /** The number of segments. */
  public int k() {
    return model.k();
  }
}
