package org.aidmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkOutputsTest {
  @TempDir Path dir;

  @Test
  void consentAndMinimumGroupSizeThenParquetAndCsv() throws Exception {
    SparkSession s = SparkTestSession.get();
    List<Row> rows = new ArrayList<>();
    List<Row> consent = new ArrayList<>();
    // segment A: 6 users, 5 of whom consent; segment B: 3 users, all consent; u9 has no consent row
    for (int u = 0; u < 10; u++) {
      rows.add(RowFactory.create("u" + u, u < 6 ? "A" : "B"));
      if (u < 9) {
        consent.add(RowFactory.create("u" + u, u != 2));
      }
    }
    rows.add(RowFactory.create("u0", "A")); // a repeat: groups count distinct users
    Dataset<Row> data =
        s.createDataFrame(
            rows,
            new StructType()
                .add("user_id", DataTypes.StringType)
                .add("segment", DataTypes.StringType));
    Dataset<Row> consents =
        s.createDataFrame(
            consent,
            new StructType()
                .add("user_id", DataTypes.StringType)
                .add("advertising", DataTypes.BooleanType));
    Dataset<Row> safe =
        SparkOutputs.privacyFilter(data, "user_id", consents, "advertising", "segment", 4);
    Set<String> users = new HashSet<>();
    for (Row r : safe.collectAsList()) {
      assertEquals("A", r.getString(1));
      users.add(r.getString(0));
    }
    assertEquals(Set.of("u0", "u1", "u3", "u4", "u5"), users);

    SparkOutputs.write(safe, "parquet", dir.resolve("p").toString());
    assertEquals(6, s.read().parquet(dir.resolve("p").toString()).count());
    SparkOutputs.write(safe, "csv", dir.resolve("c").toString());
    assertEquals(6, s.read().option("header", "true").csv(dir.resolve("c").toString()).count());
    assertEquals(true, Files.exists(dir.resolve("p").resolve("_SUCCESS")));
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkOutputs.privacyFilter(data, "user_id", consents, "advertising", "segment", 0));
  }
}
