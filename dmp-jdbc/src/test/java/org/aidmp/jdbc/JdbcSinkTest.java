package org.aidmp.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.fixtures.LocalPostgres;
import org.aidmp.io.export.SmallGroupPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcSinkTest {
  static LocalPostgres pg;

  static final Schema AUDIENCE =
      Schema.builder()
          .add("user_id", ColumnType.STRING)
          .add("segment", ColumnType.CATEGORY)
          .add("score", ColumnType.DOUBLE)
          .add("rank", ColumnType.INT)
          .add("visits", ColumnType.LONG)
          .add("consent", ColumnType.BOOLEAN)
          .add("seen", ColumnType.TIMESTAMP)
          .build();

  @BeforeAll
  static void startPostgres() throws Exception {
    pg = LocalPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    pg.close();
  }

  static List<Record> audience(int n, int segments) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Record.of(
              AUDIENCE,
              "u" + i,
              "seg-" + (i % segments),
              i / 10.0,
              i,
              i * 3L,
              i % 2 == 0,
              i % 5 == 0 ? null : Instant.ofEpochSecond(1_300_000_000L + i)));
    }
    return out;
  }

  static long count(String sql) throws SQLException {
    try (Connection c = pg.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void writesInBatchesAndARepeatedRunReplacesItsRows() throws Exception {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (JdbcSink sink =
          JdbcSink.builder(pg::connect, "public.audience_runs", AUDIENCE)
              .setRunId("run-1")
              .setCreateTable(true)
              .setBatchSize(1000)
              .get()) {
        sink.acceptAll(audience(2500, 4));
      }
      assertEquals(2500, count("SELECT count(*) FROM audience_runs"), "attempt " + attempt);
    }
    try (JdbcSink sink =
        JdbcSink.builder(pg::connect, "audience_runs", AUDIENCE).setRunId("run-2").get()) {
      sink.acceptAll(audience(10, 1));
    }
    assertEquals(2510, count("SELECT count(*) FROM audience_runs"));
    assertEquals(10, count("SELECT count(*) FROM audience_runs WHERE dmp_run_id = 'run-2'"));
    // values arrive typed and whole
    List<Record> back = new ArrayList<>();
    JdbcSource.builder(
            pg::connect,
            "SELECT user_id, segment, score, rank, visits, consent, seen FROM audience_runs"
                + " WHERE dmp_run_id = 'run-1' ORDER BY rank")
        .get()
        .forEach(back::add);
    List<Record> want = audience(2500, 4);
    for (int i = 0; i < want.size(); i++) {
      assertEquals(
          java.util.Arrays.asList(want.get(i).values()),
          java.util.Arrays.asList(back.get(i).values()),
          "row " + i);
    }
  }

  @Test
  void smallGroupsRefuseTheRunOrAreLeftOut() throws Exception {
    List<Record> rows = new ArrayList<>(audience(300, 3)); // 100 users per segment
    rows.add(Record.of(AUDIENCE, "x1", "tiny", 1.0, 1, 1L, true, null));
    rows.add(Record.of(AUDIENCE, "x1", "tiny", 2.0, 2, 2L, true, null)); // same user twice
    JdbcSink refusing =
        JdbcSink.builder(pg::connect, "audience_k", AUDIENCE)
            .setRunId("k")
            .setCreateTable(true)
            .setMinGroupSize(2, "segment", "user_id")
            .get();
    refusing.acceptAll(rows);
    IllegalStateException e = assertThrows(IllegalStateException.class, refusing::close);
    assertTrue(e.getMessage().contains("1 group(s)"), e.getMessage());
    assertEquals(
        0,
        count("SELECT count(*) FROM pg_tables WHERE tablename = 'audience_k'"),
        "not even the table was committed");
    try (JdbcSink omitting =
        JdbcSink.builder(pg::connect, "audience_k", AUDIENCE)
            .setRunId("k")
            .setCreateTable(true)
            .setMinGroupSize(2, "segment", "user_id")
            .setSmallGroupPolicy(SmallGroupPolicy.OMIT)
            .get()) {
      omitting.acceptAll(rows);
      omitting.close();
      assertEquals(List.of("tiny"), omitting.report().omitted());
      assertEquals(List.of("seg-0", "seg-1", "seg-2"), omitting.report().exported());
      assertEquals(300, omitting.report().rows());
    }
    assertEquals(300, count("SELECT count(*) FROM audience_k"));
    assertEquals(0, count("SELECT count(*) FROM audience_k WHERE segment = 'tiny'"));
  }

  @Test
  void aConnectionDroppedMidWriteCommitsNothingAndARerunWritesEverythingOnce() throws Exception {
    try (JdbcSink first =
        JdbcSink.builder(pg::connect, "audience_drop", AUDIENCE)
            .setRunId("nightly")
            .setCreateTable(true)
            .get()) {
      first.acceptAll(audience(100, 2));
    }
    ConnectionSupplier tagged =
        () -> {
          Connection c = pg.connect();
          try (Statement s = c.createStatement()) {
            s.execute("SET application_name = 'dmp-writer'");
          }
          return c;
        };
    JdbcSink sink =
        JdbcSink.builder(tagged, "audience_drop", AUDIENCE)
            .setRunId("nightly")
            .setBatchSize(500)
            .get();
    List<Record> rows = audience(2000, 2);
    for (int i = 0; i < 700; i++) {
      sink.accept(rows.get(i)); // one batch of 500 sent inside the open transaction
    }
    try (Connection admin = pg.connect();
        Statement s = admin.createStatement()) {
      s.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'dmp-writer'");
    }
    JdbcException e =
        assertThrows(
            JdbcException.class,
            () -> {
              for (int i = 700; i < 2000; i++) {
                sink.accept(rows.get(i));
              }
              sink.close();
            });
    assertEquals("audience_drop", e.target());
    assertEquals(501, e.row());
    assertTrue(
        e.getMessage().contains("rows 501 to 1000") && e.getMessage().contains("'nightly'"),
        e.getMessage());
    // the earlier committed run is intact: the deletion of its rows was rolled back too
    assertEquals(100, count("SELECT count(*) FROM audience_drop"));
    try (JdbcSink rerun =
        JdbcSink.builder(pg::connect, "audience_drop", AUDIENCE).setRunId("nightly").get()) {
      rerun.acceptAll(rows);
    }
    assertEquals(2000, count("SELECT count(*) FROM audience_drop"));
    assertEquals(2000, count("SELECT count(DISTINCT user_id) FROM audience_drop"));
  }

  @Test
  void aUniqueKeyConflictRollsTheRunBackAndSaysWhere() throws Exception {
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE audience_pk (user_id VARCHAR PRIMARY KEY, segment VARCHAR, score"
              + " DOUBLE PRECISION, rank INTEGER, visits BIGINT, consent BOOLEAN,"
              + " seen TIMESTAMPTZ, dmp_run_id VARCHAR NOT NULL)");
    }
    List<Record> rows = new ArrayList<>(audience(250, 2));
    rows.add(rows.get(7)); // row 251 repeats a key
    JdbcSink sink =
        JdbcSink.builder(pg::connect, "audience_pk", AUDIENCE)
            .setRunId("r")
            .setBatchSize(100)
            .get();
    JdbcException e =
        assertThrows(
            JdbcException.class,
            () -> {
              sink.acceptAll(rows);
              sink.close();
            });
    assertEquals("23505", e.sqlState());
    assertEquals(201, e.row());
    assertTrue(e.getMessage().contains("rows 201 to 251"), e.getMessage());
    assertTrue(!e.getMessage().contains("u7"), "no value in the message");
    assertEquals(0, count("SELECT count(*) FROM audience_pk"));
  }

  @Test
  void writesToDuckDbIdempotently() throws Exception {
    try (Connection keep = DriverManager.getConnection("jdbc:duckdb:")) {
      ConnectionSupplier db = () -> ((org.duckdb.DuckDBConnection) keep).duplicate();
      for (int i = 0; i < 2; i++) {
        try (JdbcSink sink =
            JdbcSink.builder(db, "audience", AUDIENCE)
                .setRunId("d")
                .setCreateTable(true)
                .setBatchSize(128)
                .get()) {
          sink.acceptAll(audience(1000, 3));
        }
      }
      List<Record> back = new ArrayList<>();
      JdbcSource.builder(db, "SELECT user_id, seen, rank FROM audience ORDER BY rank")
          .get()
          .forEach(back::add);
      assertEquals(1000, back.size());
      assertEquals(Instant.ofEpochSecond(1_300_000_007L), back.get(7).get("seen"));
    }
  }

  @Test
  void settingsAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcSink.builder(pg::connect, "t", AUDIENCE).get(),
        "no run id");
    assertThrows(
        IllegalArgumentException.class, () -> JdbcSink.builder(pg::connect, "a\"b", AUDIENCE));
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcSink.builder(pg::connect, "t", AUDIENCE).setMinGroupSize(5, "nope", "user_id"));
    assertThrows(
        IllegalArgumentException.class,
        () -> JdbcSink.builder(pg::connect, "t", AUDIENCE).setBatchSize(0));
  }
}
