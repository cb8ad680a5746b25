package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscreteLaplaceTest {
  private static final int DRAWS = 200_000;

  @Test
  void bernoulliExpHasProbabilityExpMinusGamma() {
    long[][] gammas = {{0, 1}, {3, 10}, {1, 1}, {5, 2}, {7, 3}, {13, 4}};
    SplittableRandom rng = new SplittableRandom(11);
    for (long[] g : gammas) {
      double p = Math.exp(-(double) g[0] / g[1]);
      int hits = 0;
      for (int i = 0; i < DRAWS; i++) {
        if (DiscreteLaplace.bernoulliExp(g[0], g[1], rng)) {
          hits++;
        }
      }
      double sd = Math.sqrt(DRAWS * p * (1 - p));
      assertEquals(DRAWS * p, hits, 5 * sd + 1e-9, g[0] + "/" + g[1]);
    }
  }

  @Test
  void drawsFitTheExactTwoSidedGeometricPmf() {
    long[][] scales = {{1, 1}, {1, 2}, {3, 10}, {1, 40}, {2, 1}};
    SplittableRandom rng = new SplittableRandom(2026);
    for (long[] st : scales) {
      double alpha = Math.exp(-(double) st[0] / st[1]);
      double p = GeometricFit.pValue(() -> DiscreteLaplace.sample(st[0], st[1], rng), DRAWS, alpha);
      assertTrue(p > 1e-3, "s/t " + st[0] + "/" + st[1] + ": chi-square p = " + p);
    }
  }

  @Test
  void theFitRejectsAWrongScaleSoItCanFail() {
    SplittableRandom rng = new SplittableRandom(5);
    double p =
        GeometricFit.pValue(
            () -> DiscreteLaplace.sample(1, 2, rng), DRAWS, Math.exp(-1 / (2 * 1.05)));
    assertTrue(p < 1e-6, "a 5% wrong scale should be rejected, p = " + p);
  }

  @Test
  void argumentsAreChecked() {
    SplittableRandom rng = new SplittableRandom(1);
    assertThrows(IllegalArgumentException.class, () -> DiscreteLaplace.sample(0, 1, rng));
    assertThrows(IllegalArgumentException.class, () -> DiscreteLaplace.sample(1, 0, rng));
    assertThrows(IllegalArgumentException.class, () -> DiscreteLaplace.bernoulliExp(-1, 1, rng));
    assertThrows(NullPointerException.class, () -> DiscreteLaplace.sample(1, 1, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> DiscreteLaplace.sample(1, DiscreteLaplace.MAX_PART + 1, rng));
    // the largest scale still samples without overflow
    for (int i = 0; i < 1000; i++) {
      DiscreteLaplace.sample(1, DiscreteLaplace.MAX_PART, rng);
    }
  }
}
