package org.aidmp.feedback;

import static org.aidmp.feedback.Fixtures.CLOCK;
import static org.aidmp.feedback.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.live.LiveStore;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  private static final int TYPES = 6;

  private static FeedbackUpdater updater(BadRecordPolicy policy) {
    return FeedbackUpdater.newBuilder()
        .setConfig(
            FeedbackConfig.builder()
                .setEventTypes(Fixtures.types(TYPES))
                .setHalfLife(500)
                .setDriftBatch(37)
                .setBadEventPolicy(policy)
                .get())
        .setCentroids(Fixtures.centroids(5, TYPES, 3))
        .setEncoder(Fixtures.encoder(TYPES))
        .setClock(CLOCK)
        .build();
  }

  @Test
  void aBatchEndsWhereOneEventAtATimeEnds() {
    // 1,003 events: whole groups and a short last one, bad events and nulls among them.
    List<Event> events = new ArrayList<>(Fixtures.events(1_003, 40, TYPES, 5));
    events.set(17, new Event("u3", NOW, "no-such-type"));
    events.set(500, null);
    try (FeedbackUpdater batch = updater(BadRecordPolicy.SKIP);
        FeedbackUpdater single = updater(BadRecordPolicy.SKIP)) {
      long accepted = batch.acceptAll(events);
      long one = 0;
      for (Event e : events) {
        one += single.accept(e) ? 1 : 0;
      }
      assertEquals(one, accepted);
      assertEquals(1_001, accepted);
      assertEquals(single.snapshot(), batch.snapshot());
    }
  }

  @Test
  void strictModeStopsAtTheFirstBadEventOfAGroup() {
    List<Event> events = new ArrayList<>(Fixtures.events(20, 4, TYPES, 6));
    events.set(11, new Event("u1", NOW, "no-such-type"));
    try (FeedbackUpdater u = updater(BadRecordPolicy.FAIL)) {
      assertThrows(BadRecordException.class, () -> u.acceptAll(events));
      // Events 0-10 went in, the read-ahead of 8-15 changed nothing, 12-19 were never taken.
      assertEquals(11, u.stats().accepted());
    }
  }

  @Test
  void theStoresReadAheadFindsSlotsAndChangesNothing() {
    ProfileStore store = ProfileStore.create();
    store.accept(new Event("a", NOW, "t0"));
    store.accept(new Event("b", NOW, "t1"));
    LiveStore hooks = LiveStore.of(store);
    int[] slots = new int[4];
    int a = hooks.ensure("a");
    int b = hooks.ensure("b");
    Event[] group = {
      new Event("b", NOW, "t1"), null, new Event("new", NOW, "t0"), new Event("a", NOW, "t9")
    };
    hooks.warm(group, 4, slots);
    assertArrayEquals(new int[] {b, -1, -1, a}, slots);
    assertEquals(2, store.size());
    assertEquals(2, store.eventCount());
    assertEquals(List.of("t0", "t1"), store.eventTypes());
  }
}
