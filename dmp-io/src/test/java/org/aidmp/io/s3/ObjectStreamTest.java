package org.aidmp.io.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.aidmp.io.csv.Compression;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** Faults a real S3 server cannot inject, against the loopback stub. */
class ObjectStreamTest {
  private static FaultyS3Stub stub;
  private static S3Client s3;

  @BeforeAll
  static void start() throws IOException {
    stub = new FaultyS3Stub();
    s3 = stub.settings().newClient();
  }

  @AfterAll
  static void stop() {
    s3.close();
    stub.close();
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(plain);
    }
    return bos.toByteArray();
  }

  private static byte[] readAll(String key, Compression c, double ratio, int resumes)
      throws IOException {
    try (ObjectStream in = ObjectStream.open(s3, "bkt", key, c, ratio, resumes)) {
      byte[] all = in.readAllBytes();
      in.finish();
      return all;
    }
  }

  private long requestsFor(String key) {
    return stub.requests.stream().filter(r -> r.contains("/bkt/" + key)).count();
  }

  @Test
  void slowDownTwiceThenSuccessIsRetriedBySdk() throws IOException {
    byte[] body = randomBytes(10_000, 1);
    stub.put("slow.bin", body);
    stub.on("slow.bin").slowDowns = 2;
    assertArrayEquals(body, readAll("slow.bin", Compression.NONE, 100, 3));
    assertEquals(3, requestsFor("slow.bin"));
  }

  @Test
  void bodyCutShortIsResumedWithRangedGet() throws IOException {
    byte[] body = randomBytes(300_000, 2);
    stub.put("cut.bin", body);
    stub.on("cut.bin").cutAfter = 100_000;
    stub.on("cut.bin").cuts = 2;
    try (ObjectStream in = ObjectStream.open(s3, "bkt", "cut.bin", Compression.NONE, 100, 3)) {
      assertArrayEquals(body, in.readAllBytes());
      assertEquals(0, in.finish());
      assertEquals(2, in.resumes());
    }
    List<String> ranged =
        stub.requests.stream()
            .filter(r -> r.contains("/bkt/cut.bin") && r.contains("bytes="))
            .toList();
    assertEquals(
        List.of("GET /bkt/cut.bin bytes=100000-", "GET /bkt/cut.bin bytes=200000-"), ranged);
  }

  @Test
  void cutGzipIsResumedAndDecodedWhole() throws IOException {
    byte[] plain = "user,item\n".repeat(50_000).getBytes();
    byte[] gz = gzip(plain);
    stub.put("cut.csv.gz", gz);
    stub.on("cut.csv.gz").cutAfter = gz.length / 3;
    stub.on("cut.csv.gz").cuts = 1;
    assertArrayEquals(plain, readAll("cut.csv.gz", Compression.AUTO, 1000, 3));
  }

  @Test
  void serverThatIgnoresRangeIsStillResumedCorrectly() throws IOException {
    byte[] body = randomBytes(200_000, 3);
    stub.put("norange.bin", body);
    stub.on("norange.bin").cutAfter = 50_000;
    stub.on("norange.bin").cuts = 1;
    stub.on("norange.bin").ignoreRange = true;
    assertArrayEquals(body, readAll("norange.bin", Compression.NONE, 100, 3));
  }

  @Test
  void bodyCutEveryTimeFailsAsTruncatedNamingBucketAndKey() throws IOException {
    byte[] body = randomBytes(100_000, 4);
    stub.put("always-cut.bin", body);
    stub.on("always-cut.bin").cutAfter = 10_000;
    stub.on("always-cut.bin").cuts = 100;
    IOException e =
        assertThrows(IOException.class, () -> readAll("always-cut.bin", Compression.NONE, 100, 2));
    assertTrue(e.getMessage().startsWith("s3://bkt/always-cut.bin: truncated"), e.getMessage());
    assertTrue(e.getMessage().contains("of 100000 bytes"), e.getMessage());
  }

  @Test
  void withoutResumesACutFailsAtOnce() throws IOException {
    stub.put("once.bin", randomBytes(50_000, 5));
    stub.on("once.bin").cutAfter = 1_000;
    stub.on("once.bin").cuts = 1;
    IOException e =
        assertThrows(IOException.class, () -> readAll("once.bin", Compression.NONE, 100, 0));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertEquals(1, requestsFor("once.bin"));
  }

  @Test
  void objectReplacedDuringResumeFails() throws IOException {
    stub.put("moving.bin", randomBytes(100_000, 6));
    stub.on("moving.bin").cutAfter = 10_000;
    stub.on("moving.bin").cuts = 1;
    try (ObjectStream in = ObjectStream.open(s3, "bkt", "moving.bin", Compression.NONE, 100, 3)) {
      byte[] first = new byte[5_000];
      assertEquals(5_000, in.readNBytes(first, 0, 5_000));
      stub.put("moving.bin", randomBytes(100_000, 7));
      IOException e = assertThrows(IOException.class, in::readAllBytes);
      assertTrue(e.getMessage().contains("changed while it was being read"), e.getMessage());
    }
  }

  @Test
  void truncatedGzipIsReportedAsTruncated() throws IOException {
    byte[] gz = gzip(randomBytes(100_000, 8));
    stub.put("trunc.csv.gz", Arrays.copyOf(gz, gz.length / 2));
    IOException e =
        assertThrows(IOException.class, () -> readAll("trunc.csv.gz", Compression.AUTO, 100, 3));
    assertTrue(e.getMessage().startsWith("s3://bkt/trunc.csv.gz: truncated gzip"), e.getMessage());
  }

  @Test
  void gzipMissingOnlyItsTrailerIsTruncated() throws IOException {
    byte[] gz = gzip("a,b\n".repeat(1000).getBytes());
    stub.put("notrailer.gz", Arrays.copyOf(gz, gz.length - 4));
    IOException e =
        assertThrows(IOException.class, () -> readAll("notrailer.gz", Compression.AUTO, 100, 3));
    assertTrue(e.getMessage().contains("truncated gzip"), e.getMessage());
  }

  @Test
  void gzipBombIsStoppedAtTheExpansionCap() throws IOException {
    byte[] gz = gzip(new byte[20 << 20]);
    stub.put("bomb.gz", gz);
    IOException e =
        assertThrows(IOException.class, () -> readAll("bomb.gz", Compression.AUTO, 10, 3));
    assertTrue(e.getMessage().contains("decompression bomb"), e.getMessage());
    // The same object passes with a ratio that admits it.
    assertEquals(20 << 20, readAll("bomb.gz", Compression.AUTO, 2000, 3).length);
  }

  @Test
  void plainBytesUnderGzipSettingAreRejectedClearly() throws IOException {
    stub.put("plain.csv", "not gzip at all\n".getBytes());
    IOException e =
        assertThrows(IOException.class, () -> readAll("plain.csv", Compression.GZIP, 100, 3));
    assertTrue(e.getMessage().contains("not valid gzip"), e.getMessage());
  }

  @Test
  void missingObjectNamesBucketAndKey() {
    IOException e =
        assertThrows(IOException.class, () -> readAll("nope.csv", Compression.NONE, 100, 3));
    assertTrue(
        e.getMessage().startsWith("s3://bkt/nope.csv: GET failed: HTTP 404"), e.getMessage());
  }

  @Test
  void unfinishedStreamIsNotComplete() throws IOException {
    stub.put("half.bin", randomBytes(10_000, 9));
    try (InputStream in = ObjectStream.open(s3, "bkt", "half.bin", Compression.NONE, 100, 3)) {
      in.readNBytes(100);
      assertFalse(((ObjectStream) in).storedBytesRead() == 10_000);
    }
  }

  @Test
  void closeReleasesTheGzipDecoder() throws IOException {
    stub.put("closed.gz", gzip(randomBytes(100_000, 8)));
    ObjectStream in = ObjectStream.open(s3, "bkt", "closed.gz", Compression.AUTO, 100, 3);
    assertTrue(in.decoder() instanceof java.util.zip.GZIPInputStream);
    assertEquals(4096, in.readNBytes(4096).length);
    in.close();
    // A closed GZIPInputStream has ended its native inflater and refuses to read.
    IOException e = assertThrows(IOException.class, () -> in.decoder().read());
    assertEquals("Stream closed", e.getMessage());
  }
}
