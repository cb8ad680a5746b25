package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aidmp.evaluation.EvaluationResult;
import org.aidmp.recommend.Ease;
import org.aidmp.recommend.ItemKnn;
import org.aidmp.recommend.Popularity;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.recommend.UserKnn;
import org.junit.jupiter.api.Test;

/**
 * Checks the MovieLens 100k figures against the task's table (a NumPy implementation of the same
 * methods). Needs the data: {@code -Ddmp.movielens=/path/to/movielens-100k}, or the shared folder
 * at its usual place; skipped otherwise.
 */
class MovieLensEvaluationTest {

  private static Path data() {
    String p = System.getProperty("dmp.movielens", "/work/shared/data/movielens-100k");
    Path dir = Path.of(p);
    assumeTrue(Files.isRegularFile(dir.resolve("u1.base")), "MovieLens 100k not found at " + p);
    return dir;
  }

  /** Whether {@code actual} is at least the table's 3-decimal figure, up to its rounding. */
  private static void atLeast(String what, double table, double actual) {
    assertTrue(actual >= table - 0.0005, what + ": " + actual + " below the table's " + table);
  }

  @Test
  void matchesOrBeatsTheTable() throws Exception {
    Path dir = data();
    Map<String, RecommenderTrainer> methods = new LinkedHashMap<>();
    methods.put("popularity", Popularity.DEFAULT);
    methods.put("item-knn", ItemKnn.builder().setNeighbours(50).get());
    methods.put("ease", Ease.builder().setLambda(250).get());
    methods.put("user-knn", UserKnn.builder().setNeighbours(50).get());
    Map<String, EvaluationResult> r = MovieLensEvaluation.evaluate(dir, methods);
    double[][] table = {
      {0.157, 0.136, 0.198}, {0.252, 0.228, 0.322}, {0.288, 0.272, 0.381}, {0.266, 0.247, 0.350}
    };
    int m = 0;
    for (Map.Entry<String, EvaluationResult> e : r.entrySet()) {
      String name = e.getKey();
      atLeast(name + " p@10", table[m][0], e.getValue().precision());
      atLeast(name + " ndcg@10", table[m][2], e.getValue().ndcg());
      atLeast(name + " r@10", table[m][1], e.getValue().recall());
      m++;
    }
  }
}
