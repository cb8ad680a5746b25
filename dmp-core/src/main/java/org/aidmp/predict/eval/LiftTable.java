package org.aidmp.predict.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lift and cumulative gains by score group: rows sorted by descending score and cut into groups of
 * equal size (deciles by default); group 1 holds the highest scores.
 *
 * <pre>{@code
 * LiftTable t = LiftTable.of(scores, labels, 10);
 * double topDecileLift = t.rows().get(0).lift();
 * }</pre>
 *
 * @param rows one row per group, best first
 * @param baseRate the share of positives over all rows
 */
public record LiftTable(List<Row> rows, double baseRate) {
  /**
   * One group.
   *
   * @param group 1-based, 1 the highest scores
   * @param count rows in the group
   * @param positives label-1 rows in the group
   * @param rate positives / count
   * @param lift rate / base rate
   * @param cumulativeGain share of all positives in groups 1..group
   * @param cumulativeLift lift of groups 1..group together
   */
  public record Row(
      int group,
      int count,
      int positives,
      double rate,
      double lift,
      double cumulativeGain,
      double cumulativeLift) {}

  /** Makes the rows immutable. */
  public LiftTable {
    rows = List.copyOf(rows);
  }

  /**
   * Builds the table.
   *
   * @param scores any order-preserving scores; not modified
   * @param labels 0 or 1; not modified
   * @param groups the number of groups, 1..rows
   */
  public static LiftTable of(double[] scores, double[] labels, int groups) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          "scores (" + scores.length + ") and labels (" + labels.length + ") differ in number");
    }
    int n = scores.length;
    if (groups < 1 || groups > n) {
      throw new IllegalArgumentException(
          "groups (" + groups + ") must be in 1.." + n + " (the number of rows)");
    }
    int[] asc = Metrics.order(scores);
    double totalPos = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is not 0 or 1");
      }
      totalPos += labels[i];
    }
    double base = totalPos / n;
    List<Row> out = new ArrayList<>();
    int cumCount = 0;
    int cumPos = 0;
    for (int g = 0; g < groups; g++) {
      int from = (int) ((long) n * g / groups);
      int to = (int) ((long) n * (g + 1) / groups);
      int pos = 0;
      for (int k = from; k < to; k++) {
        pos += labels[asc[n - 1 - k]] == 1 ? 1 : 0;
      }
      int count = to - from;
      cumCount += count;
      cumPos += pos;
      double rate = count == 0 ? 0 : (double) pos / count;
      out.add(
          new Row(
              g + 1,
              count,
              pos,
              rate,
              base > 0 ? rate / base : 0,
              totalPos > 0 ? cumPos / totalPos : 0,
              base > 0 ? ((double) cumPos / cumCount) / base : 0));
    }
    return new LiftTable(out, base);
  }

  /** A plain-text table, one line per group. */
  public String format() {
    StringBuilder sb = new StringBuilder("group count positives rate lift cum_gain cum_lift\n");
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%d %d %d %.4f %.3f %.4f %.3f%n",
              r.group(),
              r.count(),
              r.positives(),
              r.rate(),
              r.lift(),
              r.cumulativeGain(),
              r.cumulativeLift()));
    }
    return sb.toString();
  }
}
