package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.aidmp.fixtures.SampleData;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark quickstart end to end on {@code local[2]}: on generated sample data and on the UCI
 * Online Retail December 2010 files (skipped without the shared data, failed instead with {@code
 * -Ddmp.requireSharedData=true}).
 */
class SparkQuickstartTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("dmp-spark-quickstart-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.default.parallelism", "4")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void runsTheWholeFlowOnSampleData(@TempDir Path work) {
    SampleData sample = SampleData.builder().setUsers(600).setEvents(12_000).get();
    SparkQuickstart.Summary s = SparkQuickstart.run(spark, null, sample, work);
    assertAccountHolds(s);
    assertEquals(12_000, s.read(), "every generated event row is read once");
    assertTrue(s.users() > 400 && s.users() <= 600, "users with a profile: " + s.users());
    assertEquals(6, s.clusterSizes().length);
    assertEquals(s.users(), Arrays.stream(s.clusterSizes()).sum(), "every user is in a segment");
    assertTrue(s.seeds() > 0, "the lookalike found its seeds among the users");
    assertTrue(s.audience() > 0 && s.audience() <= 1_000, "audience " + s.audience());
    assertTrue(s.items() > 0, "EASE saw the catalogue");
    assertTrue(s.recommendations() > 0, "recommendations were written");
    assertTrue(s.maxPerUser() <= 5, "at most five per user, found " + s.maxPerUser());
    for (String out : new String[] {"quarantine", "segments", "recommendations"}) {
      assertTrue(Files.isDirectory(work.resolve(out)), out + " written");
    }
  }

  @Test
  void runsTheWholeFlowOnTheRetailData(@TempDir Path work) throws IOException {
    Path dir = SharedData.require("online-retail-uci-2010-12", "2010-12-01.csv");
    SparkQuickstart.Summary s = SparkQuickstart.run(spark, dir, null, work);
    assertAccountHolds(s);
    assertEquals(dataLines(dir), s.read(), "every invoice line of the folder is read once");
    assertTrue(s.quarantined() > 0, "lines without a customer go to the quarantine");
    assertTrue(s.users() > 500 && s.users() < 2_000, "customers: " + s.users());
    assertEquals(s.users(), Arrays.stream(s.clusterSizes()).sum());
    assertTrue(s.audience() > 0 && s.audience() <= 1_000, "audience " + s.audience());
    assertTrue(s.recommendations() > 0 && s.maxPerUser() <= 5);
  }

  private static void assertAccountHolds(SparkQuickstart.Summary s) {
    assertEquals(
        s.read(),
        s.accepted() + s.quarantined() + s.skipped(),
        "read = accepted + quarantined + skipped");
  }

  /**
   * Lines after the header in every CSV file of the folder (the retail files quote no newlines).
   */
  private static long dataLines(Path dir) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        try (Stream<String> lines = Files.lines(f)) {
          n += lines.filter(l -> !l.isEmpty()).count() - 1;
        }
      }
    }
    return n;
  }
}
