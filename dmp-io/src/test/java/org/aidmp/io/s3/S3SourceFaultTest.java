package org.aidmp.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
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
      S3ReadLog log = S3ReadLog.inMemory();
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
      assertEquals(List.of("a.csv"), log.objects().stream().map(S3ObjectRef::key).toList());

      // Once the store recovers, the same log resumes at b.csv: no object twice, none skipped.
      stub.on("b.csv").cuts = 0;
      List<String> rest = new ArrayList<>();
      for (Record r : source) {
        rest.add(r.getString(0));
      }
      assertEquals(20_001, rest.size());
      assertEquals("c1", rest.get(rest.size() - 1));
      assertEquals(
          List.of("a.csv", "b.csv", "c.csv"),
          log.objects().stream().map(S3ObjectRef::key).toList());
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
