package org.aidmp.predict;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a file of the shared real data sets: under {@code -Ddmp.sharedData=DIR}, else {@code
 * ../../shared/data} from the module directory. A missing file skips the test, or fails it when
 * {@code -Ddmp.requireSharedData=true} (as CI runs).
 */
public final class SharedData {
  private SharedData() {}

  /** The file at {@code relative} under the shared data folder. */
  public static Path file(String relative) {
    Path root = Path.of(System.getProperty("dmp.sharedData", "../../shared/data"));
    Path p = root.resolve(relative);
    if (!Files.isRegularFile(p)) {
      if (Boolean.getBoolean("dmp.requireSharedData")) {
        fail("shared data " + p.toAbsolutePath() + " is missing and dmp.requireSharedData is set");
      }
      assumeTrue(false, "shared data " + p.toAbsolutePath() + " not found; test skipped");
    }
    return p;
  }
}
