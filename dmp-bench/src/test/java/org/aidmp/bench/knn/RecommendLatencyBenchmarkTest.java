package org.aidmp.bench.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommendation;
import org.junit.jupiter.api.Test;

class RecommendLatencyBenchmarkTest {

  @Test
  void everyMethodReturnsTenUnseenItems() {
    for (String method : List.of("popularity", "user-knn", "item-knn", "ease")) {
      RecommendLatencyBenchmark b = new RecommendLatencyBenchmark();
      b.method = method;
      b.users = 200;
      b.items = 300;
      b.interactions = 8000;
      b.setUp();
      Interactions x = b.model.interactions();
      assertTrue(x.userCount() > 150 && x.itemCount() > 250, x.toString());
      for (int n = 0; n < 5; n++) {
        int u = n;
        List<Recommendation> recs = b.recommend();
        assertEquals(10, recs.size(), method);
        Set<String> distinct = new HashSet<>();
        for (Recommendation r : recs) {
          assertEquals(
              0f, x.weight(u, x.itemIndex(r.itemId())), method + " recommended a seen item");
          assertTrue(distinct.add(r.itemId()));
        }
      }
    }
  }
}
