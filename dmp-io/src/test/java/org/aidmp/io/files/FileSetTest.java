package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSetTest {
  @TempDir Path dir;

  private void touch(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "x");
  }

  @Test
  void folderListsRegularFilesSortedLeavingOutHiddenOnesAndSubFolders() throws IOException {
    touch("b.csv");
    touch("a.csv");
    touch("c.txt");
    touch(".hidden.csv");
    touch("sub/d.csv");
    assertEquals(
        List.of(dir.resolve("a.csv"), dir.resolve("b.csv"), dir.resolve("c.txt")),
        FileSet.folder(dir).resolve());
  }

  @Test
  void globMatchesRelativePathsAndCrossesLevelsOnlyWithDoubleStar() throws IOException {
    touch("2011-01-02.csv");
    touch("2011-01-01.csv");
    touch("2012-01-01.csv");
    touch("x/2011-05-05.csv");
    assertEquals(
        List.of(dir.resolve("2011-01-01.csv"), dir.resolve("2011-01-02.csv")),
        FileSet.glob(dir, "2011-*.csv").resolve());
    assertEquals(
        List.of(
            dir.resolve("2011-01-01.csv"),
            dir.resolve("2011-01-02.csv"),
            dir.resolve("x/2011-05-05.csv")),
        FileSet.glob(dir, "**/2011-*.csv").resolve());
  }

  @Test
  void explicitListKeepsItsOrderAndRejectsRepeats() {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(List.of(b, a), FileSet.of(b, a).resolve());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileSet.of(a, b, a));
    assertTrue(e.getMessage().contains("listed twice (position 2)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FileSet.of(List.of()));
  }

  @Test
  void missingFolderIsNamed() {
    Path missing = dir.resolve("nope");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> FileSet.folder(missing).resolve());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void descriptionNamesFolderAndGlob() {
    assertEquals(dir.toString(), FileSet.folder(dir).toString());
    assertEquals(dir + " (*.csv)", FileSet.glob(dir, "*.csv").toString());
    assertEquals("2 files", FileSet.of(dir.resolve("a"), dir.resolve("b")).toString());
  }
}
