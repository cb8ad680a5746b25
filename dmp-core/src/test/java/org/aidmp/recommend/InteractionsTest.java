package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InteractionsTest {

  @Test
  void weighsEventTypesAndCombinesRepeats() {
    Interactions sum =
        Interactions.builder()
            .add("u1", "a", "view", 0)
            .add("u1", "a", "view", 1)
            .add("u1", "a", "purchase", 2)
            .add("u2", "b", "cart", 3)
            .build();
    assertEquals(1 + 1 + 5, sum.weight(sum.userIndex("u1"), sum.itemIndex("a")));
    assertEquals(3, sum.weight(sum.userIndex("u2"), sum.itemIndex("b")));
    assertEquals(0, sum.weight(sum.userIndex("u2"), sum.itemIndex("a")));
    Interactions max =
        Interactions.builder()
            .setCombine(Interactions.Combine.MAX)
            .add("u1", "a", "view", 0)
            .add("u1", "a", "purchase", 1)
            .add("u1", "a", "view", 2)
            .build();
    assertEquals(5, max.weight(0, 0));
    assertEquals(-1, max.userIndex("nobody"));
    assertEquals(-1, max.itemIndex("nothing"));
  }

  @Test
  void timeDecayHalvesTheWeightPerHalfLife() {
    long day = Duration.ofDays(1).toMillis();
    Interactions x =
        Interactions.builder()
            .setTimeDecay(Duration.ofDays(10), 100 * day)
            .add("u", "now", "purchase", 100 * day)
            .add("u", "old", "purchase", 90 * day)
            .add("u", "older", "purchase", 80 * day)
            .add("u", "future", "purchase", 120 * day)
            .build();
    assertEquals(5f, x.weight(0, x.itemIndex("now")), 1e-6f);
    assertEquals(2.5f, x.weight(0, x.itemIndex("old")), 1e-6f);
    assertEquals(1.25f, x.weight(0, x.itemIndex("older")), 1e-6f);
    assertEquals(5f, x.weight(0, x.itemIndex("future")), 1e-6f);
  }

  @Test
  void userAndItemListsAgreeWithTheAddedPairs() {
    SplittableRandom rnd = new SplittableRandom(7);
    Interactions.Builder b = Interactions.builder().setWeights(Map.of("e", 1f));
    Map<String, Float> truth = new HashMap<>();
    for (int n = 0; n < 5000; n++) {
      String u = "u" + rnd.nextInt(200);
      String i = "i" + rnd.nextInt(300);
      b.add(u, i, "e", n);
      truth.merge(u + "|" + i, 1f, Float::sum);
    }
    Interactions x = b.build();
    assertEquals(truth.size(), x.nonZeros(), "one entry per distinct pair");
    int fromItems = 0;
    for (int i = 0; i < x.itemCount(); i++) {
      for (int e = x.itemStart(i); e < x.itemEnd(i); e++) {
        int u = x.itemUserArray()[e];
        String key = x.userId(u) + "|" + x.itemId(i);
        assertEquals(truth.get(key), x.itemValueArray()[e], key);
        assertEquals(truth.get(key), x.weight(u, i), key);
        fromItems++;
      }
    }
    assertEquals(truth.size(), fromItems);
    for (int u = 0; u < x.userCount(); u++) {
      for (int e = x.userStart(u) + 1; e < x.userEnd(u); e++) {
        assertTrue(x.userItemArray()[e - 1] < x.userItemArray()[e], "sorted items of user " + u);
      }
    }
  }

  @Test
  void badOptionsAndUnknownTypesAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Interactions.builder().add("u", "i", "wishlist", 0));
    assertTrue(e.getMessage().contains("wishlist") && e.getMessage().contains("setWeight"));
    assertThrows(IllegalArgumentException.class, () -> Interactions.builder().setWeight("view", 0));
    assertThrows(
        IllegalArgumentException.class, () -> Interactions.builder().setWeight("view", Float.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> Interactions.builder().setTimeDecay(Duration.ZERO, 0));
    Interactions.Builder started = Interactions.builder().add("u", "i", "view", 0);
    assertThrows(IllegalStateException.class, () -> started.setWeight("view", 2));
    Interactions empty = Interactions.builder().build();
    assertEquals(0, empty.nonZeros());
  }
}
