package org.aidmp.bench.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aidmp.feedback.LiveUser;
import org.junit.jupiter.api.Test;

class LiveScoringBenchmarkTest {
  @Test
  void benchmarksScoreLiveRowsWithModelsOfTheStatedShape() {
    LiveScoringBenchmark b = new LiveScoringBenchmark();
    b.d = 20;
    b.users = 500;
    b.setUp();
    try {
      org.aidmp.predict.tree.GbtModel forest = (org.aidmp.predict.tree.GbtModel) b.treeModel;
      assertEquals(100, forest.trees());
      assertEquals(6, forest.maxDepth());
      assertTrue(b.acceptOnly());
      String id = b.events[b.next].userId();
      double s = b.acceptAndScoreTrees();
      LiveUser u = b.trees.profile(id);
      assertEquals(b.treeModel.score(u.row(), 0), s, 0, "the tree score of the user's new row");
      b.next--;
      double p = b.acceptAndScoreLogistic();
      assertEquals(b.logisticModel.score(b.logistic.profile(id).row(), 0), p, 0);
      assertTrue(p > 0 && p < 1);
      assertTrue(Double.isFinite(b.scoreLogistic()) && Double.isFinite(b.scoreTrees()));
    } finally {
      b.tearDown();
    }
  }
}
