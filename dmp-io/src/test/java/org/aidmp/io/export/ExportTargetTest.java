package org.aidmp.io.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aidmp.audience.Audience;
import org.aidmp.io.s3.S3ProxyFixture;
import org.aidmp.recommend.Recommendation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Exports to a real S3 server (S3Proxy in-process). */
class ExportTargetTest {
  private static S3ProxyFixture server;
  private static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyFixture();
    s3 = server.client();
    s3.createBucket(b -> b.bucket("exports"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static byte[] get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket("exports").key(key)).asByteArray();
  }

  @Test
  void smallExportGoesUpInOnePut() throws IOException {
    ExportTarget t = ExportTarget.s3(s3, "exports", "small/segments.csv");
    List<Audience> segs =
        List.of(
            Audience.of(
                "s", java.util.stream.IntStream.range(0, 100).mapToObj(i -> "u" + i).toList()));
    ExportReport r = AudienceExporter.DEFAULT.exportSegments(segs, t);
    assertEquals("s3://exports/small/segments.csv", r.target());
    String body = new String(get("small/segments.csv"), StandardCharsets.UTF_8);
    assertTrue(body.startsWith("segment,user_id\ns,u0\ns,u1\n"), body.substring(0, 30));
    assertEquals(101, body.split("\n").length);
  }

  @Test
  void largeExportIsUploadedInPartsAndArrivesWhole() throws IOException {
    Map<String, List<Recommendation>> recs = new LinkedHashMap<>();
    SplittableRandom r = new SplittableRandom(3);
    for (int u = 0; u < 40_000; u++) {
      Recommendation[] top = new Recommendation[10];
      for (int i = 0; i < top.length; i++) {
        top[i] = new Recommendation("item-" + r.nextInt(5000), (float) r.nextDouble(), List.of());
      }
      recs.put("user-" + u, List.of(top));
    }
    java.nio.file.Path local = java.nio.file.Files.createTempFile("recs", ".csv");
    try {
      AudienceExporter.DEFAULT.exportRecommendations(recs, ExportTarget.file(local));
      byte[] expected = java.nio.file.Files.readAllBytes(local);
      assertTrue(
          expected.length > 2 * S3UploadOutput.MIN_PART_BYTES,
          "test data must span several parts: " + expected.length);
      ExportTarget t =
          ExportTarget.s3(s3, "exports", "big/recs.csv", S3UploadOutput.MIN_PART_BYTES);
      AudienceExporter.DEFAULT.exportRecommendations(recs, t);
      assertArrayEquals(expected, get("big/recs.csv"));
    } finally {
      java.nio.file.Files.deleteIfExists(local);
    }
  }

  @Test
  void multipartUploadCountsItsParts() throws IOException {
    S3UploadOutput out =
        new S3UploadOutput(s3, "exports", "parts.bin", S3UploadOutput.MIN_PART_BYTES);
    byte[] chunk = new byte[1 << 20];
    new SplittableRandom(5).nextBytes(chunk);
    for (int i = 0; i < 12; i++) {
      out.write(chunk);
    }
    out.commit();
    assertEquals(3, out.partsUploaded());
    assertEquals(12 << 20, get("parts.bin").length);
  }

  @Test
  void abandonedUploadLeavesNoObject() throws IOException {
    S3UploadOutput out =
        new S3UploadOutput(s3, "exports", "abandoned.bin", S3UploadOutput.MIN_PART_BYTES);
    out.write(new byte[6 << 20]);
    assertEquals(1, out.partsUploaded());
    out.close();
    assertThrows(NoSuchKeyException.class, () -> get("abandoned.bin"));
    IOException e = assertThrows(IOException.class, () -> out.write(1));
    assertTrue(e.getMessage().contains("s3://exports/abandoned.bin"), e.getMessage());
  }

  @Test
  void refusedExportUploadsNothing() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            AudienceExporter.DEFAULT.exportSegments(
                List.of(Audience.of("tiny", List.of("u1"))),
                ExportTarget.s3(s3, "exports", "refused.csv")));
    assertThrows(NoSuchKeyException.class, () -> get("refused.csv"));
  }

  @Test
  void partSizeBelowTheS3MinimumIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ExportTarget.s3(s3, "exports", "k", 1024));
    assertTrue(e.getMessage().contains("(1024)"), e.getMessage());
  }

  @Test
  void failedFinalMoveLeavesNoTemporaryFileWithUserIds(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    // The target is a folder that is not empty: the rename onto it fails.
    java.nio.file.Path target = dir.resolve("audience.csv");
    java.nio.file.Files.createDirectories(target.resolve("blocker"));
    Map<String, List<Recommendation>> recs =
        Map.of("user-1", List.of(new Recommendation("item-1", 0.5f, List.of())));
    assertThrows(
        IOException.class,
        () -> AudienceExporter.DEFAULT.exportRecommendations(recs, ExportTarget.file(target)));
    try (var files = java.nio.file.Files.list(dir)) {
      assertEquals(List.of("audience.csv"), files.map(p -> p.getFileName().toString()).toList());
    }
  }
}
