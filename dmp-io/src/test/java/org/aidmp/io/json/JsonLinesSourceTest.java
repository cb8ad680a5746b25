package org.aidmp.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSourceTest {
  @TempDir Path dir;

  private static final Schema EVENTS =
      Schema.builder()
          .add("user_id", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("url", ColumnType.STRING)
          .add("value", ColumnType.DOUBLE)
          .add("qty", ColumnType.INT)
          .build();

  private static JsonLinesSource.Builder text(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonLinesSource.Builder bytes(byte[] b) {
    return JsonLinesSource.builder("events.jsonl", () -> new ByteArrayInputStream(b))
        .setSchema(EVENTS)
        .setPath("url", "context.page.url");
  }

  private static List<Record> rows(Iterable<Record> src) {
    List<Record> out = new ArrayList<>();
    src.forEach(out::add);
    return out;
  }

  @Test
  void readsNestedFieldsByPathAndSkipsTheRest() {
    List<Record> r =
        rows(
            text("{\"user_id\":\"u1\",\"ts\":\"2026-01-02T03:04:05Z\",\"extra\":{\"a\":[1,{\"b\":2}]},"
                    + "\"context\":{\"ip\":\"x\",\"page\":{\"url\":\"/home\",\"title\":\"t\"}},"
                    + "\"value\":9.5,\"qty\":3}\n"
                    + "{\"user_id\":\"u2\",\"context\":null,\"value\":null}\n")
                .get());
    assertEquals(2, r.size());
    Record a = r.get(0);
    assertEquals("u1", a.get("user_id"));
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), a.get("ts"));
    assertEquals("/home", a.get("url"));
    assertEquals(9.5, a.get("value"));
    assertEquals(3, a.get("qty"));
    assertEquals("events.jsonl", a.origin().source());
    assertEquals(1, a.origin().line());
    Record b = r.get(1);
    assertEquals("u2", b.get("user_id"));
    assertNull(b.get("url"));
    assertNull(b.get("value"));
    assertNull(b.get("ts"));
    assertEquals(2, b.origin().line());
  }

  @Test
  void aLineHoldingAnArrayIsOneRowPerEvent() {
    JsonLinesIterator it =
        text("[{\"user_id\":\"a\"},{\"user_id\":\"b\"}]\n{\"user_id\":\"c\"}\n[]\n").get().pass();
    List<Record> r = rows(() -> it);
    assertEquals(List.of("a", "b", "c"), r.stream().map(x -> x.getString("user_id")).toList());
    assertEquals(1, r.get(1).origin().line());
    assertEquals(2, r.get(2).origin().line());
    assertEquals(new ReadCounts(3, 3, 0, 0), it.counts());
  }

  @Test
  void valuesAreCoercedToTheSchema() {
    List<Record> r =
        rows(
            text("{\"user_id\":42,\"ts\":1700000000000,\"value\":\"1e3\",\"qty\":\"7\"}\n"
                    + "{\"user_id\":true,\"ts\":\"2026-01-02 03:04:05\",\"value\":2,\"qty\":4.0}\n"
                    + "{\"ts\":\"2026-01-02T03:04:05+01:00\"}\n"
                    + "{\"ts\":\"2026-01-02\",\"qty\":\" \"}\n")
                .get());
    assertEquals("42", r.get(0).get("user_id"));
    assertEquals(Instant.ofEpochMilli(1700000000000L), r.get(0).get("ts"));
    assertEquals(1000.0, r.get(0).get("value"));
    assertEquals(7, r.get(0).get("qty"));
    assertEquals("true", r.get(1).get("user_id"));
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), r.get(1).get("ts"));
    assertEquals(2.0, r.get(1).get("value"));
    assertEquals(4, r.get(1).get("qty"));
    assertEquals(Instant.parse("2026-01-02T02:04:05Z"), r.get(2).get("ts"));
    assertEquals(Instant.parse("2026-01-02T00:00:00Z"), r.get(3).get("ts"));
    assertNull(r.get(3).get("qty"));
  }

  @Test
  void epochSecondsAndBooleansAndLongs() {
    Schema s =
        Schema.builder()
            .add("t", ColumnType.TIMESTAMP)
            .add("b", ColumnType.BOOLEAN)
            .add("l", ColumnType.LONG)
            .build();
    List<Record> r =
        rows(
            JsonLinesSource.builder(
                    "x",
                    () ->
                        new ByteArrayInputStream(
                            "{\"t\":1700000000,\"b\":\"TRUE\",\"l\":9007199254740993}\n"
                                .getBytes(StandardCharsets.UTF_8)))
                .setSchema(s)
                .setEpochSeconds(true)
                .get());
    assertEquals(Instant.ofEpochSecond(1700000000L), r.get(0).get("t"));
    assertEquals(true, r.get(0).get("b"));
    assertEquals(9007199254740993L, r.get(0).get("l"));
  }

  @Test
  void wrongTypesAreBadRowsNamingTheColumnNotTheValue() {
    String[] bad = {
      "{\"qty\":\"seven\"}",
      "{\"qty\":3000000000}",
      "{\"qty\":2.5}",
      "{\"value\":\"NaN\"}",
      "{\"value\":\"0x1p3\"}",
      "{\"value\":{\"a\":1}}",
      "{\"ts\":\"yesterday\"}",
      "{\"ts\":false}",
      "{\"context\":\"flat\"}",
      "{\"user_id\":[\"a\"]}",
    };
    String[] column = {
      "qty", "qty", "qty", "value", "value", "value", "ts", "ts", "url", "user_id"
    };
    for (int i = 0; i < bad.length; i++) {
      String line = bad[i];
      BadRecordException e =
          assertThrows(
              BadRecordException.class, () -> rows(text("{}\n" + line + "\n").get()), line);
      assertEquals(BadRecordException.Problem.WRONG_TYPE, e.problem(), line);
      assertEquals(column[i], e.column(), line);
      assertEquals(2, e.line(), line);
      assertFalse(e.getMessage().contains("seven") || e.getMessage().contains("yesterday"));
    }
  }

  @Test
  void malformedLinesAreQuarantinedWithTheirPositionAndCountsBalance() {
    Quarantine.InMemory q = Quarantine.inMemory();
    JsonLinesIterator it =
        text("{\"user_id\":\"a\"}\n"
                + "{\"user_id\":\"b\"\n"
                + "{\"user_id\":\"c\"} {}\n"
                + "\"just a string\"\n"
                + "[{\"user_id\":\"d\"},5,{\"qty\":\"x\"}]\n"
                + "[{\"user_id\":\"e\"},{oops}]\n"
                + "\n"
                + "{\"user_id\":\"f\"}\n")
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .get()
            .pass();
    List<Record> r = rows(() -> it);
    assertEquals(List.of("a", "d", "f"), r.stream().map(x -> x.getString("user_id")).toList());
    assertEquals(8, r.get(2).origin().line());
    assertEquals(new ReadCounts(9, 3, 6, 0), it.counts());
    assertEquals(
        List.of(2L, 3L, 4L, 5L, 5L, 6L),
        q.records().stream().map(QuarantinedRecord::line).toList());
  }

  @Test
  void eachBadRowIsQuarantinedOnceWithRuleAndReason() {
    Quarantine.InMemory q = Quarantine.inMemory();
    JsonLinesIterator it =
        text("{\"user_id\":\"b\"\n"
                + "{\"user_id\":\"c\"} {}\n"
                + "\"just a string\"\n"
                + "[{\"user_id\":\"d\"},5,{\"qty\":\"x\"}]\n"
                + "[{\"user_id\":\"e\"},{oops}]\n")
            .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .get()
            .pass();
    assertEquals(1, rows(() -> it).size());
    List<QuarantinedRecord> qs = q.records();
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 4L, 5L), qs.stream().map(QuarantinedRecord::line).toList());
    assertEquals(
        List.of(
            JsonLinesSource.MALFORMED_RULE,
            JsonLinesSource.MALFORMED_RULE,
            JsonLinesSource.NOT_AN_OBJECT_RULE,
            JsonLinesSource.NOT_AN_OBJECT_RULE,
            JsonLinesSource.WRONG_TYPE_RULE,
            JsonLinesSource.MALFORMED_RULE),
        qs.stream().map(QuarantinedRecord::rule).toList());
    assertEquals("qty", qs.get(4).column());
    assertTrue(qs.get(1).reason().contains("one value per line"), qs.get(1).reason());
    assertEquals(List.of("{\"user_id\":\"b\""), qs.get(0).fields());
    assertEquals(new ReadCounts(7, 1, 6, 0), it.counts());
  }

  @Test
  void skipPolicyCountsAndDrops() {
    JsonLinesSource src =
        text("{\"qty\":1}\nnot json\n{\"qty\":\"x\"}\n")
            .setBadRecordPolicy(BadRecordPolicy.SKIP)
            .get();
    assertEquals(1, rows(src).size());
    assertEquals(new ReadCounts(3, 1, 0, 2), src.counts());
    assertEquals(2, src.skippedRows());
  }

  @Test
  void failPolicyNamesSourceAndLine() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class, () -> rows(text("{}\r\n{}\r\n{\"a\":secret}\r\n").get()));
    assertEquals(BadRecordException.Problem.MALFORMED_JSON, e.problem());
    assertEquals("events.jsonl", e.source());
    assertEquals(3, e.line());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertTrue(e.getMessage().startsWith("events.jsonl, line 3: malformed JSON"), e.getMessage());
  }

  @Test
  void invalidUtf8IsReportedWithItsByteOffset() {
    byte[] head = "{}\n{\"user_id\":\"ab".getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[head.length + 3];
    System.arraycopy(head, 0, data, 0, head.length);
    data[head.length] = (byte) 0xC3; // a lead byte followed by a quote: truncated sequence
    data[head.length + 1] = '"';
    data[head.length + 2] = '}';
    BadRecordException e = assertThrows(BadRecordException.class, () -> rows(bytes(data).get()));
    assertEquals(BadRecordException.Problem.INVALID_ENCODING, e.problem());
    assertEquals(head.length, e.byteOffset());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("byte offset " + head.length), e.getMessage());
  }

  @Test
  void validMultiByteTextPasses() {
    List<Record> r = rows(text("{\"user_id\":\"Zoë 東京 🎉\"}\n").get());
    assertEquals("Zoë 東京 🎉", r.get(0).get("user_id"));
  }

  @Test
  void gzipFilesAreDecompressed() throws IOException {
    Path f = dir.resolve("e.jsonl.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("{\"user_id\":\"a\"}\n{\"user_id\":\"b\"}".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(f, bytes.toByteArray());
    JsonLinesSource src = JsonLinesSource.builder(f).setSchema(EVENTS).get();
    assertEquals(2, rows(src).size());
    assertEquals(f.toString(), rows(src).get(1).origin().source());
    // gzip is recognised by its magic bytes when the name does not say so
    Path plain = dir.resolve("e.jsonl");
    Files.write(plain, bytes.toByteArray());
    assertEquals(2, rows(JsonLinesSource.builder(plain).setSchema(EVENTS).get()).size());
  }

  @Test
  void aLineOverTheCapStopsTheReadWhateverThePolicy() {
    String longLine = "{\"user_id\":\"" + "x".repeat(5000) + "\"}";
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () ->
                rows(
                    text("{}\n" + longLine + "\n{}\n")
                        .setMaxLineBytes(1000)
                        .setBadRecordPolicy(BadRecordPolicy.SKIP)
                        .get()));
    assertEquals(BadRecordException.Problem.LINE_TOO_LONG, e.problem());
    assertEquals(2, e.line());
    assertEquals(3, e.byteOffset());
    assertEquals(2, rows(text("{}\n" + longLine + "\n").setMaxLineBytes(6000).get()).size());
  }

  @Test
  void unterminatedStringInA1GibStreamFailsFastInASmallHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            UnterminatedStringProbe.class.getName());
    pb.redirectErrorStream(true);
    File out = dir.resolve("probe.txt").toFile();
    pb.redirectOutput(out);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe did not finish: " + Files.readString(out.toPath()));
    }
    String output = Files.readString(out.toPath());
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.startsWith("LINE_TOO_LONG line=2"), output);
    // it stopped near the cap, not at the end of the gigabyte
    long served = Long.parseLong(output.substring(output.indexOf("served=") + 7).strip());
    assertTrue(served < 64L << 20, output);
  }

  @Test
  void configurationErrorsNameTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> JsonLinesSource.builder("x", () -> null).get());
    assertTrue(e.getMessage().contains("setSchema"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> text("").setPath("nope", "a.b").get());
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> text("").setPath("url", "a..b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> text("").setBadRecordPolicy(BadRecordPolicy.QUARANTINE).get());
    assertThrows(IllegalArgumentException.class, () -> text("").setQuarantine(r -> {}).get());
    assertEquals("context.page.url", text("").get().paths().get("url"));
    assertEquals("user_id", text("").get().paths().get("user_id"));
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("missing.jsonl");
    java.io.UncheckedIOException e =
        assertThrows(
            java.io.UncheckedIOException.class,
            () -> JsonLinesSource.builder(missing).setSchema(EVENTS).get().iterator());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
