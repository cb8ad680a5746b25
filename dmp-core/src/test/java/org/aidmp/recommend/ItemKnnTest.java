package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemKnnTest {

  /** The k most similar items of every item, by a dense double-precision cosine. */
  static List<List<Integer>> neighbours(Interactions x, double[][] sim, int k) {
    List<List<Integer>> out = new ArrayList<>();
    for (int i = 0; i < x.itemCount(); i++) {
      List<Integer> others = new ArrayList<>();
      for (int j = 0; j < x.itemCount(); j++) {
        if (j != i && sim[i][j] > 0) {
          others.add(j);
        }
      }
      final int fi = i;
      others.sort(Comparator.comparing((Integer j) -> -sim[fi][j]).thenComparing(x::itemId));
      out.add(others.subList(0, Math.min(k, others.size())));
    }
    return out;
  }

  static double[] reference(Interactions x, int u, int k, RecommenderTrainer.Neighbourhood mode) {
    double[][] d = TestData.dense(x);
    int n = x.itemCount();
    double[][] sim = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sim[i][j] = TestData.cosine(TestData.column(d, i), TestData.column(d, j));
      }
    }
    List<List<Integer>> nb = neighbours(x, sim, k);
    double[] scores = new double[n];
    for (int c = 0; c < n; c++) {
      for (int h = 0; h < n; h++) {
        boolean linked =
            mode == RecommenderTrainer.Neighbourhood.OF_CANDIDATE
                ? nb.get(c).contains(h)
                : nb.get(h).contains(c);
        if (linked) {
          scores[c] += d[u][h] * sim[h][c];
        }
      }
    }
    return scores;
  }

  @Test
  void scoresMatchADenseReferenceInBothNeighbourhoods() {
    for (RecommenderTrainer.Neighbourhood mode : RecommenderTrainer.Neighbourhood.values()) {
      for (long seed = 1; seed <= 3; seed++) {
        Interactions x = TestData.random(seed, 80, 30, 700);
        int k = 2 + (int) (seed * 4);
        Recommender model = RecommenderTrainer.itemKnn(k, mode).fit(x);
        float[] out = new float[x.itemCount()];
        for (int u = 0; u < x.userCount(); u += 7) {
          model.score(x.userId(u), out);
          double[] ref = reference(x, u, k, mode);
          for (int i = 0; i < ref.length; i++) {
            assertEquals(
                ref[i],
                out[i],
                1e-4 * (1 + Math.abs(ref[i])),
                mode + " seed=" + seed + " k=" + k + " user=" + u + " item=" + i);
          }
        }
      }
    }
  }

  @Test
  void explanationsAddUpToTheScore() {
    Interactions x = TestData.random(4, 50, 30, 500);
    Recommender model = RecommenderTrainer.itemKnn(8).fit(x);
    for (Recommendation r :
        model.recommend(
            x.userId(2), RecommendRequest.builder().setK(5).setExplanations(100).get())) {
      double sum = 0;
      for (Contribution c : r.because()) {
        assertEquals(Contribution.Kind.ITEM, c.kind());
        assertTrue(x.weight(2, x.itemIndex(c.id())) > 0, "a history item");
        sum += c.amount();
      }
      assertEquals(r.score(), sum, 1e-4, r.itemId());
    }
  }

  @Test
  void unknownIdsAndBadSettingsAreErrors() {
    Interactions x = TestData.random(1, 10, 10, 50);
    Recommender model = RecommenderTrainer.itemKnn(50).fit(x);
    assertEquals(
        RecommenderTrainer.popularity().fit(x).recommend("nobody", 5),
        model.recommend("nobody", 5),
        "a user the model does not know gets the non-personalised list");
    assertThrows(IllegalArgumentException.class, () -> model.explain(x.userId(0), "none", 1));
    assertThrows(IllegalArgumentException.class, () -> RecommenderTrainer.itemKnn(-1));
    assertThrows(NullPointerException.class, () -> RecommenderTrainer.itemKnn(5, null));
  }
}
