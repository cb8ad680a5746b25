package org.aidmp.kmeans;

import java.util.List;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.stage.SegmentModel;
import org.ejml.data.FMatrixRMaj;

/**
 * One segment described for people: its size, its share of all rows, and the features that most set
 * it apart from the whole population, in original units.
 *
 * <pre>{@code
 * ProfileMatrix m = spec.fit(store);
 * for (Persona p : Persona.describe(model, m.matrix(), m.transform(), 3)) {
 *   System.out.println(p);   // segment 2: 1204 rows (12.0%); recency_days low mean 3.1, ...
 * }
 * }</pre>
 *
 * @param segment the cluster index
 * @param size rows in the segment
 * @param share size over all rows, in [0, 1]
 * @param traits the most distinctive features, most distinctive first
 */
public record Persona(int segment, int size, double share, List<Trait> traits) {
  /** Copies the traits. */
  public Persona {
    traits = List.copyOf(traits);
  }

  /**
   * One persona per segment, largest first. A feature's distinctiveness is its standard score:
   * (segment mean − population mean) / population standard deviation, computed on {@code x};
   * features with no spread are never picked. The values a trait reports (means and medians of the
   * segment and of everyone) are taken over the rows' values in original units, each mapped back by
   * the transform first: under a log transform the mean of the logs, mapped back, would be a
   * geometric mean, well below the real mean of a skewed count.
   *
   * @param model the model whose labels belong to the rows of {@code x}
   * @param x the rows the model was fitted on, made by {@code transform}; not modified
   * @param transform names the columns and maps their values back to original units
   * @param topFeatures traits per persona, at most the number of features
   */
  public static List<Persona> describe(
      SegmentModel model, FMatrixRMaj x, FeatureTransform transform, int topFeatures) {
    return Personas.describe(model, x, transform.featureNames(), transform::unscale, topFeatures);
  }

  /**
   * As {@link #describe(SegmentModel, FMatrixRMaj, FeatureTransform, int)} for rows already in the
   * units to report, each column named by {@code featureNames}.
   */
  public static List<Persona> describe(
      SegmentModel model, FMatrixRMaj x, List<String> featureNames, int topFeatures) {
    return Personas.describe(model, x, featureNames, FeatureUnits.IDENTITY, topFeatures);
  }

  /**
   * A feature that sets a segment apart.
   *
   * @param feature the feature's name
   * @param segmentValue the mean of the segment's values, in original units
   * @param overallValue the mean of everyone's values, in original units
   * @param standardScore (segment mean − population mean) / population standard deviation, in the
   *     clustered space: the sign says above or below, the size how unusual
   * @param segmentMedian the median of the segment's values, in original units
   * @param overallMedian the median of everyone's values, in original units
   */
  public record Trait(
      String feature,
      double segmentValue,
      double overallValue,
      double standardScore,
      double segmentMedian,
      double overallMedian) {}

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("segment %d: %d rows (%.1f%%)", segment, size, 100 * share));
    for (Trait t : traits) {
      b.append(
          String.format(
              "; %s %s mean %.4g, median %.4g (all %.4g, %.4g)",
              t.feature(),
              t.standardScore() >= 0 ? "high" : "low",
              t.segmentValue(),
              t.segmentMedian(),
              t.overallValue(),
              t.overallMedian()));
    }
    return b.toString();
  }
}
