package org.aidmp.bench.connectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.io.json.JsonLinesSource;
import org.aidmp.jdbc.JdbcSource;
import org.aidmp.parquet.ParquetSink;
import org.aidmp.parquet.ParquetSource;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows per second reading the same events as JSON Lines, Parquet and a DuckDB table, each through
 * the dmp source and through its bare peer in the same run: Jackson's streaming parser alone,
 * parquet-java's own record reader alone, and a plain JDBC loop. Every method builds the same typed
 * values per row (text, an {@code Instant}, a double, an int), so the difference is the source's
 * own work: line framing, UTF-8 checks, bad-row accounting, records with origins.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar ConnectorReadBenchmark -f 1 -wi 2 -i 3
 * </pre>
 *
 * <p>Parameters: {@code rows}, the number of events (default 1,000,000). One operation reads all of
 * them; the {@code rows} counter gives rows per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@State(Scope.Benchmark)
public class ConnectorReadBenchmark {
  static final Schema EVENTS =
      Schema.builder()
          .add("user_id", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("item", ColumnType.STRING)
          .add("value", ColumnType.DOUBLE)
          .add("qty", ColumnType.INT)
          .build();

  /** Events in each file and in the table. */
  @Param("1000000")
  public int rows;

  Path dir;
  Path jsonl;
  Path parquet;
  Connection duckdb;
  private final JsonFactory jackson = new JsonFactory();

  /** Rows handled, reported by JMH as a rate beside the operations. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class RowCounter {
    /** Rows read in this iteration. */
    public long rows;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      rows = 0;
    }
  }

  /** Writes the events as JSON Lines and Parquet and loads them into an in-memory DuckDB. */
  @Setup(Level.Trial)
  public void setUp() throws IOException, SQLException {
    dir = Files.createTempDirectory("dmp-connector-bench");
    jsonl = dir.resolve("events.jsonl");
    parquet = dir.resolve("events.parquet");
    SplittableRandom rnd = new SplittableRandom(42);
    long t0 = 1_300_000_000_000L;
    try (BufferedWriter json = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8);
        ParquetSink sink = ParquetSink.builder(parquet, EVENTS).get()) {
      for (int i = 0; i < rows; i++) {
        String user = "u" + rnd.nextInt(50_000);
        long ts = t0 + rnd.nextLong(31_536_000_000L);
        String item = "sku-" + rnd.nextInt(5_000);
        double value = Math.round(rnd.nextDouble(1, 200) * 100) / 100.0;
        int qty = 1 + rnd.nextInt(10);
        json.write(
            "{\"user_id\":\""
                + user
                + "\",\"ts\":"
                + ts
                + ",\"context\":{\"item\":\""
                + item
                + "\",\"page\":\"/p/"
                + item
                + "\"},\"value\":"
                + value
                + ",\"qty\":"
                + qty
                + "}\n");
        sink.accept(Record.of(EVENTS, user, Instant.ofEpochMilli(ts), item, value, qty));
      }
    }
    // the same rows, loaded by DuckDB from the Parquet file (row-by-row inserts take minutes)
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = duckdb.createStatement()) {
      s.execute(
          "CREATE TABLE events AS SELECT * FROM read_parquet('"
              + parquet.toString().replace("'", "''")
              + "')");
    }
  }

  /** Deletes the files and closes the database. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException, SQLException {
    duckdb.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static long drain(Iterable<Record> source, RowCounter counter) {
    long h = 0;
    try (CloseableIterator<Record> it = (CloseableIterator<Record>) source.iterator()) {
      while (it.hasNext()) {
        Record r = it.next();
        h += r.get(0).hashCode() + ((Instant) r.get(1)).getEpochSecond() + (Integer) r.get(4);
        counter.rows++;
      }
    }
    return h;
  }

  // ---- JSON Lines

  /** The JSON Lines source, with the item read from a nested path. */
  @Benchmark
  public long jsonLinesSource(RowCounter counter) {
    return drain(
        JsonLinesSource.builder(jsonl).setSchema(EVENTS).setPath("item", "context.item").get(),
        counter);
  }

  /** Jackson's streaming parser over the same file, building the same values per row. */
  @Benchmark
  public long jacksonAlone(RowCounter counter) throws IOException {
    long h = 0;
    try (InputStream in = Files.newInputStream(jsonl);
        JsonParser p = jackson.createParser(in)) {
      while (p.nextToken() == JsonToken.START_OBJECT) {
        Object[] v = new Object[5];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          switch (name) {
            case "user_id" -> v[0] = p.getText();
            case "ts" -> v[1] = Instant.ofEpochMilli(p.getLongValue());
            case "value" -> v[3] = p.getDoubleValue();
            case "qty" -> v[4] = p.getIntValue();
            case "context" -> {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String inner = p.currentName();
                p.nextToken();
                if (inner.equals("item")) {
                  v[2] = p.getText();
                } else {
                  p.skipChildren();
                }
              }
            }
            default -> p.skipChildren();
          }
        }
        h += v[0].hashCode() + ((Instant) v[1]).getEpochSecond() + (Integer) v[4];
        counter.rows++;
      }
    }
    return h;
  }

  // ---- Parquet

  /** The Parquet source. */
  @Benchmark
  public long parquetSource(RowCounter counter) {
    return drain(ParquetSource.builder(parquet).get(), counter);
  }

  /** parquet-java's file reader and its own record model over the same file, same values. */
  @Benchmark
  public long parquetJavaAlone(RowCounter counter) throws IOException {
    long h = 0;
    try (ParquetFileReader reader =
        new ParquetFileReader(
            new LocalInputFile(parquet),
            ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0, n = pages.getRowCount(); i < n; i++) {
          Group g = rr.read();
          Object[] v = new Object[5];
          v[0] = g.getString(0, 0);
          long micros = g.getLong(1, 0);
          v[1] = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
          v[2] = g.getString(2, 0);
          v[3] = g.getDouble(3, 0);
          v[4] = g.getInteger(4, 0);
          h += v[0].hashCode() + ((Instant) v[1]).getEpochSecond() + (Integer) v[4];
          counter.rows++;
        }
      }
    }
    return h;
  }

  // ---- JDBC

  /** The JDBC source over the DuckDB table. */
  @Benchmark
  public long jdbcSource(RowCounter counter) {
    return drain(
        JdbcSource.builder(
                () -> ((org.duckdb.DuckDBConnection) duckdb).duplicate(),
                "SELECT user_id, ts, item, value, qty FROM events")
            .get(),
        counter);
  }

  /** A plain JDBC loop over the same query, same values. */
  @Benchmark
  public long plainJdbcLoop(RowCounter counter) throws SQLException {
    long h = 0;
    try (Connection c = ((org.duckdb.DuckDBConnection) duckdb).duplicate();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT user_id, ts, item, value, qty FROM events")) {
      while (rs.next()) {
        Object[] v = new Object[5];
        v[0] = rs.getString(1);
        v[1] = rs.getObject(2, OffsetDateTime.class).toInstant();
        v[2] = rs.getString(3);
        v[3] = rs.getDouble(4);
        v[4] = rs.getInt(5);
        h += v[0].hashCode() + ((Instant) v[1]).getEpochSecond() + (Integer) v[4];
        counter.rows++;
      }
    }
    return h;
  }
}
