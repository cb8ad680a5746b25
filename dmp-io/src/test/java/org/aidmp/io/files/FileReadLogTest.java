package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
}
