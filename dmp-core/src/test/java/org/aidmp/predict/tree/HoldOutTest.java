package org.aidmp.predict.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldOutTest {
  private static double[] labels(int n, int positives) {
    double[] y = new double[n];
    for (int i = 0; i < positives; i++) {
      y[i * (n / positives)] = 1;
    }
    return y;
  }

  @Test
  void stratifiedHoldOutTakesTheShareOfEachClassAndCoversEveryRowOnce() {
    double[] y = labels(1000, 100);
    int[][] s = HoldOut.split(y, 1000, true, 0.2, new SplittableRandom(5));
    assertEquals(800, s[0].length);
    assertEquals(200, s[1].length);
    assertEquals(20, Arrays.stream(s[1]).filter(i -> y[i] == 1).count(), "20% of the positives");
    int[] all = IntStream.concat(Arrays.stream(s[0]), Arrays.stream(s[1])).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
    assertArrayEquals(Arrays.stream(s[0]).sorted().toArray(), s[0], "rows stay in order");
  }

  @Test
  void theSameSeedGivesTheSameRows() {
    double[] y = labels(500, 50);
    int[][] a = HoldOut.split(y, 500, false, 0.3, new SplittableRandom(9));
    int[][] b = HoldOut.split(y, 500, false, 0.3, new SplittableRandom(9));
    assertArrayEquals(a[1], b[1]);
    assertEquals(150, a[1].length);
  }

  @Test
  void everyRowTrainsWithoutAFractionOrWhenTooFewRowsWouldBeLeft() {
    int[] all = IntStream.range(0, 10).toArray();
    int[][] none = HoldOut.split(new double[10], 10, false, 0, new SplittableRandom(1));
    assertArrayEquals(all, none[0]);
    assertEquals(0, none[1].length);
    int[][] tiny = HoldOut.split(new double[10], 10, false, 0.01, new SplittableRandom(1));
    assertArrayEquals(all, tiny[0], "0.1 of a row rounds to no validation row");
    assertEquals(0, tiny[1].length);
  }
}
