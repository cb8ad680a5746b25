package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpsilonTest {
  @Test
  void decimalsAreExactFractions() {
    assertEquals(Epsilon.of(1, 10), Epsilon.of(0.1));
    assertEquals(10, Epsilon.of(0.1).denominator());
    assertEquals(Epsilon.of(5, 1), Epsilon.of(5.0));
    assertEquals(Epsilon.of(1, 2), Epsilon.of(2, 4));
    Epsilon sum = Epsilon.ZERO;
    for (int i = 0; i < 10; i++) {
      sum = sum.plus(Epsilon.of(0.1));
    }
    assertEquals(Epsilon.of(1), sum);
  }

  @Test
  void arithmeticAndDisplay() {
    assertEquals("5/6", Epsilon.of(0.5).plus(Epsilon.of(1, 3)).toString());
    assertEquals("0.25", Epsilon.of(1, 4).toString());
    assertEquals("1/6", Epsilon.of(1, 2).minus(Epsilon.of(1, 3)).toString());
    assertEquals(Epsilon.of(1, 8), Epsilon.of(0.5).divide(4));
    assertTrue(Epsilon.of(1, 3).compareTo(Epsilon.of(0.3)) > 0);
    assertEquals(1.0 / 3, Epsilon.of(1, 3).toDouble(), 1e-15);
    assertTrue(Epsilon.ZERO.isZero());
    assertEquals(Epsilon.of(2, 4).hashCode(), Epsilon.of(1, 2).hashCode());
  }

  @Test
  void badValuesAreRefused() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e-12}) {
      assertThrows(IllegalArgumentException.class, () -> Epsilon.of(bad), "" + bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Epsilon.of(0, 1));
    assertThrows(IllegalArgumentException.class, () -> Epsilon.of(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Epsilon.of(1, 2).minus(Epsilon.of(1)));
    assertThrows(IllegalArgumentException.class, () -> Epsilon.of(1).divide(0));
  }
}
