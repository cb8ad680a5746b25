package org.aidmp.io.s3;

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

class S3ReadLogTest {
  @TempDir Path dir;

  @Test
  void fileLogSurvivesReopenWithAwkwardKeys() throws IOException {
    Path f = dir.resolve("read.log");
    S3ObjectRef a = new S3ObjectRef("b", "key with\ttab\nand newline", 10, "\"e1\"");
    S3ObjectRef c = new S3ObjectRef("b", "plain.csv", 20, null);
    S3ReadLog log = S3ReadLog.open(f);
    log.markRead(a);
    log.markRead(c);
    log.markRead(a);
    log.close();
    S3ReadLog again = S3ReadLog.open(f);
    assertEquals(List.of(a, c), again.objects());
    assertTrue(again.contains(a));
    assertFalse(again.contains(new S3ObjectRef("b", "plain.csv", 20, "\"changed\"")));
    again.close();
  }

  @Test
  void lineCutByACrashIsIgnoredAndOverwritten() throws IOException {
    Path f = dir.resolve("read.log");
    S3ReadLog log = S3ReadLog.open(f);
    log.markRead(new S3ObjectRef("b", "one", 1, "e"));
    log.close();
    Files.writeString(f, "b\ttw", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    S3ReadLog again = S3ReadLog.open(f);
    assertEquals(1, again.objects().size());
    again.markRead(new S3ObjectRef("b", "two", 2, "e"));
    again.close();
    assertEquals(
        List.of("one", "two"), S3ReadLog.open(f).objects().stream().map(S3ObjectRef::key).toList());
  }

  @Test
  void foreignFileIsRefused() throws IOException {
    Path f = dir.resolve("notes.txt");
    Files.writeString(f, "hello world\n");
    IOException e = assertThrows(IOException.class, () -> S3ReadLog.open(f));
    assertTrue(e.getMessage().contains("not an S3 read log"), e.getMessage());
  }

  @Test
  void deliveredObjectsReachTheFileOnlyWhenAcknowledged() throws IOException {
    Path f = dir.resolve("ack.log");
    S3ObjectRef a = new S3ObjectRef("b", "a.csv", 1, "e1");
    S3ObjectRef c = new S3ObjectRef("b", "c.csv", 2, "e2");
    S3ReadLog log = S3ReadLog.open(f);
    log.markDelivered(a);
    assertTrue(log.contains(a), "a delivered object is not read again by this process");
    assertFalse(log.isAcknowledged(a));
    assertEquals(0, java.nio.file.Files.size(f), "nothing written before the acknowledgement");
    assertEquals(List.of(), S3ReadLog.open(f).objects(), "a crash here forgets the object");
    assertEquals(List.of(a), log.acknowledge());
    log.markDelivered(c);
    log.close();
    S3ReadLog again = S3ReadLog.open(f);
    assertEquals(List.of(a), again.objects());
    assertFalse(again.contains(c), "delivered but unacknowledged: read again after a restart");
    assertEquals(List.of(), again.acknowledge());
  }
}
