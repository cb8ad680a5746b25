package org.aidmp.io.internal.glob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KeyGlobTest {
  private static void check(String glob, String key, boolean expected) {
    assertEquals(expected, KeyGlob.of(glob).matches(key), glob + " vs " + key);
  }

  @Test
  void starStaysWithinOneLevel() {
    check("*.csv", "a.csv", true);
    check("*.csv", "x/a.csv", false);
    check("2026/*/*.csv", "2026/11/a.csv", true);
  }

  @Test
  void doubleStarCrossesLevelsIncludingNone() {
    check("**", "a/b/c", true);
    check("**/*.csv", "a.csv", true);
    check("**/*.csv", "x/y/a.csv", true);
    check("a/**/b.csv", "a/b.csv", true);
    check("a/**/b.csv", "a/x/y/b.csv", true);
    check("**/*.csv", "a.csv.gz", false);
  }

  @Test
  void questionMarkAndLiteralCharacters() {
    check("part-?.csv", "part-1.csv", true);
    check("part-?.csv", "part-12.csv", false);
    check("a+b(1).csv", "a+b(1).csv", true);
    check("a.csv", "abcsv", false);
    check("x\\y", "x\\y", true);
  }

  @Test
  void emptyGlobIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> KeyGlob.of(""));
  }
}
