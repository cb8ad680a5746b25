package org.aidmp.clean;

import java.util.Objects;

/** Checks rule names given to builders. */
final class CleaningNames {
  private CleaningNames() {}

  static String check(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("rule name is blank; give a short name for reports");
    }
    return name;
  }
}
