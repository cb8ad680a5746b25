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
    FileRef a = new FileRef(dir.resolve("tab\there é.csv"), 10, 1000);
    FileRef b = new FileRef(dir.resolve("b.csv"), 20, 2000);
    try (FileReadLog log = FileReadLog.open(logFile)) {
      log.markDone(a);
      log.markDone(b);
      log.markDone(a);
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertEquals(List.of(a, b), log.files());
      assertTrue(log.contains(a));
      assertFalse(log.contains(new FileRef(b.path(), 21, 2000)), "a rewritten file is new");
    }
  }

  @Test
  void aLineCutShortByACrashIsIgnoredAndOverwritten() throws IOException {
    Path logFile = dir.resolve("read.log");
    FileRef a = new FileRef(dir.resolve("a.csv"), 1, 1);
    try (FileReadLog log = FileReadLog.open(logFile)) {
      log.markDone(a);
    }
    Files.writeString(logFile, "%2Ftmp%2Fhalf", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    FileRef b = new FileRef(dir.resolve("b.csv"), 2, 2);
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertEquals(List.of(a), log.files());
      log.markDone(b);
    }
    try (FileReadLog log = FileReadLog.open(logFile)) {
      assertEquals(List.of(a, b), log.files());
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
    FileRef a = new FileRef(dir.resolve("a"), 0, 0);
    log.markDone(a);
    assertTrue(log.contains(a));
    assertEquals("FileReadLog[memory, 1 files]", log.toString());
  }
}
