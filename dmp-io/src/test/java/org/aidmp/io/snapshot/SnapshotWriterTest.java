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
    w.write("profiles", 1, out -> out.writeInt(1_000));
    SnapshotManifest m = w.commit();
    assertEquals(List.of("kmeans", "profiles"), List.copyOf(m.entries().keySet()));

    SnapshotReader r = SnapshotReader.open(dir.resolve("snap"));
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
  void commitRemovesPartsTheNewSnapshotDoesNotList() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("old", 1, out -> out.writeInt(1));
    w.commit();
    SnapshotWriter w2 = SnapshotWriter.create(dir);
    w2.write("new", 1, out -> out.writeInt(2));
    w2.commit();
    assertFalse(Files.exists(dir.resolve("old.dmps")));
    SnapshotReader r = SnapshotReader.open(dir);
    assertFalse(r.contains("old"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> r.read("old", DataInput::readInt));
    assertTrue(e.getMessage().contains("[new]"), e.getMessage());
  }

  @Test
  void interruptedSaveIsDetectedNotMixed() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("kmeans", 1, out -> out.writeInt(1));
    w.write("profiles", 1, out -> out.writeInt(1));
    w.commit();
    // A second save overwrites one part, then "crashes" before its commit.
    SnapshotWriter crashed = SnapshotWriter.update(dir);
    crashed.write("kmeans", 1, out -> out.writeInt(2));
    SnapshotReader r = SnapshotReader.open(dir);
    SnapshotFormatException e =
        assertThrows(SnapshotFormatException.class, () -> r.read("kmeans", DataInput::readInt));
    assertTrue(e.getMessage().contains("does not match the folder's manifest"), e.getMessage());
    assertEquals(1, r.read("profiles", DataInput::readInt));
  }

  @Test
  void folderWithoutManifestHasNoSnapshot() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("kmeans", 1, out -> out.writeInt(1));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SnapshotReader.open(dir));
    assertTrue(e.getMessage().contains("no save into this folder completed"), e.getMessage());
  }

  @Test
  void missingOrCorruptedPartIsReported() throws IOException {
    SnapshotWriter w = SnapshotWriter.create(dir);
    w.write("a", 1, out -> out.writeLong(5));
    w.write("b", 1, out -> out.writeLong(6));
    w.commit();
    Files.delete(dir.resolve("a.dmps"));
    byte[] b = Files.readAllBytes(dir.resolve("b.dmps"));
    b[b.length - 1] ^= 1;
    Files.write(dir.resolve("b.dmps"), b);
    SnapshotReader r = SnapshotReader.open(dir);
    SnapshotFormatException missing =
        assertThrows(SnapshotFormatException.class, () -> r.read("a", DataInput::readLong));
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    SnapshotFormatException corrupt = assertThrows(SnapshotFormatException.class, r::verify);
    assertTrue(corrupt.getMessage().contains("a.dmps") || corrupt.getMessage().contains("b.dmps"));
    SnapshotFormatException flipped =
        assertThrows(SnapshotFormatException.class, () -> r.read("b", DataInput::readLong));
    assertTrue(flipped.getMessage().contains("corrupted"), flipped.getMessage());
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
