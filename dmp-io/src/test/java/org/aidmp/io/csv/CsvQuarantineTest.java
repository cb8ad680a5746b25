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
    CsvRecordIterator it = back.iterator();
    var row = it.next();
    assertEquals(
        List.of(input.toString(), "4", "", CsvRecordIterator.RAGGED_ROW_RULE),
        List.of(row.getString(0), row.getString(1), row.getString(2), row.getString(3)));
    assertEquals(
        List.of("4", "x,y", "z"), List.of(row.getString(5), row.getString(6), row.getString(7)));
    assertFalse(it.hasNext());
    assertEquals(new CsvReadStats(2, 1, 0, 1), it.stats()); // the 6-wide row of line 3
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
}
