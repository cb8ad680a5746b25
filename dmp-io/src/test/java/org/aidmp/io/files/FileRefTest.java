package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRefTest {
  @TempDir Path dir;

  @Test
  void takesSizeAndModificationTimeFromDisk() throws IOException {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "abc");
    Files.setLastModifiedTime(f, FileTime.fromMillis(5000));
    FileRef r = FileRef.of(f);
    assertEquals(new FileRef(f.toAbsolutePath().toString(), 3, "5000"), r);
    Files.writeString(f, "abcd");
    assertNotEquals(r, FileRef.of(f));
  }

  @Test
  void pathsAreAbsoluteAndNormalised() throws IOException {
    Files.createDirectories(dir.resolve("x"));
    Files.writeString(dir.resolve("a"), "z");
    assertEquals(
        dir.resolve("a").toAbsolutePath().toString(), FileRef.of(dir.resolve("x/../a")).location());
  }

  @Test
  void badValuesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FileRef("", 1, "1"));
    assertThrows(IllegalArgumentException.class, () -> new FileRef("a", -1, "1"));
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("missing");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FileRef.of(missing));
    assertTrue(e.getMessage().contains(missing.toString()));
  }
}
