package org.aidmp.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetSinkTest {
  @TempDir Path dir;

  static final Schema ALL =
      Schema.builder()
          .add("user_id", ColumnType.STRING)
          .add("segment", ColumnType.CATEGORY)
          .add("rank", ColumnType.INT)
          .add("visits", ColumnType.LONG)
          .add("score", ColumnType.DOUBLE)
          .add("consent", ColumnType.BOOLEAN)
          .add("seen", ColumnType.TIMESTAMP)
          .build();

  static List<Record> sample(int n) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          Record.of(
              ALL,
              "u" + i,
              i % 3 == 0 ? null : "seg-" + (i % 4),
              i,
              (long) i * 1_000_000_007L,
              i / 7.0,
              i % 2 == 0,
              Instant.ofEpochSecond(1_700_000_000L + i, 123_456_000L)));
    }
    return out;
  }

  private static List<Record> read(Path file) {
    List<Record> out = new ArrayList<>();
    ParquetSource.builder(file).get().forEach(out::add);
    return out;
  }

  @Test
  void everyTypeAndNullRoundTrips() {
    Path f = dir.resolve("audience.parquet");
    List<Record> rows = sample(500);
    try (ParquetSink sink = ParquetSink.builder(f, ALL).get()) {
      sink.acceptAll(rows);
      assertEquals(500, sink.rows());
      assertFalse(Files.exists(f), "the file appears on close");
    }
    List<Record> back = read(f);
    assertEquals(ALL.names(), back.get(0).schema().names());
    assertEquals(
        ColumnType.STRING, back.get(0).schema().column(1).type(), "categories come back as text");
    assertEquals(500, back.size());
    for (int i = 0; i < rows.size(); i++) {
      Object[] want = rows.get(i).values();
      Object[] got = back.get(i).values();
      for (int c = 0; c < want.length; c++) {
        assertEquals(want[c], got[c], "row " + i + " column " + ALL.column(c).name());
      }
      assertEquals(i + 1, back.get(i).origin().line());
    }
    assertEquals(f.toString(), back.get(0).origin().source());
  }

  @Test
  void everyCodecWrites() {
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP)) {
      Path f = dir.resolve(codec + ".parquet");
      try (ParquetSink sink = ParquetSink.builder(f, ALL).setCompression(codec).get()) {
        sink.acceptAll(sample(50));
      }
      assertEquals(50, read(f).size(), codec.toString());
    }
  }

  @Test
  void aRecordOfAnotherSchemaIsRefused() {
    Path f = dir.resolve("x.parquet");
    try (ParquetSink sink = ParquetSink.builder(f, ALL).get()) {
      Record other = Record.of(Schema.ofStrings(List.of("a")), "x");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> sink.accept(other));
      assertTrue(e.getMessage().contains("reshape"), e.getMessage());
    }
  }

  @Test
  void abortLeavesNothingBehind() throws IOException {
    Path f = dir.resolve("gone.parquet");
    ParquetSink sink = ParquetSink.builder(f, ALL).get();
    sink.acceptAll(sample(10));
    sink.abort();
    sink.close();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void closingReplacesAnEarlierFileWhole() {
    Path f = dir.resolve("again.parquet");
    try (ParquetSink sink = ParquetSink.builder(f, ALL).get()) {
      sink.acceptAll(sample(10));
    }
    try (ParquetSink sink = ParquetSink.builder(f, ALL).get()) {
      sink.acceptAll(sample(3));
      assertEquals(10, read(f).size(), "the old file stays until the new one is complete");
    }
    assertEquals(3, read(f).size());
  }

  @Test
  void configurationErrors() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ParquetSink.builder(dir.resolve("x"), Schema.builder().build()));
    assertThrows(
        IllegalArgumentException.class,
        () -> ParquetSink.builder(dir.resolve("x"), ALL).setRowGroupBytes(10));
  }
}
