package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local input files; objects in a bucket are covered with their listing in {@link FileSetTest}. */
class InputFileTest {
  @TempDir Path dir;

  @Test
  void localFilesHaveNameLocationAndContentGunzipped() throws IOException {
    Path gz = dir.resolve("day.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("id\n1\n".getBytes(StandardCharsets.UTF_8));
    }
    InputFile f = FileSet.of(gz).resolve().get(0);
    assertEquals("day.csv.gz", f.name());
    assertEquals(gz.toAbsolutePath().toString(), f.location());
    assertEquals(FileRef.of(gz), FileRef.of(f));
    assertEquals(gz, f.localPath().orElseThrow());
    try (InputStream in = f.open()) {
      assertEquals("id\n1\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void plainFilesOpenAsStoredAndEqualityFollowsTheVersion() throws IOException {
    Path f = dir.resolve("day.csv");
    Files.writeString(f, "id\n1\n");
    InputFile before = FileSet.of(f).resolve().get(0);
    try (InputStream in = before.open()) {
      assertEquals("id\n1\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(before, FileSet.of(f).resolve().get(0));
    Files.writeString(f, "id\n1\n2\n");
    assertNotEquals(before, FileSet.of(f).resolve().get(0), "a rewritten file is another version");
  }
}
