package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where data tests find the public data sets: {@code ../../shared/data} relative to the module (the
 * {@code shared} folder beside the repository), or the folder in {@code -Ddmp.shared.data}. A data
 * set that is missing skips the test, unless {@code -Ddmp.requireSharedData=true} is set (as CI
 * does): then the test fails, so a build cannot go green without its data.
 *
 * <pre>{@code
 * Path ml = SharedData.require("movielens-100k", "u1.base");
 * }</pre>
 */
public final class SharedData {
  /** The system property that turns a missing data set into a failure. */
  public static final String REQUIRE = "dmp.requireSharedData";

  private SharedData() {}

  /** The shared data folder. */
  public static Path root() {
    return Path.of(System.getProperty("dmp.shared.data", "../../shared/data"));
  }

  /**
   * The folder of data set {@code name}, checked to hold {@code file}; skips the test if it does
   * not, or fails it when {@value #REQUIRE} is true.
   */
  public static Path require(String name, String file) {
    return require(root().resolve(name), file);
  }

  /** Like {@link #require(String, String)} for a folder given explicitly. */
  public static Path require(Path dir, String file) {
    Path probe = dir.resolve(file);
    if (!Files.exists(probe)) {
      String msg = "data set missing: " + probe.toAbsolutePath().normalize() + " (see shared/data)";
      if (Boolean.getBoolean(REQUIRE)) {
        fail(msg + "; -D" + REQUIRE + "=true makes this a failure");
      }
      assumeTrue(false, msg);
    }
    return dir;
  }

  /** A file of the shared data, by its path under the data folder; skips or fails as above. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    require(p.getParent(), p.getFileName().toString());
    return p;
  }
}
