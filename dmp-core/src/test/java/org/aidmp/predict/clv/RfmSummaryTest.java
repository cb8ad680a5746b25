package org.aidmp.predict.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RfmSummaryTest {
  @Test
  void collapsesDaysAndIgnoresTheHoldout() {
    String[] ids = {"a", "a", "a", "b", "a", "a"};
    long[] days = {0, 0, 7, 3, 14, 40};
    double[] amt = {5, 5, 20, 9, 30, 99};
    RfmSummary r = RfmSummary.of(ids, days, amt, 21, 7);
    assertEquals(java.util.List.of("a", "b"), r.ids());
    assertArrayEquals(new double[] {2, 0}, r.frequency());
    assertArrayEquals(new double[] {2, 0}, r.recency());
    assertArrayEquals(new double[] {3, 18.0 / 7}, r.age());
    assertArrayEquals(new double[] {25, 0}, r.monetary());
  }
}
