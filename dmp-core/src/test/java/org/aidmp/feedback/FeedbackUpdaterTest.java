package org.aidmp.feedback;

import static org.aidmp.feedback.Fixtures.CLOCK;
import static org.aidmp.feedback.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.kernels.VectorKernelsProvider;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class FeedbackUpdaterTest {
  private static final int TYPES = 6;
  private static final int K = 5;

  private static FeedbackConfig.Builder config() {
    return FeedbackConfig.builder()
        .setEventTypes(Fixtures.types(TYPES))
        .setHalfLife(500)
        .setDriftBatch(37);
  }

  private static FeedbackUpdater.Builder updater(FeedbackConfig config) {
    return FeedbackUpdater.newBuilder()
        .setConfig(config)
        .setCentroids(Fixtures.centroids(K, TYPES, 3))
        .setEncoder(Fixtures.encoder(TYPES))
        .setClock(CLOCK);
  }

  @Test
  void matchesThePlainReferenceOnARandomStream() {
    for (long seed = 1; seed <= 5; seed++) {
      List<FeedbackEvent> events = Fixtures.events(3000, 60, TYPES, seed);
      FMatrixRMaj c = Fixtures.centroids(K, TYPES, 3);
      ReferenceUpdater ref =
          new ReferenceUpdater(
              c.data, K, TYPES, Fixtures.types(TYPES), Fixtures.encoder(TYPES), 500, 37);
      try (FeedbackUpdater live =
          updater(config().get()).setKernels(VectorKernelsProvider.scalar()).build()) {
        for (FeedbackEvent e : events) {
          ref.accept(e);
          assertTrue(live.accept(e));
        }
        String in = "seed " + seed;
        assertEquals(ref.version, live.modelVersion(), in);
        float[] got = live.centroids().data;
        for (int j = 0; j < K; j++) {
          for (int i = 0; i < TYPES; i++) {
            assertEquals(ref.centroids[j][i], got[j * TYPES + i], 1e-4, in + " centroid " + j);
          }
        }
        for (String user : ref.segments.keySet()) {
          LiveUser u = live.profile(user);
          assertEquals(ref.segments.get(user), u.segment(), in + " segment of " + user);
          assertTrue(java.util.Arrays.equals(ref.rows.get(user), u.row()), in + " row of " + user);
          assertTrue(java.util.Arrays.equals(ref.counts.get(user), u.counts()), in);
        }
      }
    }
  }

  @Test
  void centroidsDriftTowardLiveRowsAndKeepTheirIds() {
    FeedbackConfig cfg = config().setDriftBatch(10).setHalfLife(50).get();
    try (FeedbackUpdater u = updater(cfg).build()) {
      float[] before = u.centroids().data;
      // Every event lands the same user on one type: its row walks away from where it began.
      java.util.Set<Integer> visited = new java.util.HashSet<>();
      for (int i = 0; i < 400; i++) {
        u.accept(new FeedbackEvent("heavy", NOW, "t2"));
        visited.add(u.segmentOf("heavy").segment());
      }
      int seg = u.segmentOf("heavy").segment();
      float[] after = u.centroids().data;
      float[] row = u.profile("heavy").row();
      double distBefore = 0;
      double distAfter = 0;
      for (int i = 0; i < TYPES; i++) {
        distBefore += Math.pow(before[seg * TYPES + i] - row[i], 2);
        distAfter += Math.pow(after[seg * TYPES + i] - row[i], 2);
      }
      assertTrue(distAfter < 0.05 * distBefore, distBefore + " -> " + distAfter);
      assertEquals(41, u.modelVersion());
      // Segments that never held the user did not move: ids stay attached to their centroids.
      for (int j = 0; j < K; j++) {
        boolean moved = false;
        for (int i = 0; i < TYPES; i++) {
          moved |= before[j * TYPES + i] != after[j * TYPES + i];
        }
        assertEquals(visited.contains(j), moved, "segment " + j + ", visited " + visited);
      }
    }
  }

  @Test
  void noDriftKeepsCentroidsAndVersion() {
    try (FeedbackUpdater u = updater(config().setDrift(CentroidDrift.NONE).get()).build()) {
      float[] before = u.centroids().data;
      u.acceptAll(Fixtures.events(500, 20, TYPES, 9));
      assertTrue(java.util.Arrays.equals(before, u.centroids().data));
      assertEquals(1, u.modelVersion());
    }
  }

  @Test
  void answersCarryTheModelVersion() {
    try (FeedbackUpdater u = updater(config().setDriftBatch(5).get()).build()) {
      for (int i = 0; i < 12; i++) {
        u.accept(new FeedbackEvent("a", NOW, "t1"));
      }
      assertEquals(3, u.modelVersion());
      // The 12th event was assigned by version 3, published after the 10th.
      assertEquals(3, u.segmentOf("a").modelVersion());
      assertEquals(3, u.profile("a").modelVersion());
      assertEquals(-1, u.segmentOf("nobody").modelVersion());
      assertEquals(4, u.publishDrift());
      assertEquals(3, u.recommendations("a", 3).modelVersion());
    }
  }

  @Test
  void oneThreadGivesTheSameStateEveryRun() {
    List<FeedbackEvent> events = Fixtures.events(5000, 100, TYPES, 21);
    FeedbackSnapshot first;
    try (FeedbackUpdater u = updater(config().get()).build()) {
      u.acceptAll(events);
      first = u.snapshot();
    }
    for (int run = 0; run < 2; run++) {
      try (FeedbackUpdater u = updater(config().get()).build()) {
        u.acceptAll(events);
        assertEquals(first, u.snapshot(), "run " + run);
      }
    }
  }

  @Test
  void restartFromASnapshotGivesTheSameStateAsNoRestart() throws Exception {
    List<FeedbackEvent> a = Fixtures.events(2000, 80, TYPES, 4);
    List<FeedbackEvent> b = Fixtures.events(2000, 120, TYPES, 5);
    FeedbackConfig cfg = config().get();
    try (FeedbackUpdater straight = updater(cfg).build()) {
      straight.acceptAll(a);
      FeedbackSnapshot mid = straight.snapshot();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      mid.write(new DataOutputStream(bytes));
      FeedbackSnapshot back =
          FeedbackSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      assertEquals(mid, back);
      try (FeedbackUpdater restarted =
          FeedbackUpdater.newBuilder()
              .setConfig(cfg)
              .setEncoder(Fixtures.encoder(TYPES))
              .setClock(CLOCK)
              .restore(back)
              .build()) {
        straight.acceptAll(b);
        restarted.acceptAll(b);
        assertEquals(straight.snapshot(), restarted.snapshot());
      }
    }
  }

  @Test
  void restoreRejectsAnotherConfigsSnapshot() {
    FeedbackSnapshot snap;
    try (FeedbackUpdater u = updater(config().get()).build()) {
      snap = u.snapshot();
    }
    FeedbackConfig other = config().setEventTypes(List.of("x", "y")).get();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                FeedbackUpdater.newBuilder()
                    .setConfig(other)
                    .setEncoder(Fixtures.encoder(2))
                    .restore(snap)
                    .build());
    assertTrue(e.getMessage().contains("[x, y]"), e.getMessage());
  }

  @Test
  void badEventsAreCountedPerReasonAndSkipped() {
    try (FeedbackUpdater u = updater(config().get()).build()) {
      assertFalse(u.accept(null));
      assertFalse(u.accept(new FeedbackEvent(null, NOW, "t0")));
      assertFalse(u.accept(new FeedbackEvent(" ", NOW, "t0")));
      assertFalse(u.accept(new FeedbackEvent("a", NOW, "nope")));
      assertFalse(u.accept(new FeedbackEvent("a", NOW, null)));
      assertFalse(u.accept(new FeedbackEvent("a", -1, "t0")));
      assertFalse(u.accept(new FeedbackEvent("a", NOW + Duration.ofDays(2).toMillis(), "t0")));
      assertFalse(u.accept(new FeedbackEvent("a", Long.MAX_VALUE, "t0")));
      assertFalse(
          u.accept(new FeedbackEvent("a", NOW, "t0", null, null, Double.POSITIVE_INFINITY)));
      assertTrue(u.accept(new FeedbackEvent("a", NOW + 1000, "t0")));
      assertTrue(u.accept(new FeedbackEvent("a", NOW, "t0", null, null, Double.NaN)));
      FeedbackStats s = u.stats();
      assertEquals(2, s.accepted());
      assertEquals(9, s.skipped());
      assertEquals(9, s.rejectedTotal());
      assertEquals(1, s.rejected().get(BadEventReason.NULL_EVENT));
      assertEquals(2, s.rejected().get(BadEventReason.MISSING_USER_ID));
      assertEquals(2, s.rejected().get(BadEventReason.UNKNOWN_TYPE));
      assertEquals(1, s.rejected().get(BadEventReason.BEFORE_EPOCH));
      assertEquals(2, s.rejected().get(BadEventReason.FUTURE_TIMESTAMP));
      assertEquals(1, s.rejected().get(BadEventReason.NON_FINITE_VALUE));
      assertEquals(2, u.profile("a").events());
    }
  }

  @Test
  void badEventsAreQuarantinedWithTheirReason() {
    Quarantine.InMemory q = Quarantine.inMemory();
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.QUARANTINE).get();
    try (FeedbackUpdater u = updater(cfg).setQuarantine(q).build()) {
      u.accept(new FeedbackEvent("a", NOW, "nope"));
      u.accept(new FeedbackEvent("a", -5, "t1"));
      List<QuarantinedRecord> r = q.records();
      assertEquals(2, r.size());
      assertEquals("type", r.get(0).column());
      assertEquals("feedback.UNKNOWN_TYPE", r.get(0).rule());
      assertEquals("nope", r.get(0).fields().get(2));
      assertEquals("timestamp", r.get(1).column());
      assertEquals(2, u.stats().quarantined());
    }
  }

  @Test
  void eventsOfUsersWithoutConsentAreCountedAndDroppedUnused() {
    Quarantine.InMemory q = Quarantine.inMemory();
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.QUARANTINE).get();
    try (FeedbackUpdater u =
        updater(cfg).setQuarantine(q).setConsent(id -> !id.startsWith("no-")).build()) {
      assertTrue(u.accept(new FeedbackEvent("yes-1", NOW, "t1")));
      assertFalse(u.accept(new FeedbackEvent("no-1", NOW, "t1")));
      assertFalse(u.accept(new FeedbackEvent("no-1", NOW, "t2")));
      assertNull(u.profile("no-1"), "no live state for a user without consent");
      assertEquals(-1, u.segmentOf("no-1").segment());
      assertEquals(1, u.size());
      assertEquals(0, q.size(), "their events are not kept, not even in the quarantine");
      assertEquals(1, u.stats().accepted());
      assertEquals(2, u.stats().withoutConsent());
      assertEquals(0, u.stats().rejectedTotal());
    }
    assertThrows(
        IllegalStateException.class,
        () -> updater(cfg).setConsent(id -> true).setConsent(id -> false));
  }

  @Test
  void quarantinePolicyNeedsAQuarantine() {
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.QUARANTINE).get();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> updater(cfg).build());
    assertTrue(e.getMessage().contains("setQuarantine"), e.getMessage());
  }

  @Test
  void strictModeThrowsIntoTheCallerWithoutValues() {
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.FAIL).get();
    try (FeedbackUpdater u = updater(cfg).build()) {
      BadRecordException e =
          assertThrows(
              BadRecordException.class,
              () -> u.accept(new FeedbackEvent("secret-user", NOW, "secret-type")));
      assertEquals("type", e.column());
      assertFalse(e.getMessage().contains("secret"), e.getMessage());
      assertEquals(1, u.stats().rejected().get(BadEventReason.UNKNOWN_TYPE));
    }
  }

  @Test
  void nonFiniteFeatureRowsAreRejectedAndLeaveRowAndSegment() {
    FeatureEncoder nanOnT5 = (e, t, p, row) -> row[t] = t == 5 ? Float.NaN : p.count(t);
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(config().get())
            .setCentroids(Fixtures.centroids(K, TYPES, 3))
            .setEncoder(nanOnT5)
            .setClock(CLOCK)
            .build()) {
      assertTrue(u.accept(new FeedbackEvent("a", NOW, "t1")));
      LiveUser before = u.profile("a");
      assertFalse(u.accept(new FeedbackEvent("a", NOW, "t5")));
      LiveUser after = u.profile("a");
      assertEquals(1, u.stats().rejected().get(BadEventReason.NON_FINITE_FEATURE));
      assertTrue(java.util.Arrays.equals(before.row(), after.row()));
      assertEquals(before.segment(), after.segment());
      // Documented: the counters already hold the event when the encoder runs.
      assertEquals(2, after.events());
    }
  }

  @Test
  void listenersRunOnTheirOwnThreadAndSeeEveryMove() throws Exception {
    List<SegmentChange> seen = Collections.synchronizedList(new ArrayList<>());
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    FeedbackUpdater u =
        updater(config().get())
            .addListener(
                c -> {
                  seen.add(c);
                  threads.add(Thread.currentThread().getName());
                })
            .build();
    u.acceptAll(Fixtures.events(3000, 50, TYPES, 8));
    long changes = u.stats().segmentChanges();
    u.close();
    assertTrue(changes >= 50, "every new user's first assignment counts: " + changes);
    assertEquals(changes, seen.size());
    assertTrue(threads.stream().allMatch("dmp-feedback-listeners"::equals));
    assertTrue(seen.stream().anyMatch(c -> c.from() >= 0 && c.from() != c.to()));
    assertThrows(IllegalStateException.class, () -> u.accept(new FeedbackEvent("a", NOW, "t0")));
  }

  @Test
  void aBlockedListenerNeverBlocksIntake() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger failures = new AtomicInteger();
    FeedbackConfig cfg = config().setListenerQueueCapacity(4).get();
    FeedbackUpdater u =
        updater(cfg)
            .addListener(
                c -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })
            .addListener(
                c -> {
                  failures.incrementAndGet();
                  throw new IllegalStateException("listener bug");
                })
            .build();
    // Would hang here if intake waited for the listener.
    u.acceptAll(Fixtures.events(20_000, 500, TYPES, 2));
    FeedbackStats s = u.stats();
    assertEquals(20_000, s.accepted());
    assertTrue(s.listenerDropped() > 0, s.toString());
    release.countDown();
    u.close();
    FeedbackStats end = u.stats();
    assertEquals(end.segmentChanges(), end.listenerDropped() + failures.get());
    assertEquals(failures.get(), end.listenerFailures());
  }

  @Test
  void recommendationsAreCachedUntilStaleAndFallBackToSegmentPopularity() {
    AtomicInteger calls = new AtomicInteger();
    Recommender knn =
        (user, seg, n) -> {
          calls.incrementAndGet();
          return user.startsWith("known") ? List.of("p-" + user + "-" + calls.get()) : List.of();
        };
    SegmentPopularity pop = (seg, n) -> List.of("top-of-" + seg);
    try (FeedbackUpdater u =
        updater(config().get())
            .setRecommender(knn)
            .setPopularity(pop)
            .addUser("known-1", new float[TYPES], 2)
            .build()) {
      Recommendations r1 = u.recommendations("known-1", 5);
      assertFalse(r1.coldStart());
      assertEquals(2, r1.segment());
      assertFalse(u.recommendationsStale("known-1"));
      assertEquals(r1, u.recommendations("known-1", 5));
      assertEquals(1, calls.get());
      u.accept(new FeedbackEvent("known-1", NOW, "t3"));
      assertTrue(u.recommendationsStale("known-1"));
      Recommendations r2 = u.recommendations("known-1", 5);
      assertNotEquals(r1.items(), r2.items());
      assertEquals(1, r2.userVersion());
      // A user never seen: overall popularity, no segment.
      Recommendations cold = u.recommendations("stranger", 5);
      assertTrue(cold.coldStart());
      assertEquals(List.of("top-of--1"), cold.items());
      // A new user after one event: popularity of the segment they landed in.
      u.accept(new FeedbackEvent("fresh", NOW, "t0"));
      Recommendations fresh = u.recommendations("fresh", 5);
      assertTrue(fresh.coldStart());
      assertEquals(List.of("top-of-" + u.segmentOf("fresh").segment()), fresh.items());
    }
  }

  @Test
  void knownUsersKeepTheirTrainingRowUntilTheyAct() {
    float[] row = {0.5f, -0.5f, 0, 0, 1, 0};
    try (FeedbackUpdater u = updater(config().get()).addUser("k", row, 4).build()) {
      LiveUser p = u.profile("k");
      assertEquals(4, p.segment());
      assertEquals(0, p.events());
      assertTrue(java.util.Arrays.equals(row, p.row()));
      assertEquals(1, p.modelVersion());
    }
  }

  @Test
  void eraseRemovesTheUser() {
    try (FeedbackUpdater u = updater(config().get()).build()) {
      u.accept(new FeedbackEvent("gone", NOW, "t0"));
      assertNotNull(u.profile("gone"));
      assertTrue(u.erase("gone"));
      assertNull(u.profile("gone"));
      assertFalse(u.erase("gone"));
      assertTrue(u.snapshot().users().isEmpty());
    }
  }

  @Test
  void eraseDuringIntakeLosesNoLaterEvent() throws Exception {
    try (FeedbackUpdater u = updater(config().get()).build()) {
      int n = 20_000;
      Thread intake =
          new Thread(
              () -> {
                for (int i = 0; i < n; i++) {
                  u.accept(new FeedbackEvent("busy", NOW, "t" + (i % TYPES)));
                }
              });
      intake.start();
      int erased = 0;
      while (intake.isAlive()) {
        if (u.erase("busy")) {
          erased++;
        }
        Thread.yield();
      }
      intake.join();
      // Every event after the last erase is in the user's state; none went to a dropped copy.
      LiveUser p = u.profile("busy");
      long kept = p == null ? 0 : p.events();
      assertEquals(n, u.stats().accepted());
      assertTrue(kept <= n && (erased > 0 || kept == n), kept + " kept, " + erased + " erases");
      u.accept(new FeedbackEvent("busy", NOW, "t0"));
      assertEquals(kept + 1, u.profile("busy").events());
    }
  }

  @Test
  void builderOptionsAreSetOnceAndChecked() {
    FeedbackUpdater.Builder b = FeedbackUpdater.newBuilder().setConfig(config().get());
    assertThrows(IllegalStateException.class, () -> b.setConfig(config().get()));
    assertThrows(IllegalStateException.class, b::build);
    FMatrixRMaj bad = new FMatrixRMaj(2, 2);
    bad.data[3] = Float.NaN;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.setCentroids(bad));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    b.setCentroids(new FMatrixRMaj(2, 3))
        .setEncoder(Fixtures.encoder(TYPES))
        .addUser("x", new float[5], 0);
    IllegalStateException wrongRow = assertThrows(IllegalStateException.class, b::build);
    assertTrue(wrongRow.getMessage().contains("5"), wrongRow.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.addUser("x", new float[3], 0));
  }

  @Test
  void intakeWaitsWhileAnActionRunsPaused() throws Exception {
    try (FeedbackUpdater u = updater(config().get()).build()) {
      u.accept(new FeedbackEvent("a", NOW, "t0"));
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread pauser =
          new Thread(
              () ->
                  u.withIntakePaused(
                      () -> {
                        FeedbackSnapshot s = u.snapshot();
                        inside.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return s;
                      }));
      pauser.start();
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      Thread intake = new Thread(() -> u.accept(new FeedbackEvent("a", NOW, "t1")));
      intake.start();
      intake.join(200);
      // Still paused: the event has not gone in.
      assertEquals(1, u.profile("a").events());
      release.countDown();
      intake.join(TimeUnit.SECONDS.toMillis(10));
      pauser.join(TimeUnit.SECONDS.toMillis(10));
      assertEquals(2, u.profile("a").events());
    }
  }

  @Test
  void listenerThreadStopsOnClose() throws Exception {
    List<Thread> made = new ArrayList<>();
    FeedbackUpdater u =
        updater(config().get())
            .addListener(c -> {})
            .setThreadFactory(
                r -> {
                  Thread t = new Thread(r, "test-listener");
                  made.add(t);
                  return t;
                })
            .build();
    u.accept(new FeedbackEvent("a", NOW, "t0"));
    u.close();
    made.get(0).join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(made.get(0).isAlive());
    u.close();
  }
}
