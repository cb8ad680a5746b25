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
  void readingAheadBeforeEachAcceptChangesNoOutcome() {
    // Read ahead in runs of 5 (groups cut short and spanning runs), then accept one at a time,
    // as a stream consumer does; every outcome and the end state match plain accepts.
    List<Event> events = new ArrayList<>(Fixtures.events(503, 40, TYPES, 7));
    events.set(9, new Event("u3", NOW, "no-such-type"));
    events.set(250, null);
    try (FeedbackUpdater ahead = updater(BadRecordPolicy.SKIP);
        FeedbackUpdater plain = updater(BadRecordPolicy.SKIP)) {
      for (int from = 0; from < events.size(); from += 5) {
        List<Event> run = events.subList(from, Math.min(events.size(), from + 5));
        ahead.readAhead(run);
        for (Event e : run) {
          assertEquals(plain.accept(e), ahead.accept(e), String.valueOf(e));
        }
      }
      assertEquals(501, ahead.stats().accepted());
      assertEquals(plain.snapshot(), ahead.snapshot());
    }
  }

  @Test
  void readingAheadAloneChangesNothing() {
    try (FeedbackUpdater u = updater(BadRecordPolicy.SKIP)) {
      List<Event> first = Fixtures.events(30, 6, TYPES, 8);
      u.acceptAll(first);
      FeedbackSnapshot before = u.snapshot();
      List<Event> more = new ArrayList<>(Fixtures.events(20, 12, TYPES, 9));
      more.add(null);
      more.add(new Event("someone-new", NOW, "no-such-type"));
      u.readAhead(more);
      u.readAhead(List.of());
      assertEquals(before, u.snapshot());
      assertEquals(30, u.stats().accepted());
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
