package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopularityTest {
  private static Interactions sample() {
    return Interactions.builder()
        .setWeights(Map.of("e", 1f))
        .add("a1", "x", "e", 0)
        .add("a2", "x", "e", 0)
        .add("a3", "x", "e", 0)
        .add("b1", "y", "e", 0)
        .add("b2", "y", "e", 0)
        .add("b1", "z", "e", 0)
        .add("a1", "z", "e", 0)
        .build();
  }

  private static List<String> ids(List<Recommendation> recs) {
    return recs.stream().map(Recommendation::itemId).toList();
  }

  @Test
  void globalRankingCountsUsersAndServesUnknownUsers() {
    Recommender model = RecommenderTrainer.popularity().fit(sample());
    assertEquals(List.of("x", "y", "z"), ids(model.recommend("stranger", 3)));
    assertEquals(List.of("y"), ids(model.recommend("a1", 3)), "seen items are excluded");
    assertEquals(3f, model.recommend("stranger", 1).get(0).score());
  }

  @Test
  void perSegmentRankingFallsBackToGlobal() {
    Recommender model =
        RecommenderTrainer.popularity(
                u ->
                    u.startsWith("a")
                        ? Integer.valueOf(0)
                        : u.startsWith("b") ? Integer.valueOf(1) : null)
            .fit(sample());
    assertEquals(List.of("y", "z", "x"), ids(model.recommend("b9", 3)));
    assertEquals(List.of("x", "z", "y"), ids(model.recommend("a9", 3)));
    assertEquals(List.of("x", "y", "z"), ids(model.recommend("c9", 3)), "no segment: global");
    List<Contribution> why = model.explain("b9", "y", 1);
    assertEquals("segment 1", why.get(0).id());
    assertEquals(2f, why.get(0).amount());
  }
}
