package org.aidmp.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aidmp.clean.Cleaners;
import org.aidmp.clean.Cleaning;
import org.aidmp.clean.ConvertTypes;
import org.aidmp.clean.Expr;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.fixtures.LocalPostgres;
import org.aidmp.io.csv.CsvQuarantine;
import org.aidmp.io.export.ExportReport;
import org.aidmp.io.files.FileSet;
import org.aidmp.io.files.MultiFileSource;
import org.aidmp.jdbc.JdbcSink;
import org.aidmp.kmeans.KMeans;
import org.aidmp.parquet.ParquetSink;
import org.aidmp.pipeline.Pipeline;
import org.aidmp.pipeline.PipelineResult;
import org.aidmp.pipeline.Segmentation;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;

/**
 * A year of a real online retailer's transactions, one CSV file per day, read as one source,
 * cleaned with a derived {@code amount = Quantity × UnitPrice}, profiled and segmented; the
 * audience (each customer and their segment) is written to Parquet and to PostgreSQL.
 *
 * <pre>
 * java -cp examples/target/dmp-examples.jar org.aidmp.examples.RetailByDay \
 *     ../shared/data/online-retail-uci-2011-by-day [jdbc-url]
 * </pre>
 *
 * <p>Without a JDBC URL the program starts a PostgreSQL server of its own on 127.0.0.1 (from the
 * binaries bundled in the jar, see {@link LocalPostgres}), writes the audience there, reads the
 * number of rows back and stops the server. With a URL ({@code
 * jdbc:postgresql://127.0.0.1:5432/crm?user=...}, or any database with a JDBC driver on the class
 * path) the audience goes to that database. Either way it lands in table {@code retail_audience}
 * under run id {@code retail-2011}, so running the program again replaces the run's rows instead of
 * adding to them. Rows without a customer, cancellations and returns (a negative quantity) are
 * quarantined to {@code quarantine.csv} with their file and line.
 */
public final class RetailByDay {
  private RetailByDay() {}

  /** The columns of the daily files, typed; {@code file} is added by the multi-file source. */
  static final Schema TYPED =
      Schema.builder()
          .add("InvoiceNo", ColumnType.STRING)
          .add("StockCode", ColumnType.STRING)
          .add("Description", ColumnType.STRING)
          .add("Quantity", ColumnType.INT)
          .add("InvoiceDate", ColumnType.TIMESTAMP)
          .add("UnitPrice", ColumnType.DOUBLE)
          .add("CustomerID", ColumnType.STRING)
          .add("Country", ColumnType.CATEGORY)
          .add("file", ColumnType.STRING)
          .build();

  /** The daily files of 2011. */
  static final String GLOB = "2011-*.csv";

  /** The audience written out: each customer and their segment. */
  static final Schema AUDIENCE =
      Schema.builder()
          .add("user_id", ColumnType.STRING)
          .add("segment", ColumnType.CATEGORY)
          .build();

  /** Runs the program; arguments: the folder of daily files, then an optional JDBC URL. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: RetailByDay <folder of daily CSV files> [jdbc-url]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    Path work = Path.of("target", "retail-by-day");
    Files.createDirectories(work);
    if (args.length == 2) {
      run(folder, GLOB, work, args[1], System.out);
    } else {
      runOnLocalPostgres(folder, GLOB, work, System.out);
    }
  }

  /**
   * Starts a PostgreSQL server of the program's own, runs {@link #run} against it and stops it.
   *
   * @return the number of customers in the audience
   */
  public static long runOnLocalPostgres(Path folder, String glob, Path work, PrintStream out)
      throws Exception {
    try (LocalPostgres pg = LocalPostgres.start()) {
      out.printf(Locale.ROOT, "PostgreSQL started on 127.0.0.1:%d%n", pg.port());
      return run(folder, glob, work, pg.url(), out);
    } finally {
      out.println("PostgreSQL stopped");
    }
  }

  /**
   * Runs the pipeline on the files of {@code folder} matching {@code glob} and writes the audience.
   *
   * @return the number of customers in the audience
   */
  public static long run(Path folder, String glob, Path work, String jdbcUrl, PrintStream out)
      throws Exception {
    PipelineResult result;
    ReadCounts read;
    try (CsvQuarantine quarantine = CsvQuarantine.open(work.resolve("quarantine.csv"))) {
      MultiFileSource days =
          MultiFileSource.builder(FileSet.glob(folder, glob))
              .setFormat(
                  MultiFileSource.csv(
                      csv ->
                          csv.setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
                              .setQuarantine(quarantine)))
              .setFileColumn("file")
              .get();
      Cleaning cleaning =
          Cleaning.builder()
              .add("types", ConvertTypes.builder().setTarget(TYPED).get())
              .add("customer known", Cleaners.require("CustomerID"))
              .add(
                  "amount",
                  Cleaners.derive(
                      "amount",
                      ColumnType.DOUBLE,
                      Expr.col("Quantity").times(Expr.col("UnitPrice"))))
              .add("a purchase", Cleaners.range("amount", 0, 1e7))
              .setPolicy(BadRecordPolicy.QUARANTINE)
              .setQuarantine(quarantine)
              .get();
      result =
          Pipeline.builder()
              .events(days)
              .cleanEvents(cleaning)
              .mapEvents(
                  EventMapping.builder()
                      .setUserIdColumn("CustomerID")
                      .setTimestampColumn("InvoiceDate")
                      .setFixedType("purchase")
                      .setItemColumn("StockCode")
                      .setCategoryColumn("Country")
                      .setValueColumn("amount")
                      .get())
              .features(
                  FeatureSpec.builder()
                      .setEventTypes(List.of("purchase"))
                      .setRfmTypes(List.of("purchase"))
                      .setTopCategories(4)
                      .get())
              .segment(KMeans.builder().setK(4).setRestarts(3).setSeed(42).get())
              .badRecords(BadRecordPolicy.QUARANTINE, quarantine)
              .run();
      read = days.counts();
    }
    out.printf(
        Locale.ROOT,
        "files read: %s rows (%,d accepted, %,d quarantined, %,d skipped)%n",
        String.format(Locale.ROOT, "%,d", read.read()),
        read.accepted(),
        read.quarantined(),
        read.skipped());
    out.println("events: " + result.eventAccount());

    Segmentation seg = result.segmentation().orElseThrow();
    List<Record> audience = new ArrayList<>();
    for (String user : seg.matrix().userIds()) {
      audience.add(Record.of(AUDIENCE, user, "segment-" + seg.segmentOf(user)));
    }
    Path parquet = work.resolve("audience.parquet");
    try (ParquetSink sink = ParquetSink.builder(parquet, AUDIENCE).get()) {
      sink.acceptAll(audience);
    }
    out.printf(Locale.ROOT, "audience: %,d customers -> %s%n", audience.size(), parquet);
    JdbcSink db =
        JdbcSink.builder(() -> DriverManager.getConnection(jdbcUrl), "retail_audience", AUDIENCE)
            .setRunId("retail-2011")
            .setCreateTable(true)
            .setMinGroupSize(10, "segment", "user_id")
            .get();
    db.acceptAll(audience);
    db.close();
    ExportReport report = db.report();
    out.printf(
        Locale.ROOT,
        "audience: %,d rows written to table retail_audience (%s)%n",
        report.rows(),
        jdbcUrl.replaceAll("\\?.*", ""));
    out.printf(
        Locale.ROOT,
        "audience: %,d rows read back from retail_audience for run retail-2011%n",
        countRun(jdbcUrl));
    return audience.size();
  }

  /** The rows of run {@code retail-2011} in the audience table, counted by the database. */
  static long countRun(String jdbcUrl) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM retail_audience WHERE dmp_run_id = ?")) {
      ps.setString(1, "retail-2011");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
