package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Record;
import org.aidmp.io.csv.CsvFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiFileSourceTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static List<String> ids(Iterable<Record> source) {
    List<String> out = new ArrayList<>();
    for (Record r : source) {
      out.add(r.getString("id"));
    }
    return out;
  }

  @Test
  void readsFilesInNameOrderWithOriginsAndTheFileColumn() throws IOException {
    write("day-02.csv", "id,v\nc,3\n");
    write("day-01.csv", "id,v\na,1\nb,2\n");
    MultiFileSource src =
        MultiFileSource.builder(FileSet.glob(dir, "day-*.csv")).setFileColumn("file").get();
    assertEquals(List.of("id", "v", "file"), src.schema().names());
    List<Record> all = new ArrayList<>();
    src.forEach(all::add);
    assertEquals(List.of("a", "b", "c"), ids(all));
    assertEquals("day-01.csv", all.get(0).get("file"));
    assertEquals("day-02.csv", all.get(2).get("file"));
    assertEquals(dir.resolve("day-01.csv").toString(), all.get(1).origin().source());
    assertEquals(3, all.get(1).origin().line());
    assertEquals(dir.resolve("day-02.csv").toString(), all.get(2).origin().source());
  }

  @Test
  void countsBalancePerFileAndInTotalWithQuarantinedRows() throws IOException {
    Path a = write("a.csv", "id,v\n1,x\n2\n3,y\n");
    Path b = write("b.csv", "id,v\n4,x,extra\n5,z\n");
    Quarantine.InMemory q = Quarantine.inMemory();
    MultiFileSource src =
        MultiFileSource.builder(FileSet.of(a, b))
            .setFormat(
                MultiFileSource.csv(
                    csv -> csv.setBadRecordPolicy(BadRecordPolicy.QUARANTINE).setQuarantine(q)))
            .get();
    Map<Path, ReadCounts> seen = new LinkedHashMap<>();
    try (MultiFileSource.FilesIterator it = src.iterator()) {
      assertEquals(List.of("1", "3", "5"), ids(() -> it));
      assertEquals(
          Map.of(a, new ReadCounts(3, 2, 1, 0), b, new ReadCounts(2, 1, 1, 0)), it.perFile());
      assertEquals(new ReadCounts(5, 3, 2, 0), it.counts());
      seen.putAll(it.perFile());
    }
    assertEquals(List.of(a, b), List.copyOf(seen.keySet()));
    assertEquals(2, src.quarantinedRows());
    assertEquals(0, src.skippedRows());
    assertEquals(dir.resolve("a.csv").toString(), q.records().get(0).source());
    assertEquals(3, q.records().get(0).line());
  }

  @Test
  void listenerHearsOfEachFileAfterItsLastRecord() throws IOException {
    write("a.csv", "id\n1\n2\n");
    write("b.csv", "id\n3\n");
    List<String> events = new ArrayList<>();
    MultiFileSource src =
        MultiFileSource.builder(FileSet.folder(dir))
            .setFileListener(
                (file, counts) -> events.add("done " + file.getFileName() + " " + counts.read()))
            .get();
    for (Record r : src) {
      events.add(r.getString("id"));
    }
    assertEquals(List.of("1", "2", "done a.csv 2", "3", "done b.csv 1"), events);
  }

  @Test
  void onlyAcknowledgedFilesAreLeftOutOfTheNextRun() throws IOException {
    write("a.csv", "id\n1\n");
    write("b.csv", "id\n2\n");
    Path logFile = dir.resolve("log").resolve("read.log");
    Files.createDirectories(logFile.getParent());
    try (FileReadLog log = FileReadLog.open(logFile)) {
      MultiFileSource src =
          MultiFileSource.builder(FileSet.glob(dir, "*.csv")).setReadLog(log).get();
      try (MultiFileSource.FilesIterator it = src.iterator()) {
        assertEquals("1", it.next().getString("id"));
        assertEquals("2", it.next().getString("id"));
        // a.csv is read whole now, b.csv is still open: the consumer acknowledges a.csv only,
        // then "crashes" (stops without acknowledging b.csv)
        src.acknowledge(dir.resolve("a.csv"));
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> src.acknowledge(dir.resolve("b.csv")));
        assertTrue(e.getMessage().contains("has not been read to its end"), e.getMessage());
      }
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      MultiFileSource src =
          MultiFileSource.builder(FileSet.glob(dir, "*.csv")).setReadLog(log).get();
      assertEquals(List.of(dir.resolve("b.csv")), src.pending());
      assertEquals(List.of("2"), ids(src));
      src.acknowledge(dir.resolve("b.csv"));
      assertEquals(List.of(), ids(src));
    }
  }

  @Test
  void acknowledgingWithoutALogIsRefused() throws IOException {
    Path a = write("a.csv", "id\n1\n");
    MultiFileSource src = MultiFileSource.builder(FileSet.of(a)).get();
    ids(src);
    assertThrows(IllegalStateException.class, () -> src.acknowledge(a));
  }

  @Test
  void aFileOfAnotherLayoutIsNamed() throws IOException {
    write("a.csv", "id,v\n1,2\n");
    Path b = write("b.csv", "id,w\n1,2\n");
    MultiFileSource src = MultiFileSource.builder(FileSet.folder(dir)).get();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ids(src));
    assertTrue(e.getMessage().startsWith(b.toString()), e.getMessage());
  }

  @Test
  void aBrokenFileFailsNamingFileAndLine() throws IOException {
    write("a.csv", "id,v\n1,2\n");
    Path b = write("b.csv", "id,v\n1,2\n3,\"open\n");
    MultiFileSource src = MultiFileSource.builder(FileSet.folder(dir)).get();
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> ids(src));
    assertEquals(b.toString(), e.source());
    assertEquals(3, e.line());
  }

  @Test
  void emptySetHasNoSchemaButReadsNothing() {
    MultiFileSource src = MultiFileSource.builder(FileSet.glob(dir, "*.csv")).get();
    assertEquals(List.of(), ids(src));
    IllegalStateException e = assertThrows(IllegalStateException.class, src::schema);
    assertTrue(e.getMessage().contains("no file in"), e.getMessage());
  }

  @Test
  void fileColumnMayNotShadowAColumn() throws IOException {
    write("a.csv", "id,file\n1,2\n");
    MultiFileSource src = MultiFileSource.builder(FileSet.folder(dir)).setFileColumn("file").get();
    assertThrows(IllegalStateException.class, src::schema);
  }
}
