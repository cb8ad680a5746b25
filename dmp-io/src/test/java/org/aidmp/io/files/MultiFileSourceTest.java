package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.io.s3.S3ProxyFixture;
import org.aidmp.io.s3.S3Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class MultiFileSourceTest {
  private static S3ProxyFixture server;
  private static S3Client s3;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyFixture();
    s3 = server.client();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static void put(String bucket, String key, byte[] body) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bos.toByteArray();
  }

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
      it.perFile().forEach((f, c) -> seen.put(f.localPath().orElseThrow(), c));
      assertEquals(new ReadCounts(5, 3, 2, 0), it.counts());
    }
    assertEquals(List.of(a, b), List.copyOf(seen.keySet()));
    assertEquals(
        List.of(new ReadCounts(3, 2, 1, 0), new ReadCounts(2, 1, 1, 0)),
        List.copyOf(seen.values()));
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
                (file, counts) -> events.add("done " + file.name() + " " + counts.read()))
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
        List<InputFile> files = src.pending();
        src.acknowledge(files.get(0));
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> src.acknowledge(files.get(1)));
        assertTrue(e.getMessage().contains("has not been read to its end"), e.getMessage());
      }
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      MultiFileSource src =
          MultiFileSource.builder(FileSet.glob(dir, "*.csv")).setReadLog(log).get();
      List<InputFile> pending = src.pending();
      assertEquals(List.of("b.csv"), pending.stream().map(InputFile::name).toList());
      assertEquals(List.of("2"), ids(src));
      src.acknowledge(pending.get(0));
      assertEquals(List.of(), ids(src));
    }
  }

  @Test
  void acknowledgingWithoutALogIsRefused() throws IOException {
    Path a = write("a.csv", "id\n1\n");
    MultiFileSource src = MultiFileSource.builder(FileSet.of(a)).get();
    ids(src);
    assertThrows(IllegalStateException.class, () -> src.acknowledge(src.pending().get(0)));
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
    BadRecordException e = assertThrows(BadRecordException.class, () -> ids(src));
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

  @Test
  void anS3GlobIsOneSourceWithNamesOriginsAndBalancedCounts() throws IOException {
    s3.createBucket(b -> b.bucket("shop"));
    put("shop", "days/2011-01-02.csv.gz", gzip("id,v\n4,x,extra\n5,z\n"));
    put("shop", "days/2011-01-01.csv", "id,v\n1,x\n2\n3,y\n".getBytes(StandardCharsets.UTF_8));
    put("shop", "days/2012-01-01.csv", "id,v\n9,n\n".getBytes(StandardCharsets.UTF_8));
    Quarantine.InMemory q = Quarantine.inMemory();
    MultiFileSource src =
        MultiFileSource.builder(S3Source.files(s3, "s3://shop/days/2011-*"))
            .setFormat(
                MultiFileSource.csv(
                    csv -> csv.setBadRecordPolicy(BadRecordPolicy.QUARANTINE).setQuarantine(q)))
            .setFileColumn("file")
            .get();
    assertEquals(List.of("id", "v", "file"), src.schema().names());
    List<Record> all = new ArrayList<>();
    Map<String, ReadCounts> perFile = new LinkedHashMap<>();
    try (MultiFileSource.FilesIterator it = src.iterator()) {
      it.forEachRemaining(all::add);
      it.perFile().forEach((f, c) -> perFile.put(f.location(), c));
      assertEquals(new ReadCounts(5, 3, 2, 0), it.counts());
    }
    assertEquals(List.of("1", "3", "5"), ids(all));
    assertEquals(
        List.of("2011-01-01.csv", "2011-01-01.csv", "2011-01-02.csv.gz"),
        all.stream().map(r -> r.get("file")).toList());
    assertEquals("s3://shop/days/2011-01-01.csv", all.get(1).origin().source());
    assertEquals(4, all.get(1).origin().line());
    assertEquals("s3://shop/days/2011-01-02.csv.gz", all.get(2).origin().source());
    assertEquals(3, all.get(2).origin().line());
    assertEquals(
        Map.of(
            "s3://shop/days/2011-01-01.csv", new ReadCounts(3, 2, 1, 0),
            "s3://shop/days/2011-01-02.csv.gz", new ReadCounts(2, 1, 1, 0)),
        perFile);
    assertEquals(
        List.of("s3://shop/days/2011-01-01.csv", "s3://shop/days/2011-01-02.csv.gz"),
        List.copyOf(perFile.keySet()),
        "key order");
    assertEquals(2, src.quarantinedRows());
    assertEquals("s3://shop/days/2011-01-01.csv", q.records().get(0).source());
    assertEquals(3, q.records().get(0).line());
  }

  @Test
  void s3ObjectsEnterTheLogOnlyWhenAcknowledgedAndARewrittenObjectIsReadAgain() throws IOException {
    s3.createBucket(b -> b.bucket("resume"));
    put("resume", "in/a.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8));
    put("resume", "in/b.csv", "id\n2\n".getBytes(StandardCharsets.UTF_8));
    Path logFile = dir.resolve("s3-read.log");
    try (FileReadLog log = FileReadLog.open(logFile)) {
      List<InputFile> done = new ArrayList<>();
      MultiFileSource src =
          MultiFileSource.builder(S3Source.files(s3, "s3://resume/in/"))
              .setReadLog(log)
              .setFileListener((f, c) -> done.add(f))
              .get();
      assertEquals(List.of("1", "2"), ids(src));
      // the consumer made its state for a.csv durable, then stopped before b.csv's turn
      src.acknowledge(done.get(0));
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      MultiFileSource src =
          MultiFileSource.builder(S3Source.files(s3, "s3://resume/in/")).setReadLog(log).get();
      assertEquals(
          List.of("s3://resume/in/b.csv"),
          src.pending().stream().map(InputFile::location).toList());
      put("resume", "in/a.csv", "id\n1\n10\n".getBytes(StandardCharsets.UTF_8));
      assertEquals(List.of("1", "10", "2"), ids(src), "a.csv was rewritten: a new version");
    }
  }

  @Test
  void anS3KeyListIsReadInItsOrder() {
    s3.createBucket(b -> b.bucket("listed"));
    put("listed", "x/one.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8));
    put("listed", "y/two.csv", "id\n2\n".getBytes(StandardCharsets.UTF_8));
    S3Source bucket = S3Source.builder(s3).setBucket("listed").get();
    MultiFileSource src =
        MultiFileSource.builder(bucket.files(List.of("y/two.csv", "x/one.csv"))).get();
    assertEquals(List.of("2", "1"), ids(src));
  }

  @Test
  void anObjectThatCannotBeReadToItsEndFailsNamingItAndIsNotLogged() throws IOException {
    s3.createBucket(b -> b.bucket("broken"));
    put("broken", "a.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8));
    byte[] whole = gzip("id\n" + "2\n".repeat(10_000));
    put("broken", "b.csv.gz", Arrays.copyOf(whole, whole.length / 2));
    FileReadLog log = FileReadLog.inMemory();
    List<InputFile> done = new ArrayList<>();
    MultiFileSource src =
        MultiFileSource.builder(S3Source.files(s3, "s3://broken/*.csv*"))
            .setReadLog(log)
            .setFileListener((f, c) -> done.add(f))
            .get();
    List<String> seen = new ArrayList<>();
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> {
              for (Record r : src) {
                seen.add(r.getString("id"));
              }
            });
    assertTrue(e.getMessage().contains("s3://broken/b.csv.gz"), e.getMessage());
    assertEquals("1", seen.get(0));
    assertEquals(List.of("s3://broken/a.csv"), done.stream().map(InputFile::location).toList());
    src.acknowledge(done.get(0));
    assertEquals(
        List.of("s3://broken/b.csv.gz"), src.pending().stream().map(InputFile::location).toList());
  }
}
