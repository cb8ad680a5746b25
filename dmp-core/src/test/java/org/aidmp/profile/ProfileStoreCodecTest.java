package org.aidmp.profile;

import static org.aidmp.profile.Fixtures.DAY;
import static org.aidmp.profile.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.junit.jupiter.api.Test;

class ProfileStoreCodecTest {
  static byte[] bytes(ProfileStore store) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      store.write(out);
    }
    return b.toByteArray();
  }

  static ProfileStore read(byte[] b) throws IOException {
    return ProfileStore.read(new DataInputStream(new ByteArrayInputStream(b)));
  }

  private static void assertSameProfiles(ProfileStore a, ProfileStore b, String where) {
    assertEquals(a.userIds(), b.userIds(), where);
    assertEquals(a.eventCount(), b.eventCount(), where);
    assertEquals(a.latestEventTime(), b.latestEventTime(), where);
    assertEquals(a.eventTypes(), b.eventTypes(), where);
    assertEquals(a.categories(), b.categories(), where);
    assertEquals(a.attributeNames(), b.attributeNames(), where);
    long asOf = T0 + 61 * DAY;
    for (String id : a.userIds()) {
      UserProfile p = a.get(id).orElseThrow();
      UserProfile q = b.get(id).orElseThrow();
      String w = where + ", user " + id;
      assertEquals(p.eventCount(), q.eventCount(), w);
      assertEquals(p.firstSeen(), q.firstSeen(), w);
      assertEquals(p.lastSeen(), q.lastSeen(), w);
      assertEquals(p.totalValue(), q.totalValue(), w);
      assertEquals(p.valuedEventCount(), q.valuedEventCount(), w);
      assertEquals(p.counts(), q.counts(), w);
      assertEquals(p.affinities(asOf), q.affinities(asOf), w);
      assertEquals(p.distinctItems(), q.distinctItems(), w);
      assertEquals(p.distinctItemsSaturated(), q.distinctItemsSaturated(), w);
      assertEquals(p.attributes(), q.attributes(), w);
      for (String t : a.eventTypes()) {
        assertEquals(p.lastSeen(t), q.lastSeen(t), w);
        assertEquals(p.value(t), q.value(t), w);
      }
    }
  }

  @Test
  void roundTripsAndKeepsFoldingEventsTheSameWay() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      ProfileStore store = Fixtures.randomStore(seed, 80);
      ProfileStore back = read(bytes(store));
      assertSameProfiles(store, back, "seed " + seed);
      assertEquals(store.halfLife(), back.halfLife());
      assertEquals(store.distinctItemLimit(), back.distinctItemLimit());
      // Both go on identically: same new events, same profiles, same feature rows.
      List<Event> more =
          ProfileStoreTest.randomEvents(new SplittableRandom(seed), 500, 90, 70 * DAY);
      more.forEach(store::accept);
      more.forEach(back::accept);
      assertSameProfiles(store, back, "seed " + seed + " after more events");
      FeatureSpec spec =
          FeatureSpec.builder()
              .setGroups(EnumSet.allOf(FeatureSpec.FeatureGroup.class))
              .setNumericAttributes(List.of("age"))
              .setCategoricalAttributes(List.of("country"))
              .get();
      assertArrayEquals(spec.fit(store).matrix().data, spec.fit(back).matrix().data);
      assertArrayEquals(bytes(store), bytes(back), "seed " + seed);
    }
  }

  @Test
  void keepsAffinityWeightsAndEveryAttributeType() throws IOException {
    ProfileStore store = ProfileStore.builder().setAffinityWeight("buy", 4).build();
    Schema schema =
        Schema.builder()
            .add("id", ColumnType.STRING)
            .add("s", ColumnType.STRING)
            .add("i", ColumnType.INT)
            .add("l", ColumnType.LONG)
            .add("d", ColumnType.DOUBLE)
            .add("b", ColumnType.BOOLEAN)
            .add("t", ColumnType.TIMESTAMP)
            .build();
    String longText = "x".repeat(70_000);
    Record r = Record.of(schema, "u", longText, 1, 2L, 3.5, true, Instant.ofEpochSecond(9, 7));
    store.joinAttributes(Source.of(schema, "a", List.of(r)), "id", BadRecordPolicy.FAIL, null);
    ProfileStore back = read(bytes(store));
    assertEquals(4.0, back.affinityWeight("buy"));
    assertEquals(
        store.get("u").orElseThrow().attributes(), back.get("u").orElseThrow().attributes());
    assertEquals(longText, back.get("u").orElseThrow().attribute("s"));
  }

  @Test
  void erasedUsersAreNotWritten() throws IOException {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("gone", 1, "view"));
    store.accept(new Event("kept", 1, "view"));
    store.erase("gone");
    byte[] b = bytes(store);
    assertFalse(new String(b, java.nio.charset.StandardCharsets.UTF_8).contains("gone"));
    assertEquals(List.of("kept"), read(b).userIds());
  }

  @Test
  void rejectsForeignCutOrInconsistentInput() throws IOException {
    byte[] good = bytes(Fixtures.randomStore(2, 10));
    byte[] foreign = good.clone();
    foreign[0] = 'X';
    assertTrue(
        assertThrows(IOException.class, () -> read(foreign))
            .getMessage()
            .contains("not a profile store"));
    byte[] version = good.clone();
    version[7] = 5;
    assertThrows(IOException.class, () -> read(version));
    assertThrows(IOException.class, () -> read(Arrays.copyOf(good, good.length - 20)));

    // A user referring to a category whose name is missing.
    ProfileStore one = ProfileStore.create();
    one.accept(new Event("u", 1, "view", null, "c", Double.NaN));
    byte[] b = bytes(one);
    // The category names block holds one name ("c", 1 byte): its count sits before it.
    int at = indexOfNames(b);
    b[at + 3] = 0;
    IOException e = assertThrows(IOException.class, () -> read(Arrays.copyOf(b, b.length)));
    assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
  }

  /** The offset of the category-name count: after the end-of-users flag and the type names. */
  private static int indexOfNames(byte[] b) {
    // Types block: count 1, then length 4 + "view"; find "view" and step past it.
    for (int i = 0; i + 4 <= b.length; i++) {
      if (b[i] == 'v' && b[i + 1] == 'i' && b[i + 2] == 'e' && b[i + 3] == 'w') {
        if (i >= 8 && b[i - 1] == 4 && b[i - 5] == 1) {
          return i + 4;
        }
      }
    }
    throw new AssertionError("names block not found");
  }
}
