package org.aidmp.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.fixtures.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSourceTest {
  static LocalPostgres pg;
  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = LocalPostgres.start();
    sql(
        "CREATE TABLE orders (id INTEGER, customer BIGINT, amount DOUBLE PRECISION,"
            + " price NUMERIC(10,2), paid BOOLEAN, country VARCHAR(8), at TIMESTAMP,"
            + " at_tz TIMESTAMPTZ, day DATE, ref UUID, meta JSONB, tiny SMALLINT)",
        "INSERT INTO orders VALUES"
            + " (1, 10000000000, 12.5, 3.25, true, 'FR', '2011-12-09 12:50:00',"
            + " '2011-12-09 12:50:00+02', '2011-12-09', '00000000-0000-0000-0000-000000000001',"
            + " '{\"a\": 1}', 7),"
            + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
            + " (3, 5, 'NaN', 1, false, 'DE', 'infinity', now(), '2011-01-01', NULL, NULL, 1),"
            + " (4, 6, 1.0, 1, false, 'DE', '2011-01-01', now(), 'infinity', NULL, NULL, 1),"
            + " (5, 7, 2.0, 2, true, 'UK', '2011-01-02', now(), '2011-01-02', NULL, NULL, 2)");
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  static void sql(String... statements) throws SQLException {
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private static List<Record> rows(Iterable<Record> src) {
    List<Record> out = new ArrayList<>();
    src.forEach(out::add);
    return out;
  }

  @Test
  void sqlTypesMapToTheSchemaAndValuesConvert() {
    JdbcSource src =
        JdbcSource.builder(pg::connect, "SELECT * FROM orders WHERE id IN (1, 2) ORDER BY id")
            .setDescription("pg:orders")
            .get();
    Schema s = src.schema();
    assertEquals(
        List.of(
            ColumnType.INT,
            ColumnType.LONG,
            ColumnType.DOUBLE,
            ColumnType.DOUBLE,
            ColumnType.BOOLEAN,
            ColumnType.STRING,
            ColumnType.TIMESTAMP,
            ColumnType.TIMESTAMP,
            ColumnType.TIMESTAMP,
            ColumnType.STRING,
            ColumnType.STRING,
            ColumnType.INT),
        s.columns().stream().map(c -> c.type()).toList());
    List<Record> r = rows(src);
    Record one = r.get(0);
    assertEquals(1, one.get("id"));
    assertEquals(10_000_000_000L, one.get("customer"));
    assertEquals(12.5, one.get("amount"));
    assertEquals(3.25, one.get("price"));
    assertEquals(true, one.get("paid"));
    assertEquals("FR", one.get("country"));
    assertEquals(Instant.parse("2011-12-09T12:50:00Z"), one.get("at"));
    assertEquals(Instant.parse("2011-12-09T10:50:00Z"), one.get("at_tz"));
    assertEquals(Instant.parse("2011-12-09T00:00:00Z"), one.get("day"));
    assertEquals("00000000-0000-0000-0000-000000000001", one.get("ref"));
    assertEquals("{\"a\": 1}", one.get("meta"));
    assertEquals(7, one.get("tiny"));
    assertEquals("pg:orders", one.origin().source());
    assertEquals(1, one.origin().line());
    Record two = r.get(1);
    for (int i = 1; i < s.size(); i++) {
      assertNull(two.get(i), s.column(i).name());
    }
    assertEquals(2, two.origin().line());
  }

  @Test
  void badValuesAreQuarantinedWithRowAndColumnAndCountsBalance() {
    Quarantine.InMemory q = Quarantine.inMemory();
    JdbcSource src =
        JdbcSource.builder(
                pg::connect, "SELECT id, amount, at, day FROM orders WHERE id >= ? ORDER BY id")
            .setParameters(3)
            .setDescription("pg:orders")
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .get();
    List<Record> r = rows(src);
    assertEquals(1, r.size());
    assertEquals(5, r.get(0).get("id"));
    assertEquals(new ReadCounts(3, 1, 2, 0), src.counts());
    assertEquals(1, q.records().get(0).line());
    assertEquals("amount", q.records().get(0).column());
    assertEquals("not a finite number", q.records().get(0).reason());
    assertEquals(2, q.records().get(1).line());
    assertEquals("day", q.records().get(1).column());
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                rows(
                    JdbcSource.builder(pg::connect, "SELECT id, amount FROM orders ORDER BY id")
                        .setDescription("pg:orders")
                        .get()));
    assertEquals(3, e.line());
    assertEquals("amount", e.column());
    assertEquals("pg:orders", e.source());
  }

  @Test
  void aConnectionDroppedMidReadFailsNamingSourceAndRow() throws Exception {
    sql("CREATE TABLE big AS SELECT g AS id FROM generate_series(1, 50000) g");
    JdbcSource src =
        JdbcSource.builder(
                () -> {
                  Connection c = pg.connect();
                  try (Statement s = c.createStatement()) {
                    s.execute("SET application_name = 'dmp-reader'");
                  }
                  return c;
                },
                "SELECT id FROM big ORDER BY id")
            .setDescription("pg:big")
            .setFetchSize(1000)
            .get();
    JdbcSource.Rows it = src.iterator();
    for (int i = 0; i < 10; i++) {
      it.next();
    }
    try (Connection admin = pg.connect();
        Statement s = admin.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'dmp-reader'")) {
      assertTrue(rs.next() && rs.getBoolean(1), "the reader's backend was terminated");
    }
    JdbcException e =
        assertThrows(
            JdbcException.class,
            () -> {
              while (it.hasNext()) {
                it.next();
              }
            });
    assertEquals("pg:big", e.target());
    assertEquals(1001, e.row(), "rows up to the fetch size were already delivered");
    assertTrue(e.getMessage().startsWith("pg:big, row 1001: reading failed"), e.getMessage());
    assertEquals(new ReadCounts(1000, 1000, 0, 0), it.counts());
  }

  @Test
  void fiveMillionRowsStreamThroughA64MiBHeap() throws Exception {
    sql(
        "CREATE UNLOGGED TABLE events5m AS SELECT g::BIGINT AS id, 'user-' || (g % 100000) AS user_id,"
            + " g * 0.5 AS value FROM generate_series(1, 5000000) g");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx64m",
            "-cp",
            System.getProperty("java.class.path"),
            StreamingProbe.class.getName(),
            pg.url(),
            "SELECT id, user_id, value FROM events5m",
            "10000");
    pb.redirectErrorStream(true);
    File out = dir.resolve("probe.txt").toFile();
    pb.redirectOutput(out);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe did not finish: " + Files.readString(out.toPath()));
    }
    String output = Files.readString(out.toPath());
    assertEquals(0, p.exitValue(), output);
    // the 5M rows take several hundred MiB as Java objects: only a cursor fits them into 64 MiB
    assertTrue(output.contains("rows=5000000 sum=12500002500000"), output);
  }

  @Test
  void readsDuckDb() throws Exception {
    try (Connection keep = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = keep.createStatement()) {
        s.execute(
            "CREATE TABLE t AS SELECT i AS id, 'u' || i AS user_id, i * 1.5 AS v,"
                + " TIMESTAMP '2011-01-01' + INTERVAL (i) HOUR AS ts FROM range(0, 1000) r(i)");
      }
      // DuckDB's in-memory database lives as long as a connection to it: duplicate that one
      ConnectionSupplier db = () -> ((org.duckdb.DuckDBConnection) keep).duplicate();
      JdbcSource src =
          JdbcSource.builder(db, "SELECT * FROM t ORDER BY id").setFetchSize(100).get();
      assertEquals(
          List.of(ColumnType.LONG, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.TIMESTAMP),
          src.schema().columns().stream().map(c -> c.type()).toList());
      List<Record> r = rows(src);
      assertEquals(1000, r.size());
      assertEquals("u999", r.get(999).get("user_id"));
      assertEquals(Instant.parse("2011-01-01T05:00:00Z"), r.get(5).get("ts"));
      assertEquals(7.5, r.get(5).get("v"));
    }
  }

  @Test
  void aDriverWithoutJavaTimeGettersIsReadThroughGetObject() throws Exception {
    try (Connection keep = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = keep.createStatement()) {
        s.execute(
            "CREATE TABLE d AS SELECT TIMESTAMP '2011-01-01 05:00:00' AS ts,"
                + " TIMESTAMPTZ '2011-01-01 05:00:00+02' AS tz, DATE '2011-01-02' AS day"
                + " FROM range(2)");
      }
      List<Instant> expected =
          List.of(
              Instant.parse("2011-01-01T05:00:00Z"),
              Instant.parse("2011-01-01T03:00:00Z"),
              Instant.parse("2011-01-02T00:00:00Z"));
      ConnectionSupplier plain = () -> ((org.duckdb.DuckDBConnection) keep).duplicate();
      List<String> typedCalls = new ArrayList<>();
      // the same database behind a driver that, like pre-4.2 drivers, has no getObject(i, Class)
      ConnectionSupplier old = () -> withoutTypedGetObject(plain.open(), typedCalls);
      for (ConnectionSupplier db : List.of(plain, old)) {
        List<Record> both = rows(JdbcSource.builder(db, "SELECT ts, tz, day FROM d").get());
        assertEquals(2, both.size());
        for (Record r : both) {
          assertEquals(expected, List.of(r.get(0), r.get(1), r.get(2)));
        }
      }
      assertEquals(
          3, typedCalls.size(), "each column falls back once, on the first row: " + typedCalls);
    }
  }

  private static Connection withoutTypedGetObject(Connection c, List<String> calls) {
    return proxy(
        Connection.class,
        c,
        (m, args, result) ->
            result instanceof java.sql.PreparedStatement ps
                ? proxy(
                    java.sql.PreparedStatement.class,
                    ps,
                    (m2, a2, r2) ->
                        r2 instanceof ResultSet rs
                            ? proxy(
                                ResultSet.class,
                                rs,
                                (m3, a3, r3) -> r3,
                                (m3, a3) -> {
                                  if (m3.getName().equals("getObject") && a3.length == 2) {
                                    calls.add("column " + a3[0]);
                                    throw new java.sql.SQLFeatureNotSupportedException();
                                  }
                                })
                            : r2,
                    (m2, a2) -> {})
                : result,
        (m, args) -> {});
  }

  private interface After {
    Object apply(java.lang.reflect.Method m, Object[] args, Object result);
  }

  private interface Before {
    void check(java.lang.reflect.Method m, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, T target, After after, Before before) {
    return type.cast(
        java.lang.reflect.Proxy.newProxyInstance(
            JdbcSourceTest.class.getClassLoader(),
            new Class<?>[] {type},
            (p, m, args) -> {
              Object[] a = args == null ? new Object[0] : args;
              before.check(m, a);
              try {
                return after.apply(m, a, m.invoke(target, a));
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  @Test
  void unsupportedTypesAndBadSettingsAreRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JdbcSource.builder(pg::connect, "SELECT '\\x01'::bytea AS b").get().schema());
    assertTrue(e.getMessage().contains("cast it"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcSource.builder(pg::connect, "SELECT 1").setFetchSize(0));
    assertThrows(IllegalArgumentException.class, () -> JdbcSource.builder(pg::connect, " "));
    JdbcException bad =
        assertThrows(
            JdbcException.class,
            () ->
                JdbcSource.builder(pg::connect, "SELECT * FROM nope")
                    .setDescription("pg:nope")
                    .get()
                    .schema());
    assertTrue(bad.getMessage().startsWith("pg:nope: cannot describe"), bad.getMessage());
  }
}
