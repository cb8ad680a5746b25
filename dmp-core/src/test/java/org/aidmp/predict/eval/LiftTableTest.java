package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LiftTableTest {
  @Test
  void decilesOfAPerfectRanking() {
    int n = 100;
    double[] s = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i;
      y[i] = i >= 90 ? 1 : 0;
    }
    LiftTable t = LiftTable.of(s, y, 10);
    assertEquals(0.1, t.baseRate(), 1e-12);
    LiftTable.Row top = t.rows().get(0);
    assertEquals(10, top.count());
    assertEquals(10, top.positives());
    assertEquals(10, top.lift(), 1e-12);
    assertEquals(1, top.cumulativeGain(), 1e-12);
    LiftTable.Row last = t.rows().get(9);
    assertEquals(0, last.lift(), 1e-12);
    assertEquals(1, last.cumulativeGain(), 1e-12);
    assertEquals(1, last.cumulativeLift(), 1e-12);
    assertEquals(11, t.format().lines().count());
  }

  @Test
  void unevenGroupsCoverEveryRow() {
    LiftTable t =
        LiftTable.of(new double[] {1, 2, 3, 4, 5, 6, 7}, new double[] {0, 1, 0, 1, 0, 1, 1}, 3);
    assertEquals(7, t.rows().stream().mapToInt(LiftTable.Row::count).sum());
    assertThrows(
        IllegalArgumentException.class, () -> LiftTable.of(new double[] {1}, new double[] {1}, 2));
  }
}
