package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.ItemKnn;
import org.aidmp.recommend.Popularity;
import org.junit.jupiter.api.Test;

class RecommendAdaptersTest {
  private static Interactions interactions() {
    Interactions.Builder b = Interactions.builder();
    // Segment 0 users like a*, segment 1 users like b*; "x" is liked by everyone.
    for (int u = 0; u < 6; u++) {
      String user = "u" + u;
      String prefix = u < 3 ? "a" : "b";
      for (int i = 0; i <= u % 3; i++) {
        b.add(user, prefix + i, "view", 1000L * u + i);
      }
      b.add(user, "x", "view", 1000L * u + 9);
    }
    return b.build();
  }

  private static final Map<String, Integer> SEGMENTS =
      Map.of("u0", 0, "u1", 0, "u2", 0, "u3", 1, "u4", 1, "u5", 1);

  @Test
  void popularityMatchesTheBatchPopularityRecommender() {
    Interactions x = interactions();
    SegmentPopularity live = RecommendAdapters.popularity(x, SEGMENTS::get);
    var batch = Popularity.builder().setSegments(SEGMENTS::get).get().fit(x);
    for (String user : SEGMENTS.keySet()) {
      List<String> expected =
          batch
              .recommend(
                  user,
                  org.aidmp.recommend.RecommendRequest.builder()
                      .setK(3)
                      .setSeenItems(org.aidmp.recommend.SeenItems.INCLUDE)
                      .get())
              .stream()
              .map(r -> r.itemId())
              .toList();
      assertEquals(expected, live.top(SEGMENTS.get(user), 3), "segment of " + user);
    }
    assertEquals("x", live.top(-1, 1).get(0));
    assertEquals(live.top(-1, 5), live.top(42, 5), "unknown segments get global popularity");
  }

  @Test
  void blendGivesTheLastSlotsToTheCurrentSegment() {
    Recommender personal = (u, s, n) -> u.equals("new") ? List.of() : List.of("p1", "p2", "p3");
    SegmentPopularity pop = (s, n) -> s == 0 ? List.of("p2", "s0a", "s0b") : List.of("s1a");
    Recommender r = RecommendAdapters.blend(personal, pop, 1);
    assertEquals(List.of("p1", "p2", "s0a"), r.recommend("u", 0, 3));
    assertEquals(List.of("p1", "p2", "s1a"), r.recommend("u", 1, 3));
    assertTrue(r.recommend("new", 0, 3).isEmpty(), "empty personal means cold start");
  }

  @Test
  void personalIsEmptyForUsersTheModelNeverSaw() {
    Interactions x = interactions();
    Recommender r = RecommendAdapters.personal(ItemKnn.builder().get().fit(x));
    assertTrue(r.recommend("stranger", 0, 3).isEmpty());
    List<String> recs = r.recommend("u1", 0, 3);
    assertFalse(recs.isEmpty());
    assertFalse(recs.contains("a0"), "seen items are excluded: " + recs);
  }
}
