package org.aidmp.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.io.files.FileReadLog;
import org.aidmp.io.files.InputFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The source as a whole under faults: a failed object is never counted as read. */
class S3SourceFaultTest {
  @Test
  void objectCutBeyondRepairFailsAndIsNotLogged() throws Exception {
    try (FaultyS3Stub stub = new FaultyS3Stub();
        S3Client s3 = stub.settings().newClient()) {
      stub.put("a.csv", "a1\na2\n".getBytes(StandardCharsets.UTF_8));
      stub.put("b.csv", "b1\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));
      stub.put("c.csv", "c1\n".getBytes(StandardCharsets.UTF_8));
      stub.on("b.csv").cutAfter = 5_000;
      stub.on("b.csv").cuts = 1_000;
      FileReadLog log = FileReadLog.inMemory();
      S3Source source =
          S3Source.builder(s3)
              .setBucket("bkt")
              .setFormat(new LineFormat())
              .setReadLog(log)
              .setMaxResumes(2)
              .get();
      List<String> got = new ArrayList<>();
      S3ObjectException e =
          assertThrows(
              S3ObjectException.class,
              () -> {
                try (CloseableIterator<Record> it = source.iterator()) {
                  while (it.hasNext()) {
                    got.add(it.next().getString(0));
                  }
                }
              });
      assertEquals("b.csv", e.key());
      assertTrue(e.getMessage().startsWith("s3://bkt/b.csv: truncated"), e.getMessage());
      // None of b's records reached the consumer, though its first 5,000 bytes parsed fine.
      assertEquals(List.of("a1", "a2"), got);
      assertEquals(List.of(), log.locations(), "nothing is done before an acknowledgement");
      assertEquals(List.of("a.csv"), log.unacknowledged().stream().map(InputFile::name).toList());
      log.acknowledge();
      assertEquals(List.of("s3://bkt/a.csv"), log.locations());

      // Once the store recovers, the same log resumes at b.csv: no object twice, none skipped.
      stub.on("b.csv").cuts = 0;
      List<String> rest = new ArrayList<>();
      for (Record r : source) {
        rest.add(r.getString(0));
      }
      assertEquals(20_001, rest.size());
      assertEquals("c1", rest.get(rest.size() - 1));
      log.acknowledge();
      assertEquals(List.of("s3://bkt/a.csv", "s3://bkt/b.csv", "s3://bkt/c.csv"), log.locations());
    }
  }

  private static List<String> drain(S3Source source) {
    List<String> got = new ArrayList<>();
    for (Record r : source) {
      got.add(r.getString(0));
    }
    return got;
  }

  @Test
  void quarantinePolicyLeavesABadObjectOutWholeAndGoesOn() throws Exception {
    try (FaultyS3Stub stub = new FaultyS3Stub();
        S3Client s3 = stub.settings().newClient()) {
      stub.put("a.csv", "a1\na2\n".getBytes(StandardCharsets.UTF_8));
      stub.put("b.csv", "b1\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));
      stub.put("c.csv", "c1\n".getBytes(StandardCharsets.UTF_8));
      stub.on("b.csv").cutAfter = 5_000;
      stub.on("b.csv").cuts = 1_000;
      Quarantine.InMemory q = Quarantine.inMemory();
      FileReadLog log = FileReadLog.inMemory();
      S3Source source =
          S3Source.builder(s3)
              .setBucket("bkt")
              .setFormat(new LineFormat())
              .setReadLog(log)
              .setMaxResumes(1)
              .setBadObjectPolicy(BadRecordPolicy.QUARANTINE)
              .setQuarantine(q)
              .get();
      assertEquals(List.of("a1", "a2", "c1"), drain(source));
      assertEquals(1, q.size());
      QuarantinedRecord bad = q.records().get(0);
      assertEquals("s3://bkt/b.csv", bad.source());
      assertEquals("s3-object", bad.rule());
      assertTrue(bad.reason().startsWith("truncated"), bad.reason());
      assertEquals(List.of(), bad.fields());
      S3ReadAccount a = source.account();
      assertEquals(new S3ReadAccount(3, 2, 1, 0, 0, 2, 3), a);
      assertTrue(a.balanced());
      // The bad object is not delivered: a later pass tries it again.
      assertEquals(
          List.of("a.csv", "c.csv"), log.unacknowledged().stream().map(InputFile::name).toList());

      S3Source skipping =
          S3Source.builder(s3)
              .setBucket("bkt")
              .setFormat(new LineFormat())
              .setMaxResumes(1)
              .setBadObjectPolicy(BadRecordPolicy.SKIP)
              .get();
      assertEquals(List.of("a1", "a2", "c1"), drain(skipping));
      assertEquals(new S3ReadAccount(3, 2, 0, 1, 0, 2, 3), skipping.account());
      IllegalStateException noQuarantine =
          assertThrows(
              IllegalStateException.class,
              () ->
                  S3Source.builder(s3)
                      .setBucket("bkt")
                      .setBadObjectPolicy(BadRecordPolicy.QUARANTINE)
                      .get());
      assertTrue(noQuarantine.getMessage().contains("setQuarantine"), noQuarantine.getMessage());
    }
  }

  @Test
  void bitFlippedInTransitIsCaughtByTheStoredChecksum() throws Exception {
    try (FaultyS3Stub stub = new FaultyS3Stub();
        S3Client s3 = stub.settings().newClient()) {
      stub.put("a.csv", "a1\na2\n".getBytes(StandardCharsets.UTF_8));
      stub.put("b.csv", "b1\nb2\nb3\n".getBytes(StandardCharsets.UTF_8));
      stub.on("a.csv").sendChecksum = true;
      stub.on("b.csv").sendChecksum = true;
      stub.on("b.csv").flipAt = 4; // "b2" becomes "b3": still a valid row
      S3Source failing = S3Source.builder(s3).setBucket("bkt").setFormat(new LineFormat()).get();
      List<String> got = new ArrayList<>();
      S3ObjectException e =
          assertThrows(
              S3ObjectException.class,
              () -> {
                for (Record r : failing) {
                  got.add(r.getString(0));
                }
              });
      assertEquals("b.csv", e.key());
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
      assertEquals(List.of("a1", "a2"), got, "no record of the flipped object is delivered");

      Quarantine.InMemory q = Quarantine.inMemory();
      S3Source lenient =
          S3Source.builder(s3)
              .setBucket("bkt")
              .setFormat(new LineFormat())
              .setBadObjectPolicy(BadRecordPolicy.QUARANTINE)
              .setQuarantine(q)
              .get();
      assertEquals(List.of("a1", "a2"), drain(lenient));
      assertTrue(q.records().get(0).reason().startsWith("checksum mismatch"));
      assertEquals(new S3ReadAccount(2, 1, 1, 0, 1, 0, 2), lenient.account());

      // Without the flip the same object passes, and is counted as validated.
      stub.on("b.csv").flipAt = -1;
      assertEquals(List.of("a1", "a2", "b1", "b2", "b3"), drain(failing));
      assertEquals(new S3ReadAccount(2, 2, 0, 0, 2, 0, 5), failing.account());
      assertTrue(
          stub.requests.stream().noneMatch(r -> r.contains("bytes=")),
          "a checksum mismatch is never resumed past: " + stub.requests);
    }
  }

  @Test
  void slowDownDuringIngestIsAbsorbedByRetries() throws Exception {
    try (FaultyS3Stub stub = new FaultyS3Stub();
        S3Client s3 = stub.settings().newClient()) {
      stub.put("x.csv", "x1\nx2\n".getBytes(StandardCharsets.UTF_8));
      stub.on("x.csv").slowDowns = 2;
      S3Source source = S3Source.builder(s3).setBucket("bkt").setFormat(new LineFormat()).get();
      List<String> got = new ArrayList<>();
      source.forEach(r -> got.add(r.getString(0)));
      assertEquals(List.of("x1", "x2"), got);
    }
  }
}
