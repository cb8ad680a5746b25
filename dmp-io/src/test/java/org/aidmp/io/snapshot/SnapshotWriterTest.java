package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {
  @TempDir Path dir;

  @Test
  void partsAreListedInTheManifestAndReadBack() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir.resolve("snap"));
    w.write("kmeans", 3, out -> out.writeUTF("centroids"));
    assertEquals(4, w.write("profiles", 1, out -> out.writeInt(1_000)));
    assertEquals(List.of("kmeans", "profiles"), w.commit());

    SnapshotReader r = SnapshotReader.open(dir.resolve("snap"));
    assertEquals(List.of("kmeans", "profiles"), r.parts());
    assertEquals("centroids", r.read("kmeans", DataInput::readUTF));
    assertEquals(1_000, r.read("profiles", DataInput::readInt));
    assertEquals(3, r.payloadVersion("kmeans"));
    r.verify();
  }

  @Test
  void staticShortcutsUpdateOnePart() throws IOException {
    SnapshotWriter.write(dir, "a", out -> out.writeInt(1));
    SnapshotWriter.write(dir, "b", out -> out.writeInt(2));
    SnapshotWriter.write(dir, "a", out -> out.writeInt(3));
    assertEquals(3, SnapshotReader.read(dir, "a", DataInput::readInt));
    assertEquals(2, SnapshotReader.read(dir, "b", DataInput::readInt));
  }

  @Test
  void createStartsAGenerationWithoutTheOldParts() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("old", 1, out -> out.writeInt(1));
    w.commit();
    SnapshotWriter w2 = SnapshotWriter.create(dir);
    w2.write("new", 1, out -> out.writeInt(2));
    w2.commit();
    SnapshotReader r = SnapshotReader.open(dir);
    assertEquals(2, r.generation());
    assertFalse(Files.exists(r.generationFolder().resolve("old.dmps")));
    assertFalse(r.contains("old"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.read("old", DataInput::readInt));
    assertTrue(e.getMessage().contains("[new]"), e.getMessage());
    // The generation before stays loadable until it falls out of the kept count.
    assertEquals(1, SnapshotReader.open(dir, 1).read("old", DataInput::readInt));
  }

  @Test
  void interruptedSaveLeavesThePreviousGenerationWhole() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("kmeans", 1, out -> out.writeInt(1));
    w.write("profiles", 1, out -> out.writeInt(1));
    w.commit();
    // A second save replaces one part, then stops before its commit (as a crash would).
    SnapshotWriter crashed = SnapshotWriter.update(dir);
    crashed.write("kmeans", 1, out -> out.writeInt(2));
    SnapshotReader r = SnapshotReader.open(dir);
    assertEquals(1, r.generation());
    assertEquals(1, r.read("kmeans", DataInput::readInt));
    assertEquals(1, r.read("profiles", DataInput::readInt));
    r.verify();
    crashed.close();
    assertFalse(Files.exists(dir.resolve(Generations.name(2))), "abandoned generation removed");
    SnapshotWriter.write(dir, "kmeans", out -> out.writeInt(3));
    SnapshotReader after = SnapshotReader.open(dir);
    assertEquals(3, after.read("kmeans", DataInput::readInt));
    assertEquals(1, after.read("profiles", DataInput::readInt), "update keeps unwritten parts");
  }

  @Test
  void secondWriterOnOneFolderIsRefused() throws IOException {
    try (SnapshotWriter first = SnapshotWriter.create(dir)) {
      IOException e = assertThrows(IOException.class, () -> SnapshotWriter.create(dir));
      assertTrue(e.getMessage().contains("another snapshot writer"), e.getMessage());
      first.write("a", 1, out -> out.writeInt(1));
    }
    SnapshotWriter.write(dir, "a", out -> out.writeInt(2));
    assertEquals(2, SnapshotReader.read(dir, "a", DataInput::readInt));
  }

  @Test
  void oldGenerationsArePrunedToTheKeptCount() throws IOException {
    for (int i = 1; i <= 6; i++) {
      int v = i;
      try (SnapshotWriter w = SnapshotWriter.builder(dir).setKeptGenerations(3).update()) {
        w.write("a", 1, out -> out.writeInt(v));
        w.commit();
      }
    }
    assertEquals(List.of(4L, 5L, 6L), SnapshotReader.generations(dir));
    assertEquals(4, SnapshotReader.open(dir, 4).read("a", DataInput::readInt));
    assertEquals(6, SnapshotReader.read(dir, "a", DataInput::readInt));
    assertThrows(NoSuchFileException.class, () -> SnapshotReader.open(dir, 3));
    assertThrows(NoSuchFileException.class, () -> SnapshotReader.open(dir, 7));
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnapshotWriter.builder(dir).setKeptGenerations(0));
    assertTrue(bad.getMessage().contains("keptGenerations (0)"), bad.getMessage());
  }

  @Test
  void crashLeftoversAreSweptOnTheNextOpen() throws IOException {
    SnapshotWriter.write(dir, "a", out -> out.writeInt(1));
    // What a killed save leaves: a half-written generation with a temporary part, and a temporary
    // pointer file.
    Path orphan = Files.createDirectory(dir.resolve(Generations.name(2)));
    Files.write(orphan.resolve(".a.dmps.123.tmp"), new byte[] {1, 2, 3});
    Files.write(dir.resolve(".CURRENT.456.tmp"), new byte[] {4});
    Files.write(dir.resolve(Generations.name(1)).resolve(".b.dmps.789.tmp"), new byte[] {5});
    assertEquals(1, SnapshotReader.read(dir, "a", DataInput::readInt));
    assertFalse(Files.exists(orphan));
    try (var s = Files.walk(dir)) {
      assertEquals(
          List.of(), s.filter(p -> Generations.isTemporary(p.getFileName().toString())).toList());
    }
  }

  @Test
  void forceFailureInTheNewGenerationFailsTheSaveAndKeepsThePreviousOne() throws IOException {
    SnapshotWriter.write(dir, "a", out -> out.writeInt(1));
    IOConsumer<Path> real = SnapshotFile.folderForcer;
    SnapshotFile.folderForcer =
        p -> {
          if (!p.toAbsolutePath().equals(dir.toAbsolutePath())) {
            throw new IOException("simulated fsync failure");
          }
          real.accept(p);
        };
    try (SnapshotWriter w = SnapshotWriter.update(dir)) {
      IOException e =
          assertThrows(IOException.class, () -> w.write("a", 1, out -> out.writeInt(2)));
      assertEquals("simulated fsync failure", e.getMessage());
    } finally {
      SnapshotFile.folderForcer = real;
    }
    SnapshotReader r = SnapshotReader.open(dir);
    assertEquals(1, r.generation());
    assertEquals(1, r.read("a", DataInput::readInt));
  }

  @Test
  void forceFailureOfThePointerFailsTheCommit() throws IOException {
    SnapshotWriter.write(dir, "a", out -> out.writeInt(1));
    IOConsumer<Path> real = SnapshotFile.folderForcer;
    try (SnapshotWriter w = SnapshotWriter.update(dir)) {
      w.write("a", 1, out -> out.writeInt(2));
      SnapshotFile.folderForcer =
          p -> {
            if (p.toAbsolutePath().equals(dir.toAbsolutePath())) {
              throw new IOException("simulated fsync failure");
            }
            real.accept(p);
          };
      IOException e = assertThrows(IOException.class, w::commit);
      assertEquals("simulated fsync failure", e.getMessage());
    } finally {
      SnapshotFile.folderForcer = real;
    }
    // The rename happened before the failed force: the generation it names must still be whole.
    SnapshotReader r = SnapshotReader.open(dir);
    r.verify();
    assertEquals((int) r.generation(), r.read("a", DataInput::readInt));
  }

  @Test
  void flatLayoutOfEarlierVersionsIsReadAndReplacedOnTheNextSave() throws IOException {
    SnapshotFile.write(dir.resolve("a.dmps"), 1, out -> out.writeInt(7));
    SnapshotFile.Header h = SnapshotFile.readHeader(dir.resolve("a.dmps"));
    SnapshotFile.write(
        dir.resolve(SnapshotManifest.FILE_NAME),
        SnapshotManifest.FORMAT_VERSION,
        new SnapshotManifest(java.util.Map.of("a", h), 0L)::write);
    SnapshotReader legacy = SnapshotReader.open(dir);
    assertEquals(0, legacy.generation());
    assertEquals(7, legacy.read("a", DataInput::readInt));
    SnapshotWriter.write(dir, "b", out -> out.writeInt(8));
    SnapshotReader r = SnapshotReader.open(dir);
    assertEquals(1, r.generation());
    assertEquals(7, r.read("a", DataInput::readInt));
    assertEquals(8, r.read("b", DataInput::readInt));
    assertFalse(Files.exists(dir.resolve("a.dmps")));
  }

  @Test
  void namesThatCouldLeaveTheFolderAreRefused() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    for (String bad :
        new String[] {
          "../x",
          "/abs",
          "a/b",
          "a\\b",
          "..",
          ".",
          "",
          "MANIFEST",
          "x\u0000",
          "a".repeat(65),
          "trailing."
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> w.write(bad, 1, out -> {}),
              "accepted name " + bad);
      assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
    }
  }

  @Test
  void writerCannotBeUsedAfterCommit() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.commit();
    assertThrows(IllegalStateException.class, () -> w.write("a", 1, out -> {}));
    assertThrows(IllegalStateException.class, w::commit);
  }
}
