package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserProfileTest {
  private static final long DAY = 86_400_000L;

  @Test
  void isASnapshotThatLaterEventsDoNotChange() {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("u", DAY, "buy", "i", "books", 10));
    UserProfile before = store.get("u").orElseThrow();
    store.accept(new Event("u", 2 * DAY, "buy", "j", "books", 5));
    store.accept(new Event("u", 2 * DAY, "view", "j", "music", Double.NaN));
    assertEquals(1, before.eventCount());
    assertEquals(10, before.totalValue());
    assertEquals(Map.of("buy", 1L), before.counts());
    assertEquals(1, before.affinity("books", DAY), 1e-15);
    assertEquals(0, before.affinity("music", DAY));
    UserProfile after = store.get("u").orElseThrow();
    assertEquals(3, after.eventCount());
    assertEquals(Map.of("buy", 2L, "view", 1L), after.counts());
  }

  @Test
  void recencyIsInDaysAndNeverNegative() {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("u", 10 * DAY, "view"));
    UserProfile p = store.get("u").orElseThrow();
    assertEquals(2.5, p.recencyDays(12 * DAY + DAY / 2), 1e-12);
    assertEquals(0, p.recencyDays(5 * DAY));
    assertEquals(10 * DAY, p.firstSeen().getAsLong());
    assertEquals(10 * DAY, p.lastSeen().getAsLong());
  }

  @Test
  void totalAffinityIsTheSumOverCategories() {
    ProfileStore store = ProfileStore.builder().setHalfLife(Duration.ofDays(1)).build();
    store.accept(new Event("u", 0, "view", null, "a", Double.NaN));
    store.accept(new Event("u", DAY, "view", null, "b", Double.NaN));
    store.accept(new Event("u", DAY, "view", null, "b", Double.NaN));
    UserProfile p = store.get("u").orElseThrow();
    assertEquals(0.5 + 2, p.totalAffinity(DAY), 1e-12);
    assertEquals(Map.of("a", 0.5, "b", 2.0), p.affinities(DAY));
  }

  @Test
  void unknownNamesGiveZerosAndEmpties() {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("u", 1, "view"));
    UserProfile p = store.get("u").orElseThrow();
    assertEquals(0, p.count("nope"));
    assertEquals(0, p.value("nope"));
    assertTrue(p.lastSeen("nope").isEmpty());
    assertEquals(0, p.affinity("nope", 1));
    assertEquals(null, p.attribute("nope"));
    assertThrows(UnsupportedOperationException.class, () -> p.counts().put("x", 1L));
  }
}
