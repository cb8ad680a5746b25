package org.aidmp.io.report;

import java.util.List;
import java.util.Objects;

/**
 * What sets one segment apart: for each feature, the segment's typical value beside the value over
 * all users.
 *
 * <pre>{@code
 * PersonaTable p = new PersonaTable("segment 2", List.of(
 *     new PersonaTable.Row("orders per month", 4.2, 1.1),
 *     new PersonaTable.Row("share of sports", 0.61, 0.18)));
 * }</pre>
 *
 * @param segment the segment's label
 * @param rows one row per feature, in display order; copied
 */
public record PersonaTable(String segment, List<Row> rows) {
  /**
   * One feature of a persona.
   *
   * @param feature the feature's name
   * @param value the segment's value (mean or median)
   * @param overall the value over all users
   */
  public record Row(String feature, double value, double overall) {
    /** Checks the name. */
    public Row {
      Objects.requireNonNull(feature, "feature");
    }
  }

  /** Checks the arguments and copies the rows. */
  public PersonaTable {
    Objects.requireNonNull(segment, "segment");
    rows = List.copyOf(rows);
  }
}
