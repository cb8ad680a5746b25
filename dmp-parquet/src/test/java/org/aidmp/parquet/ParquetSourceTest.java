package org.aidmp.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aidmp.data.ColumnType;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetSourceTest {
  @TempDir Path dir;

  private static List<Record> rows(Iterable<Record> src) {
    List<Record> out = new ArrayList<>();
    src.forEach(out::add);
    return out;
  }

  private Path written(int n, long rowGroupBytes) {
    Path f = dir.resolve("scores-" + n + ".parquet");
    try (ParquetSink sink =
        ParquetSink.builder(f, ParquetSinkTest.ALL).setRowGroupBytes(rowGroupBytes).get()) {
      sink.acceptAll(ParquetSinkTest.sample(n));
    }
    return f;
  }

  private static void duckdb(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Test
  void projectionReadsOnlyTheNamedColumnsInTheGivenOrder() {
    Path f = written(100, 64L << 20);
    ParquetSource src = ParquetSource.builder(f).setColumns("score", "user_id").get();
    assertEquals(
        Schema.builder().add("score", ColumnType.DOUBLE).add("user_id", ColumnType.STRING).build(),
        src.schema());
    List<Record> r = rows(src);
    assertEquals(100, r.size());
    assertEquals("u7", r.get(7).get("user_id"));
    assertEquals(1.0, r.get(7).get("score"));
    assertEquals(new ReadCounts(100, 100, 0, 0), src.counts());
  }

  @Test
  void aFilterSkipsRowGroupsByStatisticsAndKeepsOnlyMatchingRows() {
    Path f = written(20_000, 16 << 10);
    ParquetSource src =
        ParquetSource.builder(f)
            .setColumns("rank", "user_id")
            .setFilter(FilterApi.gtEq(FilterApi.intColumn("rank"), 19_000))
            .get();
    try (ParquetSource.Rows it = src.iterator()) {
      List<Record> r = rows(() -> it);
      assertEquals(1000, r.size());
      assertTrue(r.stream().allMatch(x -> (Integer) x.get("rank") >= 19_000));
      assertTrue(it.rowGroupsInFile() > 4, "the file has " + it.rowGroupsInFile() + " row groups");
      assertTrue(
          it.rowGroupsToRead() < it.rowGroupsInFile() / 2,
          it.rowGroupsToRead() + " of " + it.rowGroupsInFile());
    }
  }

  @Test
  void readsWhatDuckDbWroteWithLogicalTypesNestingAndDictionaries() throws Exception {
    Path f = dir.resolve("duck.parquet");
    duckdb(
        "COPY (SELECT i::INTEGER AS id,"
            + " 'cat-' || (i % 3) AS category,"
            + " (i * 1.25)::DECIMAL(10,2) AS price,"
            + " (i * 100000.5)::DECIMAL(38,3) AS big,"
            + " TIMESTAMP '2011-12-09 12:50:00' + INTERVAL (i) MINUTE AS ts,"
            + " DATE '2011-01-01' + i::INTEGER AS day,"
            + " i % 2 = 0 AS even,"
            + " i::BIGINT * 10000000000 AS wide,"
            + " (i / 4)::FLOAT AS ratio,"
            + " {'page': {'url': '/p/' || i, 'title': 't'}, 'ip': '10.0.0.1'} AS context,"
            + " [i, i + 1] AS tags,"
            + " CASE WHEN i = 2 THEN NULL ELSE 'x' END AS maybe,"
            + " '00000000-0000-0000-0000-00000000000' || (i % 10) ::VARCHAR AS ref"
            + " FROM range(0, 5) t(i)) TO '"
            + f
            + "' (FORMAT PARQUET)");
    ParquetSource src = ParquetSource.builder(f).get();
    Schema s = src.schema();
    assertEquals(
        List.of(
            "id",
            "category",
            "price",
            "big",
            "ts",
            "day",
            "even",
            "wide",
            "ratio",
            "context.page.url",
            "context.page.title",
            "context.ip",
            "maybe",
            "ref"),
        s.names(),
        "lists are left out, structs are flattened by path");
    assertEquals(ColumnType.INT, s.column(0).type());
    assertEquals(ColumnType.DOUBLE, s.column(2).type());
    assertEquals(ColumnType.DOUBLE, s.column(3).type());
    assertEquals(ColumnType.TIMESTAMP, s.column(4).type());
    assertEquals(ColumnType.TIMESTAMP, s.column(5).type());
    assertEquals(ColumnType.BOOLEAN, s.column(6).type());
    assertEquals(ColumnType.LONG, s.column(7).type());
    assertEquals(ColumnType.DOUBLE, s.column(8).type());
    List<Record> r = rows(src);
    assertEquals(5, r.size());
    Record three = r.get(3);
    assertEquals(3, three.get("id"));
    assertEquals("cat-0", three.get("category"));
    assertEquals(3.75, three.get("price"));
    assertEquals(300001.5, three.get("big"));
    assertEquals(Instant.parse("2011-12-09T12:53:00Z"), three.get("ts"));
    assertEquals(Instant.parse("2011-01-04T00:00:00Z"), three.get("day"));
    assertEquals(false, three.get("even"));
    assertEquals(30_000_000_000L, three.get("wide"));
    assertEquals(0.75, three.get("ratio"));
    assertEquals("/p/3", three.get("context.page.url"));
    assertEquals("10.0.0.1", three.get("context.ip"));
    assertNull(r.get(2).get("maybe"));
    assertEquals("x", r.get(1).get("maybe"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParquetSource.builder(f).setColumns("tags").get().schema());
    assertTrue(e.getMessage().contains("repeated fields are not flattened"), e.getMessage());
  }

  @Test
  void duckDbDictionaryEncodedStringsAndManyRowGroups() throws Exception {
    Path f = dir.resolve("dict.parquet");
    duckdb(
        "COPY (SELECT i AS id, 'country-' || (i % 7) AS country FROM range(0, 300000) t(i)) TO '"
            + f
            + "' (FORMAT PARQUET, ROW_GROUP_SIZE 50000)");
    ParquetSource src =
        ParquetSource.builder(f)
            .setColumns("country", "id")
            .setFilter(FilterApi.lt(FilterApi.longColumn("id"), 60_000L))
            .get();
    try (ParquetSource.Rows it = src.iterator()) {
      List<Record> r = rows(() -> it);
      assertEquals(60_000, r.size());
      assertEquals("country-2", r.get(59_999).get("country")); // 59999 % 7
      assertEquals(6, it.rowGroupsInFile());
      assertEquals(2, it.rowGroupsToRead());
    }
  }

  @Test
  void aTruncatedFileFailsNamingTheFile() throws IOException {
    Path good = written(1000, 64L << 20);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    ParquetReadException e =
        assertThrows(ParquetReadException.class, () -> rows(ParquetSource.builder(cut).get()));
    assertEquals(cut, e.file());
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    Path tiny = dir.resolve("tiny.parquet");
    Files.write(tiny, new byte[] {'P', 'A', 'R'});
    e = assertThrows(ParquetReadException.class, () -> ParquetSource.builder(tiny).get().schema());
    assertTrue(e.getMessage().contains("not a readable Parquet file"), e.getMessage());
  }

  @Test
  void aCorruptRowGroupFailsNamingFileAndRowGroup() throws IOException {
    Path good = written(5000, 64L << 20);
    byte[] bytes = Files.readAllBytes(good);
    // scribble over the data pages, keeping the footer (the last few KiB) intact
    for (int i = 4; i < bytes.length / 3; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Path bad = dir.resolve("corrupt.parquet");
    Files.write(bad, bytes);
    ParquetReadException e =
        assertThrows(ParquetReadException.class, () -> rows(ParquetSource.builder(bad).get()));
    assertEquals(bad, e.file());
    assertEquals(0, e.rowGroup(), e.getMessage());
  }

  @Test
  void unknownColumnsListWhatTheFileHas() {
    Path f = written(1, 64L << 20);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ParquetSource.builder(f).setColumns("nope").get().schema());
    assertTrue(e.getMessage().contains("user_id"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ParquetSource.builder(f).setColumns("a", "a"));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("missing.parquet");
    ParquetReadException e =
        assertThrows(
            ParquetReadException.class, () -> ParquetSource.builder(missing).get().schema());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
