package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.Record;
import org.aidmp.parquet.ParquetSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the retail program on January 2011 of the shared daily files. Needs the data: {@code
 * -Ddmp.retailByDay=/path/to/online-retail-uci-2011-by-day}, or the shared folder at its usual
 * place beside the repository; skipped otherwise, and failed instead with {@code
 * -Ddmp.requireSharedData=true}.
 */
class RetailByDayTest {
  @TempDir Path work;

  private static Path data() {
    String p =
        System.getProperty("dmp.retailByDay", "../../shared/data/online-retail-uci-2011-by-day");
    Path dir = Path.of(p);
    boolean present = Files.isRegularFile(dir.resolve("2011-01-04.csv"));
    if (!present && Boolean.getBoolean("dmp.requireSharedData")) {
      throw new AssertionError("the retail data set is required but not found at " + p);
    }
    assumeTrue(present, "retail data not found at " + p);
    return dir;
  }

  @Test
  void januaryGoesToParquetAndADatabaseAndARerunReplacesTheRun() throws Exception {
    Path dir = data();
    String url = "jdbc:duckdb:" + work.resolve("audience.duckdb");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long customers = RetailByDay.run(dir, "2011-01-*.csv", work, url, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(customers > 500, text);
    assertTrue(text.contains("quarantined"), text);

    List<Record> parquet = new ArrayList<>();
    ParquetSource.builder(work.resolve("audience.parquet")).get().forEach(parquet::add);
    assertEquals(customers, parquet.size());

    RetailByDay.run(dir, "2011-01-*.csv", work, url, out);
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*), count(DISTINCT user_id) FROM retail_audience")) {
      rs.next();
      assertTrue(rs.getLong(1) <= customers && rs.getLong(1) > 0, "rows " + rs.getLong(1));
      assertEquals(rs.getLong(1), rs.getLong(2), "a rerun adds no duplicates");
    }
    assertTrue(Files.size(work.resolve("quarantine.csv")) > 0);
  }
}
