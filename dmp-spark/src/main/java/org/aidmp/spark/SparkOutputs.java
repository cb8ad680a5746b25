package org.aidmp.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;

import java.util.Objects;
import org.aidmp.spark.internal.Blocks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Outputs through Spark's writers (Parquet, CSV, JSON to any URI Spark can write: local files,
 * HDFS, {@code s3a://}), after the two privacy rules every dmp export follows: only users who
 * consented to the purpose are written, and a group (a segment, a recommended item) with fewer than
 * {@code minGroupSize} distinct users is suppressed entirely.
 *
 * <pre>{@code
 * Dataset<Row> safe = SparkOutputs.privacyFilter(recommendations, "user_id", consent,
 *     "personalisation", "item_id", 10);
 * SparkOutputs.write(safe, "parquet", "s3a://bucket/recs/2026-11-30");
 * }</pre>
 */
public final class SparkOutputs {
  private SparkOutputs() {}

  /**
   * The rows of users whose consent column {@code purposeColumn} in {@code consent} is true (users
   * without a consent row are left out: deny by default), then only the groups of {@code
   * groupColumn} with at least {@code minGroupSize} distinct users.
   *
   * @param consent (user id column named as in {@code rows}, boolean purpose columns)
   * @param groupColumn the column that defines a group, or null for no group-size rule
   * @param minGroupSize the smallest group published, at least 1
   */
  public static Dataset<Row> privacyFilter(
      Dataset<Row> rows,
      String userColumn,
      Dataset<Row> consent,
      String purposeColumn,
      String groupColumn,
      int minGroupSize) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(consent, "consent");
    if (minGroupSize < 1) {
      throw new IllegalArgumentException(
          "minGroupSize is " + minGroupSize + "; use 1 (no suppression) or more, e.g. 10");
    }
    Blocks.columnIndex(rows, userColumn);
    Blocks.columnIndex(consent, userColumn);
    Blocks.columnIndex(consent, purposeColumn);
    Dataset<Row> allowed =
        consent.where(col(purposeColumn).equalTo(true)).select(col(userColumn)).distinct();
    Dataset<Row> kept =
        rows.join(allowed, rows.col(userColumn).equalTo(allowed.col(userColumn)), "left_semi");
    if (groupColumn == null || minGroupSize == 1) {
      return kept;
    }
    Blocks.columnIndex(rows, groupColumn);
    Dataset<Row> big =
        kept.groupBy(groupColumn)
            .agg(count_distinct(col(userColumn)).as("__users"))
            .where(col("__users").geq(minGroupSize))
            .select(col(groupColumn).as("__group"));
    return kept.join(big, kept.col(groupColumn).equalTo(big.col("__group")), "left_semi");
  }

  /**
   * Writes {@code rows} with Spark's writer in {@code format} ("parquet", "csv" with a header,
   * "json") to {@code uri}, replacing what is there.
   */
  public static void write(Dataset<Row> rows, String format, String uri) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(uri, "uri");
    var w = rows.write().mode(SaveMode.Overwrite).format(format);
    if (format.equals("csv")) {
      w = w.option("header", "true");
    }
    w.save(uri);
  }
}
