package org.aidmp.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aidmp.recommend.Interaction;
import org.junit.jupiter.api.Test;

class SplitTest {
  private static List<Interaction> events(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Interaction> out = new ArrayList<>();
    for (int n = 0; n < 2000; n++) {
      out.add(
          new Interaction(
              "u" + rnd.nextInt(50),
              "i" + rnd.nextInt(400),
              "view",
              rnd.nextLong(1_000_000),
              Double.NaN));
    }
    out.add(new Interaction("lonely", "i1", "view", 5, Double.NaN));
    return out;
  }

  private static Map<String, Integer> countByUser(List<Interaction> l) {
    Map<String, Integer> m = new HashMap<>();
    l.forEach(e -> m.merge(e.userId(), 1, Integer::sum));
    return m;
  }

  @Test
  void randomHoldoutPartitionsEachUserAndIsSeeded() {
    List<Interaction> all = events(1);
    Split s = Split.randomHoldout(all, 0.2, 42);
    assertEquals(all.size(), s.train().size() + s.test().size());
    assertEquals(new HashSet<>(all), union(s));
    Map<String, Integer> total = countByUser(all);
    Map<String, Integer> test = countByUser(s.test());
    for (Map.Entry<String, Integer> e : total.entrySet()) {
      int n = e.getValue();
      int expected = n < 2 ? 0 : Math.min(n - 1, Math.max(1, (int) Math.round(n * 0.2)));
      assertEquals(expected, test.getOrDefault(e.getKey(), 0), e.getKey());
    }
    assertEquals(s, Split.randomHoldout(all, 0.2, 42), "same seed, same split");
    assertTrue(!s.equals(Split.randomHoldout(all, 0.2, 43)), "another seed, another split");
    assertThrows(IllegalArgumentException.class, () -> Split.randomHoldout(all, 1.0, 1));
  }

  @Test
  void leaveLastOutHoldsTheLatestEventPerUser() {
    List<Interaction> all = events(2);
    Split s = Split.leaveLastOut(all);
    assertEquals(new HashSet<>(all), union(s));
    Map<String, Long> latest = new HashMap<>();
    all.forEach(e -> latest.merge(e.userId(), e.timestampMillis(), Math::max));
    assertEquals(latest.size() - 1, s.test().size(), "all but the single-event user");
    for (Interaction e : s.test()) {
      assertEquals(latest.get(e.userId()), e.timestampMillis());
    }
  }

  @Test
  void atTimeCutsEveryoneAtOneMomentAndJoinsTheHalvesOnTheUser() {
    List<Interaction> all = new ArrayList<>(events(3));
    all.add(new Interaction("newcomer", "i2", "view", 900_000, Double.NaN));
    long cutoff = 700_000;
    Split s = Split.atTime(all, cutoff);
    for (Interaction e : s.train()) {
      assertTrue(e.timestampMillis() < cutoff, "train is before the cut-off");
    }
    for (Interaction e : s.test()) {
      assertTrue(e.timestampMillis() >= cutoff, "test is at or after it");
    }
    Map<String, Integer> trainUsers = countByUser(s.train());
    assertTrue(s.test().stream().allMatch(e -> trainUsers.containsKey(e.userId())));
    assertFalse(
        s.test().stream().anyMatch(e -> e.userId().equals("newcomer")),
        "a user first seen after the cut-off is left out");
    long before = all.stream().filter(e -> e.timestampMillis() < cutoff).count();
    long afterKnown =
        all.stream()
            .filter(e -> e.timestampMillis() >= cutoff && trainUsers.containsKey(e.userId()))
            .count();
    assertEquals(before, s.train().size());
    assertEquals(afterKnown, s.test().size());
    assertTrue(s.test().size() > 0 && s.train().size() > 0);
  }

  private static HashSet<Interaction> union(Split s) {
    HashSet<Interaction> u = new HashSet<>(s.train());
    u.addAll(s.test());
    return u;
  }
}
