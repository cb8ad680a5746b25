package org.aidmp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.aidmp.recommend.Interaction;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static Interaction e(String u, String i, double rating) {
    return new Interaction(u, i, "rating", 0, rating);
  }

  @Test
  void averagesOverUsersWithRelevantItemsAndSkipsUnknownUsers() {
    List<Interaction> train =
        List.of(
            e("a", "x", 5),
            e("b", "x", 5),
            e("c", "x", 5),
            e("b", "y", 5),
            e("c", "y", 5),
            e("c", "z", 5),
            e("d", "w", 5));
    Interactions x = Interactions.builder().setWeights(Map.of("rating", 1f)).addAll(train).build();
    Recommender pop = RecommenderTrainer.popularity().fit(x);
    // Popularity x 3, y 2, z 1, w 1; ties by id, so w before z. a (x seen) is offered [y, w],
    // b (x, y seen) [w, z].
    List<Interaction> test =
        List.of(
            e("a", "y", 5),
            e("a", "q", 4),
            e("b", "w", 2),
            e("b", "z", 4),
            e("d", "x", 1),
            e("stranger", "x", 5));
    EvaluationResult r =
        Evaluator.builder().setK(2).setRelevant(t -> t.value() >= 4).get().evaluate(pop, test);
    assertEquals(2, r.users(), "a and b; d has nothing relevant");
    assertEquals(1, r.skippedUsers(), "the stranger");
    assertEquals((0.5 + 0.5) / 2, r.precision(), 1e-12);
    assertEquals((0.5 + 1.0) / 2, r.recall(), 1e-12);
    assertEquals(1, r.hitRate(), 1e-12);
    double l3 = 1 / (Math.log(3) / Math.log(2));
    double ndcgA = 1 / (1 + l3);
    double ndcgB = l3;
    assertEquals((ndcgA + ndcgB) / 2, r.ndcg(), 1e-12);
    assertEquals((1.0 / 2 + 0.5 / 1) / 2, r.map(), 1e-12);
    assertEquals(3.0 / 4, r.coverage(), 1e-12, "y, z and w of four items");
  }

  @Test
  void itemsTheUserHadInTrainingAreNotRelevantUnlessSeenItemsMayReturn() {
    List<Interaction> train =
        List.of(e("a", "x", 5), e("b", "x", 5), e("b", "y", 5), e("c", "y", 5), e("c", "z", 5));
    Interactions x = Interactions.builder().setWeights(Map.of("rating", 1f)).addAll(train).build();
    Recommender pop = RecommenderTrainer.popularity().fit(x);
    // a bought x again and then y; b bought x again only (so b has nothing new to find)
    List<Interaction> test = List.of(e("a", "x", 5), e("a", "y", 5), e("b", "x", 5));

    EvaluationResult excluded = Evaluator.builder().setK(1).get().evaluate(pop, test);
    // a is offered [y] (x is seen) and y is the one relevant item: recall 1; b is left out
    assertEquals(1, excluded.users());
    assertEquals(1.0, excluded.recall(), 1e-12);

    EvaluationResult included =
        Evaluator.builder().setK(1).setIncludeSeen(true).get().evaluate(pop, test);
    // x and y tie at 2 with x first: a is offered [x] of {x, y}, b [x] of {x}
    assertEquals(2, included.users());
    assertEquals((0.5 + 1.0) / 2, included.recall(), 1e-12);
    Evaluator copied = Evaluator.builder().setK(1).setIncludeSeen(true).get().toBuilder().get();
    assertEquals(2, copied.evaluate(pop, test).users(), "toBuilder keeps the seen-items rule");
  }

  @Test
  void meanOfResultsWeighsEachEqually() {
    EvaluationResult a = new EvaluationResult(10, 5, 0, 0.2, 0.4, 0.6, 0.1, 0.5, 0.3);
    EvaluationResult b = new EvaluationResult(10, 7, 1, 0.4, 0.2, 0.2, 0.3, 0.7, 0.1);
    EvaluationResult m = EvaluationResult.mean(List.of(a, b));
    assertEquals(12, m.users());
    assertEquals(0.3, m.precision(), 1e-12);
    assertEquals(0.4, m.ndcg(), 1e-12);
  }
}
