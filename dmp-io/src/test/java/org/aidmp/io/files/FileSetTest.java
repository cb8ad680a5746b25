package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aidmp.io.s3.S3ObjectException;
import org.aidmp.io.s3.S3ProxyFixture;
import org.aidmp.io.s3.S3Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class FileSetTest {
  private static S3ProxyFixture server;
  private static S3Client s3;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyFixture();
    s3 = server.client();
    s3.createBucket(b -> b.bucket("days"));
    for (String key :
        List.of(
            "retail/2011-01-02.csv",
            "retail/2011-01-01.csv",
            "retail/2012-01-01.csv",
            "retail/x/2011-05-05.csv",
            "retail/notes.txt",
            "other/2011-01-03.csv")) {
      server.seed("days", key, ("id\n" + key + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    server.close();
  }

  private static List<String> keys(FileSet set) {
    return set.resolve().stream().map(InputFile::location).toList();
  }

  private static List<Path> paths(FileSet set) {
    return set.resolve().stream().map(f -> f.localPath().orElseThrow()).toList();
  }

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
        paths(FileSet.folder(dir)));
  }

  @Test
  void globMatchesRelativePathsAndCrossesLevelsOnlyWithDoubleStar() throws IOException {
    touch("2011-01-02.csv");
    touch("2011-01-01.csv");
    touch("2012-01-01.csv");
    touch("x/2011-05-05.csv");
    assertEquals(
        List.of(dir.resolve("2011-01-01.csv"), dir.resolve("2011-01-02.csv")),
        paths(FileSet.glob(dir, "2011-*.csv")));
    assertEquals(
        List.of(
            dir.resolve("2011-01-01.csv"),
            dir.resolve("2011-01-02.csv"),
            dir.resolve("x/2011-05-05.csv")),
        paths(FileSet.glob(dir, "**/2011-*.csv")));
  }

  @Test
  void explicitListKeepsItsOrderAndRejectsRepeats() throws IOException {
    touch("a");
    touch("b");
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(List.of(b, a), paths(FileSet.of(b, a)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FileSet.of(a, b, a));
    assertTrue(e.getMessage().contains("listed twice (position 2)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FileSet.of(List.of()));
  }

  @Test
  void aMissingListedFileIsNamedWhenResolved() {
    Path missing = dir.resolve("gone.csv");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> FileSet.of(missing).resolve());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
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
    assertEquals("s3://bkt/k.csv", S3Source.files(s3, "s3://bkt/k.csv").toString());
    assertEquals(
        "s3://bkt/days/2011-*.csv", S3Source.files(s3, "s3://bkt/days/2011-*.csv").toString());
    S3Source bucket = S3Source.builder(s3).setBucket("bkt").setPrefix("days/").get();
    assertEquals("s3://bkt/days/", bucket.files().toString());
    assertEquals("2 objects in s3://bkt/", bucket.files(List.of("a", "b")).toString());
    assertEquals("2 files", FileSet.of(dir.resolve("a"), dir.resolve("b")).toString());
  }

  @Test
  void anS3GlobMatchesKeysInOrderAndStaysWithinOneLevel() {
    assertEquals(
        List.of("s3://days/retail/2011-01-01.csv", "s3://days/retail/2011-01-02.csv"),
        keys(S3Source.files(s3, "s3://days/retail/2011-*.csv")));
    assertEquals(
        List.of(
            "s3://days/retail/2011-01-01.csv",
            "s3://days/retail/2011-01-02.csv",
            "s3://days/retail/x/2011-05-05.csv"),
        keys(S3Source.files(s3, "s3://days/retail/**/2011-*.csv")));
    assertEquals(
        List.of(
            "s3://days/other/2011-01-03.csv",
            "s3://days/retail/2011-01-01.csv",
            "s3://days/retail/2011-01-02.csv"),
        keys(S3Source.files(s3, "s3://days/*/2011-01-0?.csv")));
  }

  @Test
  void anS3FolderHoldsTheObjectsDirectlyUnderIt() {
    assertEquals(
        List.of(
            "s3://days/retail/2011-01-01.csv",
            "s3://days/retail/2011-01-02.csv",
            "s3://days/retail/2012-01-01.csv",
            "s3://days/retail/notes.txt"),
        keys(S3Source.files(s3, "s3://days/retail/")));
  }

  @Test
  void s3KeysKeepTheirOrderAndCarrySizeAndEntityTag() throws IOException {
    S3Source bucket = S3Source.builder(s3).setBucket("days").get();
    List<InputFile> files =
        bucket.files(List.of("retail/2012-01-01.csv", "other/2011-01-03.csv")).resolve();
    assertEquals(
        List.of("s3://days/retail/2012-01-01.csv", "s3://days/other/2011-01-03.csv"),
        files.stream().map(InputFile::location).toList());
    InputFile first = files.get(0);
    assertEquals("2012-01-01.csv", first.name());
    assertTrue(first.localPath().isEmpty());
    assertEquals("id\nretail/2012-01-01.csv\n".length(), first.size());
    assertTrue(!first.version().isEmpty(), "the entity tag is the version");
    try (InputStream in = first.open()) {
      assertEquals(
          "id\nretail/2012-01-01.csv\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(first, S3Source.files(s3, "s3://days/retail/2012-01-01.csv").resolve().get(0));
  }

  @Test
  void aMissingS3KeyIsNamedAndBadAddressesAreRefused() {
    S3Source bucket = S3Source.builder(s3).setBucket("days").get();
    S3ObjectException e =
        assertThrows(
            S3ObjectException.class,
            () -> bucket.files(List.of("retail/2011-01-01.csv", "retail/gone.csv")).resolve());
    assertEquals("s3://days/retail/gone.csv", e.uri());
    assertTrue(e.getMessage().contains("no such object"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> S3Source.files(s3, "/local/path/*.csv"));
    assertThrows(IllegalArgumentException.class, () -> bucket.files(List.of("a", "a")));
  }
}
