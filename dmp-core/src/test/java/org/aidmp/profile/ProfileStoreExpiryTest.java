package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.state.ExpiryReceipt;
import org.junit.jupiter.api.Test;

/**
 * Retention on the aggregate store: a type's aggregate goes once its latest event is past the
 * type's cutoff, attributes go when the user's latest kept event is past theirs, users left with
 * nothing are forgotten, and what is within its TTL stays.
 */
class ProfileStoreExpiryTest {
  private static final long DAY = Fixtures.DAY;
  private static final long NOW = Fixtures.T0 + 400 * DAY;

  /** Views expire after 90 days, age after 180 days without activity; the rest is kept. */
  private static ProfileStore.Expiry views90AndAge180() {
    return new ProfileStore.Expiry() {
      @Override
      public Instant asOf() {
        return Instant.ofEpochMilli(NOW);
      }

      @Override
      public long eventCutoff(String type) {
        return type.equals("view") ? NOW - 90 * DAY : Long.MIN_VALUE;
      }

      @Override
      public long attributeCutoff(String name) {
        return name.equals("age") ? NOW - 180 * DAY : Long.MIN_VALUE;
      }
    };
  }

  private static ProfileStore store() {
    ProfileStore s = ProfileStore.builder().setAffinityWeight("buy", 0).build();
    // a: old views (expire), recent buys (stay); age stays: latest kept event is recent.
    s.accept(new Event("a", NOW - 200 * DAY, "view", "i1", "books", Double.NaN));
    s.accept(new Event("a", NOW - 100 * DAY, "view", "i2", "books", Double.NaN));
    s.accept(new Event("a", NOW - 10 * DAY, "buy", "i3", "books", 20.0));
    // b: only old views: every event expires, so does the age with a TTL; country has none.
    s.accept(new Event("b", NOW - 300 * DAY, "view", "i1", "music", Double.NaN));
    // c: a view within 90 days: its aggregate stays, the older view with it.
    s.accept(new Event("c", NOW - 120 * DAY, "view", "i1", "toys", Double.NaN));
    s.accept(new Event("c", NOW - 30 * DAY, "view", "i2", "toys", Double.NaN));
    // d: old views and an age, nothing else: left empty, so forgotten.
    s.accept(new Event("d", NOW - 150 * DAY, "view", "i1", "toys", Double.NaN));
    // e: a buy 200 days ago: the buy stays (no TTL), the age goes (latest event > 180 days old).
    s.accept(new Event("e", NOW - 200 * DAY, "buy", "i5", null, 5.0));
    Fixtures.join(
        s,
        new Object[] {"a", "31", "FR", true},
        new Object[] {"b", "40", "DE", null},
        new Object[] {"c", "22", null, null},
        new Object[] {"d", "fifty-d", null, null},
        new Object[] {"e", "60", null, null});
    return s;
  }

  @Test
  void expiredTypesAndAttributesLeaveAndTheRestStays() {
    ProfileStore s = store();
    List<String> emptied = new ArrayList<>();

    ExpiryReceipt r = s.expire(views90AndAge180(), emptied::add);

    UserProfile a = s.get("a").orElseThrow();
    assertEquals(0, a.count("view"), "a's views are all older than 90 days");
    assertEquals(1, a.count("buy"));
    assertEquals(1, a.eventCount(), "the views left the total too");
    assertEquals(20.0, a.totalValue());
    assertEquals(NOW - 10 * DAY, a.lastSeen().orElseThrow());
    assertTrue(a.affinities(NOW).isEmpty(), "only views weighed on affinity, and they are gone");
    assertEquals("31", a.attribute("age"), "a was active 10 days ago: the age stays");

    UserProfile b = s.get("b").orElseThrow();
    assertFalse(b.hasEvents());
    assertNull(b.attribute("age"), "no activity left to measure the age's TTL from");
    assertEquals("DE", b.attribute("country"), "no TTL for country: it stays, and keeps b");

    UserProfile c = s.get("c").orElseThrow();
    assertEquals(2, c.count("view"), "c's latest view is within 90 days: the aggregate stays");
    assertEquals("22", c.attribute("age"));

    assertFalse(s.contains("d"), "d had nothing left and was forgotten");
    assertEquals(List.of("d"), emptied);

    UserProfile e = s.get("e").orElseThrow();
    assertEquals(1, e.count("buy"));
    assertNull(e.attribute("age"), "e's latest event is 200 days old: past the age's 180");

    assertEquals(Map.of("view", 4L), r.eventsByType(), "a 2 + b 1 + d 1 views");
    assertEquals(Map.of("age", 3L), r.attributesByName(), "b, d and e");
    assertEquals(3, r.usersTrimmed(), "a, b, e");
    assertEquals(1, r.usersEmptied());
    assertEquals(Instant.ofEpochMilli(NOW), r.asOf());
  }

  @Test
  void aSecondPassRemovesNothingMore() {
    ProfileStore s = store();
    s.expire(views90AndAge180());
    ExpiryReceipt again = s.expire(views90AndAge180());
    assertFalse(again.any());
    assertEquals(0, again.eventsRemoved());
    assertEquals(0, again.attributesRemoved());
  }

  @Test
  void aSnapshotWrittenAfterExpiryHoldsNoneOfIt() throws IOException {
    ProfileStore s = store();
    s.expire(views90AndAge180());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bytes));
    ProfileStore back =
        ProfileStore.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(s.userIds(), back.userIds());
    assertFalse(back.contains("d"));
    assertEquals(0, back.get("a").orElseThrow().count("view"));
    assertNull(back.get("b").orElseThrow().attribute("age"));
    assertEquals("31", back.get("a").orElseThrow().attribute("age"));
    assertFalse(
        new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)
            .contains("fifty-d"),
        "d's age is still in the written store");
  }

  @Test
  void listenersHearOfTrimmedAndOfEmptiedUsers() {
    ProfileStore s = store();
    List<String> trimmed = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    LiveStore.of(s).addExpiryListener((id, slot) -> trimmed.add(id));
    LiveStore.of(s).addForgetListener((id, slot) -> forgotten.add(id));
    s.expire(views90AndAge180());
    assertEquals(List.of("a", "b", "e"), trimmed);
    assertEquals(List.of("d"), forgotten);
  }

  @Test
  void anEventAfterThePassIsKept() {
    ProfileStore s = store();
    s.expire(views90AndAge180());
    s.accept(new Event("d", NOW, "view"));
    assertEquals(1, s.get("d").orElseThrow().eventCount(), "a new event starts a fresh profile");
    assertFalse(s.expire(views90AndAge180()).any());
  }

  @Test
  void allowedAttributesKeepOnlyTheListedColumns() {
    ProfileStore s = ProfileStore.builder().setAllowedAttributes(List.of("age", "vip")).build();
    Fixtures.join(s, new Object[] {"a", "31", "FR", true});
    UserProfile a = s.get("a").orElseThrow();
    assertEquals("31", a.attribute("age"));
    assertEquals(true, a.attribute("vip"));
    assertNull(a.attribute("country"));
    assertEquals(List.of("age", "vip"), s.attributeNames(), "the dropped name is not recorded");
  }
}
