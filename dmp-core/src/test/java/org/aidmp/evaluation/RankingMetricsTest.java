package org.aidmp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final List<String> RANKED = List.of("a", "b", "c", "d", "e");
  private static final Set<String> RELEVANT = Set.of("b", "d", "x");

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }

  @Test
  void valuesWorkedOutByHand() {
    assertEquals(2.0 / 5, RankingMetrics.precision(RANKED, RELEVANT, 5), 1e-12);
    assertEquals(
        2.0 / 10,
        RankingMetrics.precision(RANKED, RELEVANT, 10),
        1e-12,
        "precision divides by k even when the list is shorter");
    assertEquals(2.0 / 3, RankingMetrics.recall(RANKED, RELEVANT, 5), 1e-12);
    assertEquals(1.0 / 3, RankingMetrics.recall(RANKED, RELEVANT, 2), 1e-12);
    assertEquals(1, RankingMetrics.hitRate(RANKED, RELEVANT, 2));
    assertEquals(0, RankingMetrics.hitRate(RANKED, RELEVANT, 1));
    double dcg = 1 / log2(3) + 1 / log2(5);
    double idcg = 1 + 1 / log2(3) + 1 / log2(4);
    assertEquals(dcg / idcg, RankingMetrics.ndcg(RANKED, RELEVANT, 5), 1e-12);
    assertEquals(
        (1.0 / 2 + 2.0 / 4) / 3, RankingMetrics.averagePrecision(RANKED, RELEVANT, 5), 1e-12);
    assertEquals(1, RankingMetrics.ndcg(List.of("x", "b"), RELEVANT, 2), 1e-12);
  }

  @Test
  void noRelevantItemsGivesZeroAndBadKIsRejected() {
    assertEquals(0, RankingMetrics.recall(RANKED, Set.of(), 5));
    assertEquals(0, RankingMetrics.ndcg(RANKED, Set.of(), 5));
    assertEquals(0, RankingMetrics.averagePrecision(RANKED, Set.of(), 5));
    assertThrows(
        IllegalArgumentException.class, () -> RankingMetrics.precision(RANKED, RELEVANT, 0));
    assertThrows(
        IllegalArgumentException.class, () -> RankingMetrics.coverage(List.of(RANKED), 0, 5));
  }

  @Test
  void coverageCountsDistinctItemsInTheTopK() {
    double c = RankingMetrics.coverage(List.of(List.of("a", "b", "c"), List.of("b", "z")), 10, 2);
    assertEquals(3.0 / 10, c, 1e-12);
  }
}
