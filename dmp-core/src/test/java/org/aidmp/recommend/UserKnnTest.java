package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserKnnTest {

  /** Dense double-precision user-kNN, written for clarity. */
  static double[] reference(Interactions x, int u, int k) {
    double[][] d = TestData.dense(x);
    List<Integer> others = new ArrayList<>();
    double[] sim = new double[d.length];
    for (int v = 0; v < d.length; v++) {
      sim[v] = TestData.cosine(d[u], d[v]);
      if (v != u && sim[v] > 0) {
        others.add(v);
      }
    }
    others.sort(Comparator.comparing((Integer v) -> -sim[v]).thenComparing(x::userId));
    double[] scores = new double[x.itemCount()];
    // The k most similar, and every user exactly as similar as the k-th.
    List<Integer> kept = new ArrayList<>(others.subList(0, Math.min(k, others.size())));
    if (others.size() > k) {
      double last = sim[others.get(k - 1)];
      for (int v : others.subList(k, others.size())) {
        if ((float) sim[v] == (float) last) {
          kept.add(v);
        }
      }
    }
    for (int v : kept) {
      for (int i = 0; i < scores.length; i++) {
        scores[i] += sim[v] * d[v][i];
      }
    }
    return scores;
  }

  @Test
  void scoresMatchADenseReference() {
    for (long seed = 1; seed <= 6; seed++) {
      Interactions x = TestData.random(seed, 60, 40, 600);
      int k = 1 + (int) (seed * 3);
      Recommender model = RecommenderTrainer.userKnn(k).fit(x);
      float[] out = new float[x.itemCount()];
      for (int u = 0; u < x.userCount(); u++) {
        model.score(x.userId(u), out);
        double[] ref = reference(x, u, k);
        for (int i = 0; i < ref.length; i++) {
          assertEquals(
              ref[i],
              out[i],
              1e-4 * (1 + Math.abs(ref[i])),
              "seed=" + seed + " k=" + k + " user=" + u + " item=" + i);
        }
      }
    }
  }

  @Test
  void explanationsAddUpToTheScore() {
    Interactions x = TestData.random(3, 50, 30, 500);
    Recommender model = RecommenderTrainer.userKnn(10).fit(x);
    String user = x.userId(4);
    for (Recommendation r :
        model.recommend(user, RecommendRequest.builder().setK(5).setExplanations(100).get())) {
      double sum = 0;
      for (Contribution c : r.because()) {
        assertEquals(Contribution.Kind.NEIGHBOUR, c.kind());
        assertTrue(x.userIndex(c.id()) >= 0);
        sum += c.amount();
      }
      assertEquals(r.score(), sum, 1e-4, r.itemId());
    }
  }

  @Test
  void unknownUsersAndBadSettingsAreErrors() {
    Interactions x = TestData.random(1, 10, 10, 50);
    Recommender model = RecommenderTrainer.userKnn(50).fit(x);
    assertEquals(
        RecommenderTrainer.popularity().fit(x).recommend("nobody", 5),
        model.recommend("nobody", 5),
        "a user the model does not know gets the non-personalised list");
    assertThrows(
        IllegalArgumentException.class, () -> model.explain(x.userId(0), "no-such-item", 3));
    assertThrows(IllegalArgumentException.class, () -> RecommenderTrainer.userKnn(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecommenderTrainer.userKnn(50).fit(Interactions.builder().build()));
  }
}
