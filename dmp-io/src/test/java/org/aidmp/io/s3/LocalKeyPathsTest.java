package org.aidmp.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyPathsTest {
  @TempDir Path root;

  @Test
  void theSourceExposesTheMappingForUsers() {
    assertEquals(
        LocalKeyPaths.resolve(root, "2026/11/../part 0.csv"),
        S3Source.localPath(root, "2026/11/../part 0.csv"));
    assertEquals(
        root.toAbsolutePath().normalize().resolve("2026/11/part-0.csv"),
        S3Source.localPath(root, "2026/11/part-0.csv"));
  }

  private void assertInside(String key) {
    Path p = LocalKeyPaths.resolve(root, key);
    Path base = root.toAbsolutePath().normalize();
    assertTrue(p.startsWith(base) && !p.equals(base), "key " + printable(key) + " -> " + p);
    for (Path part : base.relativize(p)) {
      String s = part.toString();
      assertTrue(
          !s.equals("..")
              && !s.equals(".")
              && !s.contains("\\")
              && !s.contains("\0")
              && s.length() <= 255,
          "segment " + s + " of key " + printable(key));
    }
  }

  private static String printable(String s) {
    return s.replace("\0", "\\0");
  }

  @Test
  void plainKeysKeepTheirShape() {
    assertEquals(
        root.toAbsolutePath().normalize().resolve("2026/11/part-0.csv"),
        LocalKeyPaths.resolve(root, "2026/11/part-0.csv"));
  }

  @Test
  void hostileKeysStayInside() {
    String[] hostile = {
      "../etc/passwd",
      "../../x",
      "/etc/passwd",
      "//abs",
      "a/../../b",
      "..\\..\\windows",
      "C:\\x",
      "%2e%2e/%2e%2e/x",
      "%2E%2E%2Fx",
      "a/\0/b",
      "\0",
      "..",
      ".",
      "./.",
      "a/",
      "/",
      "k".repeat(1024),
      "a/" + "é".repeat(600),
      "~/x",
      "a//b"
    };
    for (String key : hostile) {
      assertInside(key);
    }
    assertEquals("%252e%252e", LocalKeyPaths.encodeSegment("%2e%2e"));
    assertEquals("%2E%2E", LocalKeyPaths.encodeSegment(".."));
  }

  @Test
  void randomKeysStayInsideAndDistinctKeysGetDistinctPaths() {
    SplittableRandom r = new SplittableRandom(77);
    String alphabet = "./\\%2eE\0a-_~:é";
    Map<Path, String> seen = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(12);
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String key = sb.toString();
      assertInside(key);
      String other = seen.putIfAbsent(LocalKeyPaths.resolve(root, key), key);
      if (other != null) {
        assertEquals(
            other, key, "two keys share a path: " + printable(other) + " and " + printable(key));
      }
    }
  }

  @Test
  void longSegmentsAreShortenedDistinctly() {
    Path a = LocalKeyPaths.resolve(root, "x".repeat(1024));
    Path b = LocalKeyPaths.resolve(root, "x".repeat(1023) + "y");
    assertNotEquals(a, b);
    assertTrue(a.getFileName().toString().length() <= 200);
  }

  @Test
  void emptyKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> LocalKeyPaths.resolve(root, ""));
  }
}
