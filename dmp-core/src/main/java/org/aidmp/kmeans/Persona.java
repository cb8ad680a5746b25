package org.aidmp.kmeans;

import java.util.List;

/**
 * One segment described for people: its size, its share of all rows, and the features that most set
 * it apart from the whole population, in original units.
 *
 * <pre>{@code
 * for (Persona p : Personas.describe(model, x, names, units, 3)) {
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
