package org.aidmp.io.s3;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/**
 * Fuzzes {@link LocalKeyPaths#resolve} with arbitrary keys: every non-empty key must map to a path
 * strictly inside the root, made of plain names; an empty key is refused with the declared {@link
 * IllegalArgumentException}.
 */
class LocalKeyPathsFuzzTest {
  // Only path arithmetic is fuzzed, nothing is written: any root will do, so one under the build.
  private static final Path ROOT = Path.of("target", "fuzz-root").toAbsolutePath().normalize();

  @FuzzTest(maxDuration = "3m")
  void everyKeyMapsInsideTheRoot(FuzzedDataProvider data) {
    String key = data.consumeRemainingAsString();
    Path p;
    try {
      p = LocalKeyPaths.resolve(ROOT, key);
    } catch (IllegalArgumentException e) {
      if (!key.isEmpty()) {
        throw new AssertionError("refused a non-empty key: " + e.getMessage(), e);
      }
      return;
    }
    if (!p.startsWith(ROOT) || p.equals(ROOT) || !p.normalize().equals(p)) {
      throw new AssertionError("key maps outside the root: " + p);
    }
    for (Path name : ROOT.relativize(p)) {
      String n = name.toString();
      if (n.isEmpty() || n.equals(".") || n.equals("..") || n.length() > 200) {
        throw new AssertionError("segment is not a plain name: " + n);
      }
    }
  }
}
