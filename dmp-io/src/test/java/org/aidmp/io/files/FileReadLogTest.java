package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadLogTest {
  @TempDir Path dir;

  @Test
  void recordedFilesSurviveReopeningAndOddNamesRoundTrip() throws IOException {
    Path logFile = dir.resolve("read.log");
    FileRef a = new FileRef(dir.resolve("tab\there é.csv").toString(), 10, "1000");
    FileRef b = new FileRef(dir.resolve("b.csv").toString(), 20, "2000");
    FileRef object = new FileRef("s3://events/2011/01 %/a.csv", 30, "\"9b2c-1\"");
    try (FileReadLog log = FileReadLog.open(logFile)) {
      log.markDone(a);
      log.markDone(b);
      log.markDone(a);
      log.markDone(object);
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertEquals(List.of(a, b, object), log.files());
      assertTrue(log.contains(a));
      assertTrue(log.contains(object));
      assertFalse(log.contains(new FileRef(b.location(), 21, "2000")), "a rewritten file is new");
      assertFalse(
          log.contains(new FileRef(object.location(), 30, "\"77aa\"")), "a rewritten object too");
    }
  }

  @Test
  void aLineCutShortByACrashIsIgnoredAndOverwritten() throws IOException {
    Path logFile = dir.resolve("read.log");
    FileRef a = new FileRef(dir.resolve("a.csv").toString(), 1, "1");
    try (FileReadLog log = FileReadLog.open(logFile)) {
      log.markDone(a);
    }
    Files.writeString(logFile, "%2Ftmp%2Fhalf", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    FileRef b = new FileRef(dir.resolve("b.csv").toString(), 2, "2");
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertEquals(List.of(a), log.files());
      log.markDone(b);
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertEquals(List.of(a, b), log.files());
    }
  }

  @Test
  void aLogWrittenBeforeObjectsWereSupportedStillMatchesItsFiles() throws IOException {
    // lines then held the percent-encoded path, the size and the modification time in millis
    Path f = dir.resolve("day 1.csv");
    Files.writeString(f, "id\n1\n");
    FileRef now = FileRef.of(f);
    Path logFile = dir.resolve("read.log");
    Files.writeString(
        logFile,
        java.net.URLEncoder.encode(f.toAbsolutePath().toString(), StandardCharsets.UTF_8)
            + "\t"
            + Files.size(f)
            + "\t"
            + Files.getLastModifiedTime(f).toMillis()
            + "\n");
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertTrue(log.contains(now));
    }
  }

  @Test
  void aFileThatIsNotALogIsRefusedWithItsLine() throws IOException {
    Path logFile = dir.resolve("other.txt");
    Files.writeString(logFile, "hello\n");
    IOException e = assertThrows(IOException.class, () -> FileReadLog.open(logFile));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void inMemoryLogKeepsNothingOnDisk() {
    FileReadLog log = FileReadLog.inMemory();
    FileRef a = new FileRef(dir.resolve("a").toString(), 0, "0");
    log.markDone(a);
    assertTrue(log.contains(a));
    assertEquals("FileReadLog[memory, 1 files]", log.toString());
  }

  /** An object as a listing gives it; the log never opens it. */
  private record Listed(String location, long size, String version) implements InputFile {
    @Override
    public String name() {
      return location.substring(location.lastIndexOf('/') + 1);
    }

    @Override
    public InputStream open() {
      throw new UnsupportedOperationException("the log never reads a file");
    }
  }

  @Test
  void objectsWithAwkwardKeysSurviveReopening() throws IOException {
    Path f = dir.resolve("read.log");
    Listed a = new Listed("s3://b/key with\ttab\nand newline", 10, "\"e1\"");
    Listed c = new Listed("s3://b/plain.csv", 20, "");
    try (FileReadLog log = FileReadLog.open(f)) {
      log.markDone(a);
      log.markDone(c);
      log.markDone(a);
    }
    try (FileReadLog again = FileReadLog.open(f)) {
      assertEquals(List.of(a.location(), c.location()), again.locations());
      assertTrue(again.contains(a));
      assertFalse(again.contains(new Listed("s3://b/plain.csv", 20, "\"changed\"")));
    }
  }

  @Test
  void aLogOfTheEarlierS3LayoutStillMatchesItsObjects() throws IOException {
    // lines then held the bucket, the percent-encoded key, the size and the entity tag
    Path f = dir.resolve("s3.log");
    Files.writeString(f, "b\tday+1%2Fa.csv\t10\t%22e1%22\nb\tplain.csv\t20\t\nb\ttw");
    try (FileReadLog log = FileReadLog.open(f)) {
      assertEquals(List.of("s3://b/day 1/a.csv", "s3://b/plain.csv"), log.locations());
      assertTrue(log.contains(new Listed("s3://b/day 1/a.csv", 10, "\"e1\"")));
      assertTrue(log.contains(new Listed("s3://b/plain.csv", 20, "")));
      log.markDone(new Listed("s3://b/two.csv", 2, "e"));
    }
    try (FileReadLog log = FileReadLog.open(f)) {
      assertEquals(3, log.size(), "the line cut by a crash was dropped and overwritten");
    }
  }

  @Test
  void deliveredFilesReachTheLogFileOnlyWhenAcknowledged() throws IOException {
    Path f = dir.resolve("ack.log");
    Listed a = new Listed("s3://b/a.csv", 1, "e1");
    Listed c = new Listed("s3://b/c.csv", 2, "e2");
    FileReadLog log = FileReadLog.open(f);
    log.markDelivered(a);
    assertTrue(log.contains(a), "a delivered file is not read again by this process");
    assertFalse(log.isDone(a));
    assertEquals(0, Files.size(f), "nothing written before the acknowledgement");
    assertEquals(List.of(), FileReadLog.open(f).locations(), "a crash here forgets the file");
    assertEquals(List.of(a), log.unacknowledged());
    assertEquals(List.of(a), log.acknowledge());
    assertTrue(log.isDone(a));
    log.markDelivered(c);
    log.close();
    try (FileReadLog again = FileReadLog.open(f)) {
      assertEquals(List.of(a.location()), again.locations());
      assertFalse(again.contains(c), "delivered but unacknowledged: read again after a restart");
      assertEquals(List.of(), again.acknowledge());
    }
  }
}
