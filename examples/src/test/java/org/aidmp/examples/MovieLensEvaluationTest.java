package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aidmp.evaluation.EvaluationResult;
import org.aidmp.recommend.RecommenderTrainer;
import org.junit.jupiter.api.Test;

/**
 * Checks the MovieLens 100k figures against the task's table (a NumPy implementation of the same
 * methods), from below and from above. Reads {@code movielens-100k} from the shared data folder
 * beside the repository (or {@code -Ddmp.movielens=/path}); skipped without it, failed without it
 * under {@code -Ddmp.requireSharedData=true}.
 */
class MovieLensEvaluationTest {

  private static Path data() {
    String p = System.getProperty("dmp.movielens");
    return p == null
        ? SharedData.require("movielens-100k", "u1.base")
        : SharedData.require(Path.of(p), "u1.base");
  }

  /**
   * Whether {@code actual} is at least the table's 3-decimal figure, up to its rounding, and no
   * more than {@link #ABOVE} above it: a figure far above a faithful implementation of the same
   * method points to test data leaking into training, not to a better recommender.
   */
  private static void within(String what, double table, double actual) {
    System.out.printf("%s: %.4f (table %.3f)%n", what, actual, table);
    assertTrue(actual >= table - 0.0005, what + ": " + actual + " below the table's " + table);
    assertTrue(
        actual <= table + ABOVE,
        what + ": " + actual + " more than " + ABOVE + " above the table's " + table);
  }

  /** How far above the table a figure may be. */
  private static final double ABOVE = 0.02;

  @Test
  void matchesOrBeatsTheTable() throws Exception {
    Path dir = data();
    Map<String, RecommenderTrainer> methods = new LinkedHashMap<>();
    methods.put("popularity", RecommenderTrainer.popularity());
    methods.put("item-knn", RecommenderTrainer.itemKnn(50));
    methods.put("ease", RecommenderTrainer.ease(250));
    methods.put("user-knn", RecommenderTrainer.userKnn(50));
    Map<String, EvaluationResult> r = MovieLensEvaluation.evaluate(dir, methods);
    double[][] table = {
      {0.157, 0.136, 0.198}, {0.252, 0.228, 0.322}, {0.288, 0.272, 0.381}, {0.266, 0.247, 0.350}
    };
    int m = 0;
    for (Map.Entry<String, EvaluationResult> e : r.entrySet()) {
      String name = e.getKey();
      within(name + " p@10", table[m][0], e.getValue().precision());
      within(name + " ndcg@10", table[m][2], e.getValue().ndcg());
      within(name + " r@10", table[m][1], e.getValue().recall());
      m++;
    }
  }
}
