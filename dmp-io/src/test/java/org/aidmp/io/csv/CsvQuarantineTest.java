package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvQuarantineTest {
  @TempDir Path dir;

  @Test
  void writesFixedColumnsThenTheRawFields() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (CsvQuarantine q = CsvQuarantine.to("memory", out)) {
      q.accept(
          new QuarantinedRecord("a.csv", 7, null, "csv.ragged-row", "too short", List.of("1")));
      q.accept(
          new QuarantinedRecord(
              "a.csv", 9, "price", "range", "negative, fix it", List.of("x", "")));
      assertEquals(2, q.count());
    }
    assertEquals(
        "source,line,column,rule,reason,fields\r\n"
            + "a.csv,7,,csv.ragged-row,too short,1\r\n"
            + "a.csv,9,price,range,\"negative, fix it\",x,\r\n",
        out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void collectsRaggedRowsFromASourceIntoAFileThatReadsBack() throws IOException {
    Path rejects = dir.resolve("rejects.csv");
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "a,b\n1,2\n3\n4,\"x,y\",z\n");
    try (CsvQuarantine q = CsvQuarantine.open(rejects)) {
      CsvSource s =
          CsvSource.builder(input)
              .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
              .setQuarantine(q)
              .get();
      s.forEach(r -> {});
      assertFalse(Files.exists(rejects), "published before close");
    }
    // read the quarantine back: its rows are 6 and 8 wide, so declare 8 columns and skip short
    Schema wide =
        Schema.ofStrings(List.of("source", "line", "column", "rule", "reason", "f1", "f2", "f3"));
    CsvSource back =
        CsvSource.builder(rejects)
            .setSchema(wide)
            .setHeaderMode(HeaderMode.SKIP)
            .setBadRecordPolicy(BadRecordPolicy.SKIP)
            .get();
    CsvRecordIterator it = back.pass();
    var row = it.next();
    assertEquals(
        List.of(input.toString(), "4", "", CsvSource.RAGGED_ROW_RULE),
        List.of(row.getString(0), row.getString(1), row.getString(2), row.getString(3)));
    assertEquals(
        List.of("4", "x,y", "z"), List.of(row.getString(5), row.getString(6), row.getString(7)));
    assertFalse(it.hasNext());
    assertEquals(new ReadCounts(2, 1, 0, 1), it.counts()); // the 6-wide row of line 3
  }

  @Test
  void acceptAfterCloseFails() {
    CsvQuarantine q = CsvQuarantine.open(dir.resolve("q.csv"));
    q.close();
    assertThrows(
        IllegalStateException.class,
        () -> q.accept(new QuarantinedRecord("s", 1, null, "r", "why", List.of())));
  }

  @Test
  void rowsBeyondTheCapFailClearly() {
    Path f = dir.resolve("capped.csv");
    CsvQuarantine q = CsvQuarantine.open(f).limitRows(2);
    QuarantinedRecord r =
        new QuarantinedRecord("in.csv", 3, null, "ragged", "2 fields, expected 3", List.of("a"));
    q.accept(r);
    q.accept(r);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.accept(r));
    assertTrue(e.getMessage().contains("is full (2 rows, its cap)"), e.getMessage());
    assertEquals(2, q.count());
    q.close();
    assertThrows(
        IllegalArgumentException.class, () -> CsvQuarantine.open(dir.resolve("x")).limitRows(0));
  }

  private static void fill(CsvQuarantine q) {
    q.accept(new QuarantinedRecord("e.csv", 2, null, "r", "bad", List.of("u1", "x", "1")));
    q.accept(new QuarantinedRecord("e.csv", 3, "ts", "r", "bad", List.of(" u2 ", "y")));
    q.accept(new QuarantinedRecord("e.csv", 4, null, "r", "u2 is not a field", List.of("u3")));
    q.accept(new QuarantinedRecord("u.csv", 5, null, "r", "bad", List.of("u2", "\"a,b\"")));
  }

  @Test
  void forgetRewritesTheClosedFileWithoutTheUsersRows() throws IOException {
    for (String name : List.of("rejects.csv", "rejects.csv.gz")) {
      Path f = dir.resolve(name);
      CsvQuarantine q = CsvQuarantine.open(f);
      fill(q);
      q.close();
      assertTrue(text(f).contains("u2"));

      assertEquals(2, q.forget("u2"), name + ": rows whose raw fields hold u2, blanks stripped");

      String left = text(f);
      assertEquals(2, q.count());
      assertTrue(left.contains("u1") && left.contains("u3"), left);
      assertFalse(left.contains(" u2 ") || left.contains(",u2,") || left.contains("\"a,b\""));
      assertTrue(left.contains("u2 is not a field"), "the fixed columns are not matched");
      assertTrue(left.startsWith("source,line,column,rule,reason,fields\r\n"), "header kept");
      assertEquals(0, q.forget("u2"), "nothing left to forget");
      assertEquals(1, q.forgetRows(v -> v.equals("x")));
      assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  private static String text(Path f) throws IOException {
    byte[] bytes = Files.readAllBytes(f);
    if (f.toString().endsWith(".gz")) {
      bytes =
          new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
    }
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void forgetNeedsAClosedFile() {
    try (CsvQuarantine open = CsvQuarantine.open(dir.resolve("open.csv"))) {
      fill(open);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> open.forget("u2"));
      assertTrue(e.getMessage().contains("close it"), e.getMessage());
    }
    CsvQuarantine stream = CsvQuarantine.to("memory", new ByteArrayOutputStream());
    stream.close();
    assertThrows(IllegalStateException.class, () -> stream.forget("u2"));
  }

  @Test
  void writesItsRowsAsAUserStatePart() throws IOException {
    Path f = dir.resolve("part.csv");
    CsvQuarantine q = CsvQuarantine.open(f);
    fill(q);
    q.close();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    q.writeTo(new java.io.DataOutputStream(bytes));
    assertTrue(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(" u2 "));
    q.forget("u2");
    bytes.reset();
    q.writeTo(new java.io.DataOutputStream(bytes));
    assertFalse(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"a,b\""));
    assertFalse(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(" u2 "));
    assertEquals("quarantine", q.partName());
  }
}
