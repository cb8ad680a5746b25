package org.aidmp.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpliftTest {
  /** Newcombe (1998), Statistics in Medicine 17:873, table II, example (a), method 10. */
  @Test
  void matchesNewcombesPublishedExample() {
    Uplift u = Uplift.of(56, 70, 48, 80, 0.95);
    assertEquals(0.2, u.difference(), 1e-12);
    assertEquals(0.0524, u.low(), 5e-5);
    assertEquals(0.3339, u.high(), 5e-5);
  }

  /** Newcombe's example (h): 0/10 vs 0/20, where the Wald interval collapses to [0, 0]. */
  @Test
  void zeroRatesStillGiveAnInterval() {
    Uplift u = Uplift.of(0, 10, 0, 20, 0.95);
    assertEquals(0, u.difference(), 0);
    assertEquals(-0.1611, u.low(), 5e-5);
    assertEquals(0.2775, u.high(), 5e-5);
  }

  @Test
  void noTrialsGivesNaN() {
    Uplift u = Uplift.of(0, 0, 3, 10, 0.95);
    assertTrue(Double.isNaN(u.difference()) && Double.isNaN(u.low()) && Double.isNaN(u.high()));
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThrows(IllegalArgumentException.class, () -> Uplift.of(5, 4, 0, 1, 0.95));
    assertThrows(IllegalArgumentException.class, () -> Uplift.of(1, 4, 0, 1, 1.0));
  }

  /** Seeded property: the interval contains the difference and stays within [-1, 1]. */
  @Test
  void intervalContainsEstimateAndStaysInRange() {
    SplittableRandom r = new SplittableRandom(5);
    for (int t = 0; t < 2000; t++) {
      long n1 = 1 + r.nextInt(500);
      long n0 = 1 + r.nextInt(500);
      long s1 = r.nextLong(n1 + 1);
      long s0 = r.nextLong(n0 + 1);
      Uplift u = Uplift.of(s1, n1, s0, n0, 0.95);
      String in = s1 + "/" + n1 + " vs " + s0 + "/" + n0 + " -> " + u;
      assertTrue(u.low() <= u.difference() + 1e-12 && u.difference() <= u.high() + 1e-12, in);
      assertTrue(u.low() >= -1 - 1e-12 && u.high() <= 1 + 1e-12, in);
    }
  }
}
