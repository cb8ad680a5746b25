package org.aidmp.predict.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClvTest {
  private final Clv clv =
      new Clv(
          new BgNbd.Model(0.243, 4.414, 0.793, 2.426, 0),
          new GammaGamma.Model(6.25, 3.74, 15.44, 0));

  @Test
  void undiscountedValueIsPurchasesTimesSpend() {
    double v = clv.value(3, 30, 35, 40, 10, 4, 0);
    double expected =
        clv.purchases().expectedPurchases(40, 3, 30, 35) * clv.spend().expectedSpend(3, 40);
    assertEquals(expected, v, 1e-9);
  }

  @Test
  void discountingAndLapsingLowerTheValue() {
    double plain = clv.value(3, 30, 35, 40, 12, 4.35, 0);
    assertTrue(clv.value(3, 30, 35, 40, 12, 4.35, 0.02) < plain);
    assertTrue(clv.value(3, 5, 35, 40, 12, 4.35, 0) < plain);
    assertThrows(IllegalArgumentException.class, () -> clv.value(3, 30, 35, 40, 12, 0, 0));
  }
}
