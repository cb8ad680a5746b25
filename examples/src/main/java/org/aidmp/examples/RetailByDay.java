package org.aidmp.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aidmp.clean.Cleaning;
import org.aidmp.clean.ConvertTypes;
import org.aidmp.clean.DeriveColumn;
import org.aidmp.clean.Expr;
import org.aidmp.clean.Validate;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.io.csv.CsvQuarantine;
import org.aidmp.io.export.ExportReport;
import org.aidmp.io.files.FileSet;
import org.aidmp.io.files.MultiFileSource;
import org.aidmp.io.files.ReadCounts;
import org.aidmp.jdbc.JdbcSink;
import org.aidmp.kmeans.KMeans;
import org.aidmp.parquet.ParquetSink;
import org.aidmp.pipeline.Dmp;
import org.aidmp.pipeline.PipelineResult;
import org.aidmp.pipeline.Segmentation;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;

/**
 * A year of a real online retailer's transactions, one CSV file per day, read as one source,
 * cleaned with a derived {@code amount = Quantity × UnitPrice}, profiled and segmented; the
 * audience (each customer and their segment) is written to Parquet and to a database.
 *
 * <pre>
 * java -cp examples/target/dmp-examples.jar org.aidmp.examples.RetailByDay \
 *     ../shared/data/online-retail-uci-2011-by-day [jdbc-url]
 * </pre>
 *
 * <p>Without a JDBC URL the audience goes to a DuckDB file beside the Parquet file; with one
 * ({@code jdbc:postgresql://127.0.0.1:5432/crm?user=...}) it goes to that database, table {@code
 * retail_audience}, under run id {@code retail-2011}, so running the program again replaces the
 * run's rows instead of adding to them. Rows without a customer, cancellations and returns (a
 * negative quantity) are quarantined to {@code quarantine.csv} with their file and line.
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
    String url =
        args.length == 2
            ? args[1]
            : "jdbc:duckdb:" + work.resolve("audience.duckdb").toAbsolutePath();
    run(folder, "2011-*.csv", work, url, System.out);
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
              .add("customer known", Validate.builder().require("CustomerID").get())
              .add(
                  "amount",
                  DeriveColumn.builder()
                      .setName("amount")
                      .setType(ColumnType.DOUBLE)
                      .setExpression(Expr.col("Quantity").times(Expr.col("UnitPrice")))
                      .get())
              .add("a purchase", Validate.builder().range("amount", 0, 1e7).get())
              .setPolicy(BadRecordPolicy.QUARANTINE)
              .setQuarantine(quarantine)
              .get();
      result =
          Dmp.pipeline()
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
        "audience: %,d rows in table retail_audience (%s)%n",
        report.rows(),
        jdbcUrl.replaceAll("\\?.*", ""));
    return audience.size();
  }
}
