package org.aidmp.io.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.aidmp.io.files.FileReadLog;
import org.aidmp.io.files.InputFile;
import org.aidmp.io.snapshot.SnapshotReader;
import org.aidmp.io.snapshot.SnapshotWriter;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Ingestion against a real S3 server: S3Proxy in-process on 127.0.0.1 with a transient store. */
class S3SourceTest {
  private static final int MANY = 2_345;
  private static S3ProxyFixture server;
  private static S3Client s3;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyFixture();
    s3 = server.client();
    s3.createBucket(b -> b.bucket("events"));
    s3.createBucket(b -> b.bucket("many"));
    put("events", "2026/11/a.csv", "u1,10\nu2,20\n".getBytes(StandardCharsets.UTF_8));
    put("events", "2026/11/b.csv.gz", gzip("u3,30\nu4,40\nu5,50\n"));
    put("events", "2026/11/sub/c.csv", "u6,60\n".getBytes(StandardCharsets.UTF_8));
    put("events", "2026/11/readme.txt", "not data".getBytes(StandardCharsets.UTF_8));
    put("events", "2026/10/old.csv", "u0,0\n".getBytes(StandardCharsets.UTF_8));
    // More than two listing pages (1,000 keys each). Put into the store directly: 2,345 HTTP
    // PUTs would dominate the suite's time and test nothing of the source.
    for (int i = 0; i < MANY; i++) {
      server.seed(
          "many",
          String.format("part-%05d.csv", i),
          ("row-of-" + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static void put(String bucket, String key, byte[] body) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bos.toByteArray();
  }

  private static List<String> lines(S3Source source) {
    List<String> out = new ArrayList<>();
    for (Record r : source) {
      out.add(r.getString(0));
    }
    return out;
  }

  @Test
  void ingestsMatchingObjectsIncludingGzipInKeyOrder() {
    S3Source source =
        S3Source.builder(s3)
            .setBucket("events")
            .setPrefix("2026/11/")
            .setGlob("**/*.csv*")
            .setFormat(new LineFormat())
            .get();
    assertEquals(
        List.of(
            "s3://events/2026/11/a.csv",
            "s3://events/2026/11/b.csv.gz",
            "s3://events/2026/11/sub/c.csv"),
        source.list().stream().map(InputFile::location).toList());
    assertEquals(List.of("u1,10", "u2,20", "u3,30", "u4,40", "u5,50", "u6,60"), lines(source));
    assertEquals(LineFormat.SCHEMA, source.schema());
  }

  @Test
  void singleLevelGlobDoesNotDescend() {
    S3Source source =
        S3Source.builder(s3)
            .setBucket("events")
            .setPrefix("2026/11/")
            .setGlob("*.csv")
            .setFormat(new LineFormat())
            .get();
    assertEquals(List.of("u1,10", "u2,20"), lines(source));
  }

  @Test
  void anObjectOverTheRecordCapIsABadObjectNamingTheCap() {
    // the cap once built its error without a cause, which the exception refuses: a
    // NullPointerException came out instead of the bad-object policy
    S3Source.Builder b =
        S3Source.builder(s3)
            .setBucket("events")
            .setPrefix("2026/11/")
            .setGlob("*.csv")
            .setFormat(new LineFormat())
            .setMaxRecordsPerObject(1);
    S3ObjectException e = assertThrows(S3ObjectException.class, () -> lines(b.get()));
    assertEquals("s3://events/2026/11/a.csv", e.uri());
    assertTrue(e.getMessage().contains("more than 1 records"), e.getMessage());
    S3Source skipping = b.setBadObjectPolicy(org.aidmp.data.BadRecordPolicy.SKIP).get();
    assertEquals(List.of(), lines(skipping));
    assertEquals(1, skipping.account().skipped());
  }

  @Test
  void headGivesOneObjectWithItsSizeAndEntityTag() {
    S3Source source = S3Source.builder(s3).setBucket("events").get();
    InputFile a = source.head("2026/11/a.csv");
    assertEquals(12, a.size());
    assertEquals(
        source.list().stream()
            .filter(r -> r.location().equals("s3://events/2026/11/a.csv"))
            .findFirst()
            .get(),
        a);
    S3ObjectException e = assertThrows(S3ObjectException.class, () -> source.head("2026/none"));
    assertTrue(e.getMessage().contains("no such object"), e.getMessage());
  }

  @Test
  void recordsCarryTheObjectAsOrigin() {
    S3Source source =
        S3Source.builder(s3)
            .setBucket("events")
            .setPrefix("2026/11/b")
            .setFormat(new LineFormat())
            .get();
    try (CloseableIterator<Record> it = source.iterator()) {
      assertEquals("s3://events/2026/11/b.csv.gz:1", it.next().origin().toString());
      assertEquals("s3://events/2026/11/b.csv.gz:2", it.next().origin().toString());
    }
  }

  @Test
  void readsEveryObjectExactlyOnceAcrossPages() {
    FileReadLog log = FileReadLog.inMemory();
    S3Source source =
        S3Source.builder(s3).setBucket("many").setFormat(new LineFormat()).setReadLog(log).get();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : lines(source)) {
      seen.merge(line, 1, Integer::sum);
    }
    assertEquals(MANY, seen.size());
    for (int i = 0; i < MANY; i++) {
      assertEquals(1, seen.getOrDefault("row-of-" + i, 0), "row-of-" + i);
    }
    assertEquals(MANY, log.unacknowledged().size());
    assertEquals(MANY, log.acknowledge().size());
    assertEquals(MANY, log.locations().size());
    // A second run with the same log finds nothing left to read.
    assertEquals(List.of(), lines(source));
  }

  private S3Source hundred(FileReadLog log) {
    return S3Source.builder(s3)
        .setBucket("many")
        .setPrefix("part-000")
        .setFormat(new LineFormat())
        .setReadLog(log)
        .get();
  }

  /** The consumer's state: a profile store fed one event per record. */
  private static void ingest(ProfileStore store, Record r) {
    int i = Integer.parseInt(r.getString(0).substring("row-of-".length()));
    store.accept(
        new Event(
            "u" + (i % 7),
            1_700_000_000_000L + i * 1_000L,
            i % 3 == 0 ? "purchase" : "view",
            "sku-" + (i % 5),
            "c",
            i));
  }

  private static byte[] bytes(ProfileStore s) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bos));
    return bos.toByteArray();
  }

  @Test
  void crashBetweenReadAndAcknowledgementReReadsTheObjectsIntoTheRestoredState()
      throws IOException {
    Path logFile = dir.resolve("ingest.log");
    Path snapshots = dir.resolve("snapshots");

    // Reference: one clean pass over the 100 objects.
    ProfileStore clean = ProfileStore.builder().build();
    for (Record r : hundred(FileReadLog.inMemory())) {
      ingest(clean, r);
    }

    // Run 1: ingests 37 objects, snapshots the store and acknowledges after 20 of them, then
    // crashes: state and log after the acknowledgement are lost.
    FileReadLog log = FileReadLog.open(logFile);
    ProfileStore store = ProfileStore.builder().build();
    try (CloseableIterator<Record> it = hundred(log).iterator()) {
      for (int i = 0; i < 37; i++) {
        ingest(store, it.next());
        if (i == 19) {
          SnapshotWriter w = SnapshotWriter.create(snapshots);
          w.writeProfiles(store);
          w.commit();
          assertEquals(20, log.acknowledge().size());
        }
      }
    }
    assertEquals(17, log.unacknowledged().size());
    log.close();

    // Run 2: the state comes from the snapshot, the log from its file: objects 21..37 were read
    // but never acknowledged, so they are read again, once.
    FileReadLog reopened = FileReadLog.open(logFile);
    assertEquals(20, reopened.locations().size());
    ProfileStore restored = SnapshotReader.open(snapshots).readProfiles();
    S3Source again = hundred(reopened);
    long records = 0;
    for (Record r : again) {
      ingest(restored, r);
      records++;
    }
    assertEquals(80, records);
    assertEquals(new S3ReadAccount(80, 80, 0, 0, 0, 80, 80), again.account());
    reopened.acknowledge();
    assertEquals(100, reopened.locations().size());
    reopened.close();
    // Exact: the same users, counters and bytes as the clean pass.
    assertEquals(clean.userIds(), restored.userIds());
    assertArrayEquals(bytes(clean), bytes(restored));
  }

  @Test
  void missingBucketFailsNamingIt() {
    S3Source source =
        S3Source.builder(s3)
            .setBucket("no-such-bucket")
            .setPrefix("x/")
            .setFormat(new LineFormat())
            .get();
    S3ObjectException e = assertThrows(S3ObjectException.class, source::list);
    assertTrue(e.getMessage().startsWith("s3://no-such-bucket/x/: listing failed"), e.getMessage());
    assertTrue(e.getMessage().contains("404"), e.getMessage());
    assertEquals("no-such-bucket", e.bucket());
  }

  @Test
  void objectsOfAnotherLayoutAreRefused() {
    S3Source.ObjectFormat perObjectSchema =
        (description, body) -> {
          org.aidmp.data.Source lines = new LineFormat().open(description, body);
          org.aidmp.data.Schema s =
              org.aidmp.data.Schema.ofStrings(
                  List.of(description.endsWith(".gz") ? "other" : "line"));
          return new org.aidmp.data.Source() {
            @Override
            public org.aidmp.data.Schema schema() {
              return s;
            }

            @Override
            public String description() {
              return description;
            }

            @Override
            public CloseableIterator<Record> iterator() {
              return lines.iterator();
            }
          };
        };
    S3Source source =
        S3Source.builder(s3)
            .setBucket("events")
            .setPrefix("2026/11/")
            .setGlob("*.csv*")
            .setFormat(perObjectSchema)
            .get();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> lines(source));
    assertTrue(e.getMessage().contains("s3://events/2026/11/b.csv.gz has schema"), e.getMessage());
  }

  @Test
  void emptyListingHasNoSchemaToOffer() {
    S3Source source =
        S3Source.builder(s3)
            .setBucket("events")
            .setPrefix("1999/")
            .setFormat(new LineFormat())
            .get();
    assertEquals(List.of(), lines(source));
    IllegalStateException e = assertThrows(IllegalStateException.class, source::schema);
    assertTrue(e.getMessage().contains("s3://events/1999/"), e.getMessage());
  }

  @Test
  void secretsNeverAppearInDescriptionsOrErrors() {
    S3Source source =
        S3Source.builder(s3).setBucket("no-such-bucket").setFormat(new LineFormat()).get();
    S3ObjectException e = assertThrows(S3ObjectException.class, source::list);
    for (String text : List.of(e.getMessage(), source.toString(), server.settings.toString())) {
      assertFalse(text.contains(S3ProxyFixture.SECRET_KEY), text);
      assertFalse(text.contains(S3ProxyFixture.ACCESS_KEY), text);
    }
  }

  @Test
  void builderRejectsBadOptionsWithTheValue() {
    S3Source.Builder b = S3Source.builder(s3);
    IllegalArgumentException bucket =
        assertThrows(IllegalArgumentException.class, () -> b.setBucket("Bad_Bucket"));
    assertTrue(bucket.getMessage().contains("'Bad_Bucket'"), bucket.getMessage());
    IllegalArgumentException ratio =
        assertThrows(IllegalArgumentException.class, () -> b.setMaxExpansionRatio(0.5));
    assertTrue(ratio.getMessage().contains("0.5"), ratio.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.setMaxResumes(-1));
    IllegalStateException noBucket =
        assertThrows(IllegalStateException.class, () -> S3Source.builder(s3).get());
    assertTrue(noBucket.getMessage().contains("setBucket"), noBucket.getMessage());
  }

  @Test
  void csvObjectsIncludingGzipAreParsedByTheCsvSource() {
    put(
        "events",
        "csv/1.csv",
        "user_id,value\nu1,10\nu2,\"2,5\"\n".getBytes(StandardCharsets.UTF_8));
    put("events", "csv/2.csv.gz", gzip("user_id,value\nu3,30\n"));
    S3Source source = S3Source.builder(s3).setBucket("events").setPrefix("csv/").get();
    assertEquals(List.of("user_id", "value"), source.schema().names());
    List<String> rows = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    for (Record r : source) {
      rows.add(r.getString("user_id") + "=" + r.getString("value"));
      origins.add(r.origin().toString());
    }
    assertEquals(List.of("u1=10", "u2=2,5", "u3=30"), rows);
    assertEquals(
        List.of("s3://events/csv/1.csv:2", "s3://events/csv/1.csv:3", "s3://events/csv/2.csv.gz:2"),
        origins);
  }

  @Test
  void objectsWithDifferentHeadersAreRefused() {
    put("events", "mixed/1.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    put("events", "mixed/2.csv", "a,c\n1,2\n".getBytes(StandardCharsets.UTF_8));
    S3Source source = S3Source.builder(s3).setBucket("events").setPrefix("mixed/").get();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> lines(source));
    assertTrue(e.getMessage().startsWith("s3://events/mixed/2.csv has schema"), e.getMessage());
  }
}
