package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionSnapshotsTest {
  @Test
  void savesNumberedGenerationsAndLoadsTheNewest(@TempDir Path dir) {
    PartitionSnapshots s = PartitionSnapshots.in(dir);
    assertTrue(s.load("events", 0).isEmpty());
    assertEquals(1, s.save("events", 0, new byte[] {1}));
    assertEquals(2, s.save("events", 0, new byte[] {2}));
    assertEquals(3, s.save("events", 0, new byte[] {3, 3}));
    PartitionSnapshots.Generation g = s.load("events", 0).orElseThrow();
    assertEquals(3, g.number());
    assertArrayEquals(new byte[] {3, 3}, g.payload());
    assertTrue(s.load("events", 1).isEmpty(), "partitions are separate");
  }

  @Test
  void keepsTwoGenerationsAndNoTemporaryFiles(@TempDir Path dir) throws IOException {
    PartitionSnapshots s = PartitionSnapshots.in(dir);
    for (int i = 0; i < 5; i++) {
      s.save("events", 2, new byte[] {(byte) i});
    }
    try (Stream<Path> files = Files.list(dir.resolve("events-2"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("0000000000000000004.gen", "0000000000000000005.gen"), names);
    }
  }

  @Test
  void aCorruptGenerationFallsBackToThePreviousOne(@TempDir Path dir) throws IOException {
    PartitionSnapshots s = PartitionSnapshots.in(dir);
    s.save("events", 0, new byte[] {1, 1, 1});
    s.save("events", 0, new byte[] {2, 2, 2});
    Path newest = dir.resolve("events-0").resolve("0000000000000000002.gen");
    byte[] b = Files.readAllBytes(newest);
    b[21] ^= 0x40;
    Files.write(newest, b);
    PartitionSnapshots.Generation g = PartitionSnapshots.in(dir).load("events", 0).orElseThrow();
    assertEquals(1, g.number());
    assertArrayEquals(new byte[] {1, 1, 1}, g.payload());
  }

  @Test
  void aTruncatedGenerationIsSkipped(@TempDir Path dir) throws IOException {
    PartitionSnapshots s = PartitionSnapshots.in(dir);
    s.save("events", 0, new byte[] {1});
    s.save("events", 0, new byte[100]);
    Path newest = dir.resolve("events-0").resolve("0000000000000000002.gen");
    Files.write(newest, java.util.Arrays.copyOf(Files.readAllBytes(newest), 50));
    assertEquals(1, PartitionSnapshots.in(dir).load("events", 0).orElseThrow().number());
  }

  /** Two writers of one partition (a zombie and the new owner) cannot both commit a generation. */
  @Test
  void aSecondWriterOfTheSameGenerationIsRefused(@TempDir Path dir) {
    PartitionSnapshots owner = PartitionSnapshots.in(dir);
    PartitionSnapshots zombie = PartitionSnapshots.in(dir);
    owner.save("events", 0, new byte[] {1});
    zombie.load("events", 0);
    owner.save("events", 0, new byte[] {2});
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> zombie.save("events", 0, new byte[] {9}));
    assertTrue(e.getMessage().contains("no longer owns"), e.getMessage());
    assertArrayEquals(new byte[] {2}, owner.load("events", 0).orElseThrow().payload());
  }

  @Test
  void rejectsTopicNamesThatAreNotKafkaNames(@TempDir Path dir) {
    PartitionSnapshots s = PartitionSnapshots.in(dir);
    assertThrows(IllegalArgumentException.class, () -> s.save("../x", 0, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> s.save("events", -1, new byte[1]));
  }
}
