package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSinkTest {
  @TempDir Path dir;

  private static final Schema AB = Schema.ofStrings(List.of("a", "b"));

  private static void write(CsvSink.Builder b, List<Record> records) {
    try (CsvSink sink = b.get()) {
      sink.acceptAll(records);
    }
  }

  private static String toText(List<Record> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(CsvSink.builder("memory", out), records);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesHeaderAndQuotesOnlyWhereNeeded() {
    String text =
        toText(
            List.of(
                Record.of(AB, "plain", "has,comma"),
                Record.of(AB, "say \"hi\"", "two\nlines"),
                Record.of(AB, "", null)));
    assertEquals(
        "a,b\r\nplain,\"has,comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"\",\r\n", text);
  }

  @Test
  void writesOtherTypesWithToStringAndLfWhenAsked() {
    Schema s = Schema.builder().add("t", ColumnType.TIMESTAMP).add("x", ColumnType.DOUBLE).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(
        CsvSink.builder("memory", out).setLineEnding(CsvSink.LineEnding.LF).setDelimiter(';'),
        List.of(Record.of(s, Instant.parse("2026-01-02T03:04:05Z"), 1.5)));
    assertEquals("t;x\n2026-01-02T03:04:05Z;1.5\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsThroughCsvSourceProperty() {
    String[] pieces = {"a", " ", ",", "\"", "\n", "\r", "\r\n", "\u00e9", "\uD83D\uDE0E", "'"};
    for (long seed = 1; seed <= 200; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int cols = 1 + rnd.nextInt(4);
      List<String> names = new ArrayList<>();
      for (int c = 0; c < cols; c++) {
        names.add("col" + c);
      }
      Schema schema = Schema.ofStrings(names);
      List<Record> records = new ArrayList<>();
      int n = rnd.nextInt(20);
      for (int r = 0; r < n; r++) {
        Object[] values = new Object[cols];
        for (int c = 0; c < cols; c++) {
          StringBuilder f = new StringBuilder();
          for (int k = rnd.nextInt(6); k > 0; k--) {
            f.append(pieces[rnd.nextInt(pieces.length)]);
          }
          values[c] = f.toString();
        }
        records.add(Record.of(schema, values));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(CsvSink.builder("memory", out).setSchema(schema), records);
      String text = out.toString(StandardCharsets.UTF_8);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      CsvSource back = CsvSource.builder("memory", () -> new ByteArrayInputStream(bytes)).get();
      List<Record> read = new ArrayList<>();
      back.forEach(read::add);
      String context = "seed " + seed + ": " + GoldenCsvTest.escape(text);
      assertEquals(schema, back.schema(), context);
      assertEquals(records, read, context); // Record equality ignores origins
    }
  }

  @Test
  void fileAppearsOnlyOnCloseAndGzipsByName() throws IOException {
    Path file = dir.resolve("out.csv.gz");
    CsvSink sink = CsvSink.builder(file).get();
    sink.accept(Record.of(AB, "1", "2"));
    assertFalse(Files.exists(file), "visible before close");
    sink.close();
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertEquals("a,b\r\n1,2\r\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(List.of(file), listDir());
  }

  @Test
  void abortLeavesTheOldFileAndNoTempFile() throws IOException {
    Path file = dir.resolve("out.csv");
    Files.writeString(file, "old");
    CsvSink sink = CsvSink.builder(file).get();
    sink.accept(Record.of(AB, "1", "2"));
    sink.abort();
    sink.close();
    assertEquals("old", Files.readString(file));
    assertEquals(List.of(file), listDir());
    assertThrows(IllegalStateException.class, () -> sink.accept(Record.of(AB, "3", "4")));
  }

  @Test
  void closeReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("out.csv");
    Files.writeString(file, "old");
    write(CsvSink.builder(file), List.of(Record.of(AB, "1", "2")));
    assertEquals("a,b\r\n1,2\r\n", Files.readString(file));
  }

  @Test
  void declaredSchemaWritesAHeaderWithoutRecordsAndNothingWithout() throws IOException {
    Path withSchema = dir.resolve("h.csv");
    write(CsvSink.builder(withSchema).setSchema(AB), List.of());
    assertEquals("a,b\r\n", Files.readString(withSchema));
    Path without = dir.resolve("empty.csv");
    write(CsvSink.builder(without), List.of());
    assertEquals(0, Files.size(without));
  }

  @Test
  void recordsOfAnotherSchemaAreRefused() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CsvSink sink = CsvSink.builder("memory", out).get();
    sink.accept(Record.of(AB, "1", "2"));
    Schema other = Schema.ofStrings(List.of("a", "c"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sink.accept(Record.of(other, "x", "y")));
    assertTrue(e.getMessage().contains("[a, c]"), e.getMessage());
    assertEquals(1, sink.written());
  }

  @Test
  void unencodableTextFailsTheWriteAndDiscardsTheFile() throws IOException {
    Path file = dir.resolve("latin.csv");
    CsvSink sink = CsvSink.builder(file).setCharset(StandardCharsets.US_ASCII).get();
    assertThrows(
        UncheckedIOException.class,
        () -> {
          sink.accept(Record.of(AB, "caf\u00e9", "x"));
          sink.close(); // the encoder may only see the text when the buffer is flushed
        });
    assertFalse(Files.exists(file));
    assertEquals(List.of(), listDir());
  }

  @Test
  void builderRejectsBadSettings() {
    CsvSink.Builder b = CsvSink.builder("memory", new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class, () -> b.setDelimiter('\n'));
    // A BOM delimiter would write files the source refuses to read.
    assertThrows(IllegalArgumentException.class, () -> b.setDelimiter('\uFEFF'));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.setQuote(',').get());
    assertTrue(e.getMessage().contains("','"), e.getMessage());
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
