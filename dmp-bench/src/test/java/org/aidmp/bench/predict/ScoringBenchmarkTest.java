package org.aidmp.bench.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoringBenchmarkTest {
  @Test
  void benchmarksScoreRealModelsOfTheStatedShape() {
    ScoringBenchmark b = new ScoringBenchmark();
    b.d = 20;
    b.setUp();
    assertEquals(100, b.forest.trees());
    assertEquals(6, b.forest.maxDepth());
    double expected = 0;
    for (int i = 0; i < ScoringBenchmark.ROWS; i++) {
      expected += b.forest.score(b.rows.data, i * 20);
    }
    assertEquals(expected, b.trees(), 1e-9);
    assertEquals(expected, b.treesBlock(), 1e-9);
    double mean = b.logistic() / ScoringBenchmark.ROWS;
    assertTrue(mean > 0.05 && mean < 0.95, "mean probability " + mean);
    assertTrue(Double.isFinite(b.logisticPlainPeer()) && Double.isFinite(b.treesPlainPeer()));
  }
}
