package org.aidmp.bench.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.profile.Event;
import org.junit.jupiter.api.Test;

/** The benchmark's two sides compute the same thing on the benchmark's own inputs. */
class FeedbackBenchmarkTest {
  @Test
  void updaterAndPeerAgreeOnSegmentsAndCountEveryEvent() {
    FeedbackBenchmark.Inputs in = FeedbackBenchmark.Inputs.make(64, 64, 500, 20_000, 42);
    NaiveFeedback naive = in.naive();
    try (FeedbackUpdater updater = in.updater()) {
      int disagree = 0;
      for (Event e : in.events) {
        assertTrue(updater.accept(e));
        int peer = naive.accept(e);
        if (peer != updater.segmentOf(e.userId())) {
          disagree++;
        }
      }
      assertEquals(20_000, updater.stats().accepted());
      assertEquals(1 + 20_000 / FeedbackBenchmark.Inputs.BATCH, updater.modelVersion());
      // Float kernels (possibly SIMD) against a double loop: near-ties may break differently,
      // and the peer's centroids then drift a hair apart; nearly all must agree.
      assertTrue(disagree < 20, disagree + " of 20000 assignments differ");
      assertTrue(updater.stats().segmentChanges() > 500, updater.stats().toString());
    }
  }

  @Test
  void freshIdsAreOwnCopiesOfTheSameStream() {
    FeedbackBenchmark.Inputs shared = FeedbackBenchmark.Inputs.make(8, 4, 50, 2_000, 42, false);
    FeedbackBenchmark.Inputs fresh = FeedbackBenchmark.Inputs.make(8, 4, 50, 2_000, 42, true);
    Map<String, String> firstShared = new HashMap<>();
    Set<String> freshObjects = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < shared.events.length; i++) {
      Event a = shared.events[i];
      Event b = fresh.events[i];
      assertEquals(a.userId(), b.userId());
      assertEquals(a.type(), b.type());
      // Each stream's times count back from its own clock reading: compare the offsets.
      assertEquals(
          a.timestamp() - shared.events[0].timestamp(),
          b.timestamp() - fresh.events[0].timestamp());
      assertSame(firstShared.computeIfAbsent(a.userId(), id -> a.userId()), a.userId());
      assertTrue(freshObjects.add(b.userId()), "event " + i + " reuses an id object");
    }
    assertThrows(IllegalArgumentException.class, () -> FeedbackBenchmark.freshIds("cold"));
  }

  @Test
  void benchmarkMethodsAcceptEvents() {
    FeedbackBenchmark b = new FeedbackBenchmark();
    b.d = 64;
    b.k = 64;
    b.users = 1000;
    b.setUp();
    try {
      FeedbackBenchmark.Cursor c = new FeedbackBenchmark.Cursor();
      c.start();
      for (int i = 0; i < 1000; i++) {
        assertTrue(b.accept1Thread(c));
        assertTrue(b.naive1Thread(c) >= 0);
      }
      assertEquals(1000, b.updater.stats().accepted());
    } finally {
      b.tearDown();
    }
  }

  @Test
  void halvesSplitTheUsersAndKeepStreamOrder() {
    FeedbackBenchmark.Inputs in = FeedbackBenchmark.Inputs.make(8, 4, 50, 2_000, 42);
    Event[][] halves = in.byHalf(400);
    Set<String> users0 = new HashSet<>();
    Set<String> users1 = new HashSet<>();
    for (Event e : halves[0]) {
      users0.add(e.userId());
    }
    for (Event e : halves[1]) {
      users1.add(e.userId());
    }
    assertTrue(users0.size() > 20 && users1.size() > 20, users0.size() + " and " + users1.size());
    users0.retainAll(users1);
    assertTrue(users0.isEmpty(), "users in both halves: " + users0);
    // Each half is the stream's own events of those users, in stream order.
    int at = 0;
    for (int e = 0; e < in.events.length && at < 400; e++) {
      if ((in.userOf[e] & 1) == 1) {
        assertSame(in.events[e], halves[1][at++]);
      }
    }
    assertEquals(400, at);
    assertThrows(IllegalStateException.class, () -> in.byHalf(1_500));
  }
}
