package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aidmp.data.Record;
import org.aidmp.fixtures.LocalPostgres;
import org.aidmp.parquet.ParquetSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the retail program on January 2011 of the shared daily files, against PostgreSQL servers
 * started by the program and by the test. Needs the data: {@code
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
  void withoutAUrlTheAudienceGoesToParquetAndToAPostgresStartedAndStoppedByTheProgram()
      throws Exception {
    Path dir = data();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long customers = RetailByDay.runOnLocalPostgres(dir, "2011-01-*.csv", work, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(customers > 500, text);
    assertTrue(text.contains("quarantined"), text);
    Matcher started = Pattern.compile("PostgreSQL started on 127.0.0.1:(\\d+)").matcher(text);
    assertTrue(started.find(), text);
    Matcher written = Pattern.compile("audience: ([\\d,]+) rows written").matcher(text);
    Matcher readBack = Pattern.compile("audience: ([\\d,]+) rows read back").matcher(text);
    assertTrue(written.find() && readBack.find(), text);
    long rows = Long.parseLong(readBack.group(1).replace(",", ""));
    assertEquals(Long.parseLong(written.group(1).replace(",", "")), rows, text);
    assertTrue(rows > 0 && rows <= customers, text);
    assertTrue(text.endsWith("PostgreSQL stopped" + System.lineSeparator()), text);
    int port = Integer.parseInt(started.group(1));
    assertThrows(
        SQLException.class,
        () ->
            DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres")
                .close(),
        "the server is stopped");

    List<Record> parquet = new ArrayList<>();
    ParquetSource.builder(work.resolve("audience.parquet")).get().forEach(parquet::add);
    assertEquals(customers, parquet.size());
    assertTrue(Files.size(work.resolve("quarantine.csv")) > 0);
  }

  @Test
  void aRerunAgainstTheSameDatabaseReplacesItsRows() throws Exception {
    Path dir = data();
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (LocalPostgres pg = LocalPostgres.start()) {
      long customers = RetailByDay.run(dir, "2011-01-*.csv", work, pg.url(), out);
      long first = RetailByDay.countRun(pg.url());
      RetailByDay.run(dir, "2011-01-*.csv", work, pg.url(), out);
      try (Connection c = DriverManager.getConnection(pg.url());
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT count(*), count(DISTINCT user_id) FROM retail_audience")) {
        rs.next();
        assertEquals(first, rs.getLong(1), "a rerun neither adds nor loses rows");
        assertEquals(rs.getLong(1), rs.getLong(2), "no customer twice");
        assertTrue(first > 0 && first <= customers, "rows " + first);
      }
    }
  }
}
