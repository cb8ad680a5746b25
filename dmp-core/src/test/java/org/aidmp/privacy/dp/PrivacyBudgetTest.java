package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrivacyBudgetTest {
  @Test
  void refusesOnceEpsilonIsSpent() {
    PrivacyBudget b = PrivacyBudget.of(Epsilon.of(1));
    b.spend(Epsilon.of(0.5), "segment sizes");
    b.spend(Epsilon.of(0.5), "campaign counts");
    BudgetExhaustedException e =
        assertThrows(
            BudgetExhaustedException.class, () -> b.spend(Epsilon.of(0.1), "persona means"));
    assertTrue(e.getMessage().contains("persona means"), e.getMessage());
    assertTrue(e.getMessage().contains("only 0 of 1"), e.getMessage());
    assertEquals(Epsilon.of(1), b.spent());
    assertTrue(b.remaining().isZero());
    assertEquals(2, b.ledger().size());
    assertEquals("campaign counts", b.ledger().get(1).label());
  }

  @Test
  void tenTenthsSpendExactlyOne() {
    PrivacyBudget b = PrivacyBudget.of(Epsilon.of(1));
    for (int i = 0; i < 10; i++) {
      assertTrue(b.trySpend(Epsilon.of(0.1), "r" + i));
    }
    assertFalse(b.trySpend(Epsilon.of(1, 1_000_000_000), "one more"));
    assertEquals(10, b.ledger().size());
    assertEquals("PrivacyBudget[spent 1 of 1 in 10 releases]", b.toString());
  }

  @Test
  void aRefusedSpendCostsNothing() {
    PrivacyBudget b = PrivacyBudget.of(Epsilon.of(1));
    assertFalse(b.trySpend(Epsilon.of(2), "too much"));
    assertTrue(b.spent().isZero());
    assertTrue(b.trySpend(Epsilon.of(1), "all"));
  }

  @Test
  void racingSpendsNeverOverdraw() throws Exception {
    PrivacyBudget b = PrivacyBudget.of(Epsilon.of(1));
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    if (b.trySpend(Epsilon.of(1, 100), "r")) {
                      granted.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(100, granted.get());
    assertEquals(Epsilon.of(1), b.spent());
  }
}
