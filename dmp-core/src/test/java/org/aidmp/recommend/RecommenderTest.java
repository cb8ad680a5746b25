package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecommenderTest {
  /** A model with fixed scores, to test the ranking rules alone. */
  private static Recommender fixed(Interactions x, float... scores) {
    return new Recommender() {
      @Override
      public Interactions interactions() {
        return x;
      }

      @Override
      public void score(String userId, float[] out) {
        System.arraycopy(scores, 0, out, 0, scores.length);
      }
    };
  }

  private static Interactions catalogue() {
    Interactions.Builder b = Interactions.builder().setWeights(Map.of("e", 1f));
    for (String item : List.of("a", "b", "c", "d", "e")) {
      b.add("other", item, "e", 0);
    }
    return b.add("me", "b", "e", 0).build();
  }

  private static List<String> ids(List<Recommendation> recs) {
    return recs.stream().map(Recommendation::itemId).toList();
  }

  @Test
  void filtersBoostsAndSeenPolicy() {
    Interactions x = catalogue();
    // item order in the catalogue: a b c d e
    Recommender m = fixed(x, 1, 5, 3, 3, 0);
    assertEquals(List.of("c", "d", "a", "e"), ids(m.recommend("me", 10)));
    assertEquals(
        List.of("b", "c", "d"),
        ids(m.recommend("me", RecommendRequest.builder().setK(3).setIncludeSeen(true).get())));
    assertEquals(
        List.of("c", "a", "e"),
        ids(m.recommend("me", RecommendRequest.builder().addFilter(i -> !i.equals("d")).get())));
    List<Recommendation> boosted =
        m.recommend("me", RecommendRequest.builder().addBoost(Set.of("e")::contains, 10).get());
    assertEquals(List.of("e", "c", "d", "a"), ids(boosted));
    assertEquals(10f, boosted.get(0).score());
    assertTrue(boosted.get(0).because().isEmpty(), "no explanations unless requested");
  }

  @Test
  void topKMatchesAFullSort() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
    for (int trial = 0; trial < 200; trial++) {
      int n = rnd.nextInt(0, 60);
      float[] s = new float[n];
      Integer[] idx = new Integer[n];
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        s[i] = rnd.nextInt(5) == 0 ? Float.NEGATIVE_INFINITY : rnd.nextInt(6);
        idx[i] = i;
        ids.add("id" + rnd.nextInt(1000) + "_" + i);
      }
      int k = rnd.nextInt(1, 20);
      Arrays.sort(
          idx,
          (a, b) -> s[a] != s[b] ? Float.compare(s[b], s[a]) : ids.get(a).compareTo(ids.get(b)));
      List<Integer> expected =
          Arrays.stream(idx).filter(i -> s[i] != Float.NEGATIVE_INFINITY).limit(k).toList();
      List<Integer> actual = Arrays.stream(TopK.select(s, n, k, ids)).boxed().toList();
      assertEquals(expected, actual, "trial " + trial + " scores " + Arrays.toString(s));
    }
  }

  @Test
  void badRequestsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RecommendRequest.builder().setK(0));
    assertThrows(
        IllegalArgumentException.class, () -> RecommendRequest.builder().setExplanations(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecommendRequest.builder().addBoost(i -> true, Float.NaN));
  }
}
