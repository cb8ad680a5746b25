package org.aidmp.stage;

import org.ejml.data.FMatrixRMaj;

/**
 * A segmentation stage: learns segments from users' feature rows. {@link org.aidmp.kmeans.KMeans}
 * is the built-in one; a pipeline takes any implementation.
 *
 * <pre>{@code
 * Segmenter byFirstFeature = rows -> SegmentModel.ofLabels(2, labelsFrom(rows));
 * Pipeline.builder()...features(FeatureSpec.DEFAULT).segment(byFirstFeature).run();
 * }</pre>
 */
@FunctionalInterface
public interface Segmenter {
  /**
   * Fits a model on the rows (one user per row, float32, row-major).
   *
   * @param rows not modified
   * @throws IllegalArgumentException if the rows cannot be segmented (too few, NaN…)
   */
  SegmentModel fit(FMatrixRMaj rows);

  /**
   * The same stage drawing its random numbers from {@code seed}; this one is not changed. A
   * pipeline given a seed calls it with the stage's own split of that seed, so that one seed
   * reproduces the whole run. The default returns this stage, which suits a segmenter that draws no
   * random numbers; one that does overrides it.
   */
  default Segmenter reseeded(long seed) {
    return this;
  }
}
