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
import java.nio.charset.StandardCharsets;
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
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Recommendation;
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
  void anUpdaterDroppedOnALongLivedThreadCanBeCollectedWithItsStore() throws InterruptedException {
    // The thread that fed it keeps running (this test's thread); its per-thread buffers must not
    // keep the updater's state (its profile store, its live rows) alive.
    List<java.lang.ref.WeakReference<ProfileStore>> dropped = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ProfileStore store = ProfileStore.create();
      FeedbackUpdater u = updater(config().get()).setProfileStore(store).build();
      assertTrue(u.accept(new Event("u" + i, NOW, "t0")));
      u.close();
      dropped.add(new java.lang.ref.WeakReference<>(store));
    }
    for (int attempt = 0;
        attempt < 50 && dropped.stream().anyMatch(r -> r.get() != null);
        attempt++) {
      System.gc();
      Thread.sleep(20);
    }
    for (java.lang.ref.WeakReference<ProfileStore> r : dropped) {
      assertNull(r.get(), "a dropped updater's store stayed reachable");
    }
  }

  @Test
  void aCollectedIntakeBufferLeavesTheModelVersionsAsTheyWere() {
    List<Event> events = Fixtures.events(600, 40, TYPES, 11);
    long[] versions = new long[2];
    for (int run = 0; run < 2; run++) {
      try (FeedbackUpdater u = updater(config().get()).setStripes(4).build()) {
        for (int i = 0; i < events.size(); i++) {
          assertTrue(u.accept(events.get(i)));
          if (run == 1 && i % 25 == 24) {
            // The thread's buffers are held weakly, so a collection drops them between events.
            System.gc();
          }
        }
        versions[run] = u.modelVersion();
      }
    }
    assertEquals(versions[0], versions[1], "model versions with and without collections");
  }

  @Test
  void matchesThePlainReferenceOnARandomStream() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Event> events = Fixtures.events(3000, 60, TYPES, seed);
      FMatrixRMaj c = Fixtures.centroids(K, TYPES, 3);
      ReferenceUpdater ref =
          new ReferenceUpdater(
              c.data, K, TYPES, Fixtures.types(TYPES), Fixtures.encoder(TYPES), 500, 37);
      try (FeedbackUpdater live =
          updater(config().get()).setKernels(VectorKernelsProvider.scalar()).build()) {
        for (Event e : events) {
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
        u.accept(new Event("heavy", NOW, "t2"));
        visited.add(u.segmentOf("heavy"));
      }
      int seg = u.segmentOf("heavy");
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
    try (FeedbackUpdater u = updater(config().setDrift(false).get()).build()) {
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
        u.accept(new Event("a", NOW, "t1"));
      }
      assertEquals(3, u.modelVersion());
      // The 12th event was assigned by version 3, published after the 10th.
      assertEquals(3, u.profile("a").modelVersion());
      assertEquals(u.profile("a").segment(), u.segmentOf("a"));
      assertEquals(-1, u.segmentOf("nobody"));
      assertNull(u.profile("nobody"));
      assertEquals(4, u.publishDrift());
      assertEquals(3, u.recommendations("a", 3).modelVersion());
    }
  }

  @Test
  void oneThreadGivesTheSameStateEveryRun() {
    List<Event> events = Fixtures.events(5000, 100, TYPES, 21);
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
    List<Event> a = Fixtures.events(2000, 80, TYPES, 4);
    List<Event> b = Fixtures.events(2000, 120, TYPES, 5);
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
      assertFalse(u.accept(new Event(" ", NOW, "t0")));
      assertFalse(u.accept(new Event("\t", NOW, "t0")));
      assertFalse(u.accept(new Event("a", NOW, "nope")));
      assertFalse(u.accept(new Event("a", NOW, "T0")));
      assertFalse(u.accept(new Event("a", -1, "t0")));
      assertFalse(u.accept(new Event("a", NOW + Duration.ofDays(2).toMillis(), "t0")));
      assertFalse(u.accept(new Event("a", Long.MAX_VALUE, "t0")));
      String tooLong = "x".repeat(ProfileStore.DEFAULT_MAX_USER_ID_LENGTH + 1);
      assertFalse(u.accept(new Event(tooLong, NOW, "t0")));
      assertTrue(u.accept(new Event("a", NOW + 1000, "t0")));
      assertTrue(u.accept(new Event("a", NOW, "t0", null, null, Double.NaN)));
      FeedbackStats s = u.stats();
      assertEquals(2, s.accepted());
      assertEquals(9, s.skipped());
      assertEquals(9, s.rejectedTotal());
      assertEquals(1, s.rejected().get(BadEventReason.NULL_EVENT));
      assertEquals(2, s.rejected().get(BadEventReason.MISSING_USER_ID));
      assertEquals(2, s.rejected().get(BadEventReason.UNKNOWN_TYPE));
      assertEquals(1, s.rejected().get(BadEventReason.BEFORE_EPOCH));
      assertEquals(2, s.rejected().get(BadEventReason.FUTURE_TIMESTAMP));
      assertEquals(1, s.rejected().get(BadEventReason.USER_ID_TOO_LONG));
      assertEquals(0, s.rejected().get(BadEventReason.NON_FINITE_VALUE));
      assertEquals(1, u.size());
      assertEquals(2, u.profile("a").events());
    }
  }

  @Test
  void badEventsAreQuarantinedWithTheirReason() {
    Quarantine.InMemory q = Quarantine.inMemory();
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.QUARANTINE).get();
    try (FeedbackUpdater u = updater(cfg).setQuarantine(q).build()) {
      u.accept(new Event("a", NOW, "nope"));
      u.accept(new Event("a", -5, "t1"));
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
      assertTrue(u.accept(new Event("yes-1", NOW, "t1")));
      assertFalse(u.accept(new Event("no-1", NOW, "t1")));
      assertFalse(u.accept(new Event("no-1", NOW, "t2")));
      assertNull(u.profile("no-1"), "no live state for a user without consent");
      assertEquals(-1, u.segmentOf("no-1"));
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
              () -> u.accept(new Event("secret-user", NOW, "secret-type")));
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
      assertTrue(u.accept(new Event("a", NOW, "t1")));
      LiveUser before = u.profile("a");
      assertFalse(u.accept(new Event("a", NOW, "t5")));
      LiveUser after = u.profile("a");
      assertEquals(1, u.stats().rejected().get(BadEventReason.NON_FINITE_FEATURE));
      assertTrue(java.util.Arrays.equals(before.row(), after.row()));
      assertEquals(before.segment(), after.segment());
      // A rejected event leaves no trace: the counters are as they were.
      assertEquals(before, after);
      assertEquals(1, after.events());
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
    assertThrows(IllegalStateException.class, () -> u.accept(new Event("a", NOW, "t0")));
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

  /** A batch model over three items whose scores change with every call. */
  static org.aidmp.recommend.Recommender changingModel(AtomicInteger calls) {
    org.aidmp.recommend.Interactions x =
        org.aidmp.recommend.Interactions.builder()
            .setWeight("t0", 1f)
            .add("known-1", "seen", "t0", NOW)
            .add("other", "a", "t0", NOW)
            .add("other", "b", "t0", NOW)
            .build();
    return new org.aidmp.recommend.Recommender() {
      @Override
      public org.aidmp.recommend.Interactions interactions() {
        return x;
      }

      @Override
      public void score(String userId, float[] out) {
        int c = calls.incrementAndGet();
        for (int i = 0; i < out.length; i++) {
          out[i] = i == c % out.length ? 10 : 1;
        }
      }
    };
  }

  static SegmentPopularity topOf() {
    return (seg, n) -> List.of(new Recommendation("top-of-" + seg, 1f, List.of()));
  }

  @Test
  void recommendationsAreCachedUntilStaleAndFallBackToSegmentPopularity() {
    AtomicInteger calls = new AtomicInteger();
    try (FeedbackUpdater u =
        updater(config().get())
            .setRecommender(changingModel(calls))
            .setPopularity(topOf())
            .addUser("known-1", new float[TYPES], 2)
            .build()) {
      Recommendations r1 = u.recommendations("known-1", 2);
      assertFalse(r1.coldStart());
      assertEquals(2, r1.segment());
      assertEquals(2, r1.items().size());
      assertFalse(r1.itemIds().contains("seen"));
      assertFalse(u.recommendationsStale("known-1"));
      assertEquals(r1, u.recommendations("known-1", 2));
      assertEquals(1, calls.get());
      u.accept(new Event("known-1", NOW, "t3"));
      assertTrue(u.recommendationsStale("known-1"));
      Recommendations r2 = u.recommendations("known-1", 2);
      assertEquals(2, calls.get());
      assertNotEquals(r1.itemIds(), r2.itemIds());
      assertEquals(1, r2.userVersion());
      // A user never seen: overall popularity, no segment.
      Recommendations cold = u.recommendations("stranger", 5);
      assertTrue(cold.coldStart());
      assertEquals(List.of("top-of--1"), cold.itemIds());
      // A new user after one event: popularity of the segment they landed in.
      u.accept(new Event("fresh", NOW, "t0"));
      Recommendations fresh = u.recommendations("fresh", 5);
      assertTrue(fresh.coldStart());
      assertEquals(List.of("top-of-" + u.segmentOf("fresh")), fresh.itemIds());
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
      u.accept(new Event("gone", NOW, "t0"));
      assertNotNull(u.profile("gone"));
      assertTrue(u.erase("gone"));
      assertNull(u.profile("gone"));
      assertFalse(u.erase("gone"));
      assertFalse(u.profileStore().contains("gone"));
      assertTrue(u.snapshot().users().isEmpty());
    }
  }

  @Test
  void eraseDuringIntakeLeavesExactlyTheEventsAfterTheLastErase() throws Exception {
    try (FeedbackUpdater u = updater(config().get()).build()) {
      int n = 20_000;
      AtomicInteger done = new AtomicInteger();
      // Event i carries value i and time base + i, so what is left can be checked exactly.
      long base = NOW - n;
      Thread intake =
          new Thread(
              () -> {
                for (int i = 0; i < n; i++) {
                  u.accept(new Event("busy", base + i, "t" + (i % TYPES), null, null, i));
                  done.set(i + 1);
                }
              });
      intake.start();
      int erased = 0;
      long removedTotal = 0;
      while (intake.isAlive()) {
        // Erase only mid-stream, so that at least one erase lands between events.
        if (done.get() > 100) {
          long removed = u.forget("busy");
          if (removed > 0) {
            erased++;
            removedTotal += removed;
          }
        }
        Thread.yield();
      }
      intake.join();
      assertTrue(erased > 0, "no erase landed");
      assertTrue(removedTotal >= 2L * erased, removedTotal + " removed in " + erased + " erases");
      assertEquals(n, u.stats().accepted());
      LiveUser p = u.profile("busy");
      long kept = p == null ? 0 : p.events();
      assertTrue(kept < n, kept + " kept");
      if (kept > 0) {
        // Exactly the suffix of the stream after the last erase: events n - kept .. n - 1.
        long first = n - kept;
        double sum = (double) (first + n - 1) * kept / 2;
        assertEquals(sum, p.valueSum(), 0.0);
        assertEquals(base + first, p.firstSeen());
        assertEquals(base + n - 1, p.lastSeen());
        assertEquals(kept, u.profileStore().get("busy").orElseThrow().eventCount());
      } else {
        assertTrue(u.profileStore().get("busy").isEmpty());
      }
      u.accept(new Event("busy", NOW, "t0"));
      assertEquals(kept + 1, u.profile("busy").events());
    }
  }

  @Test
  void forgetReachesStoreLiveStateRecommendationsQueueAndDrift() throws Exception {
    CountDownLatch hold = new CountDownLatch(1);
    List<SegmentChange> heard = Collections.synchronizedList(new ArrayList<>());
    ProfileStore store = ProfileStore.create();
    FeedbackUpdater u =
        updater(config().setDriftBatch(1_000_000).get())
            .setProfileStore(store)
            .setPopularity(topOf())
            .addListener(
                c -> {
                  try {
                    hold.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  heard.add(c);
                })
            .build();
    try {
      String secret = "secret-user-4242";
      u.accept(new Event("warm-up", NOW, "t1"));
      for (int i = 0; i < 5; i++) {
        u.accept(new Event(secret, NOW - i, "t" + i));
        u.accept(new Event("other", NOW - i, "t" + (5 - i)));
      }
      u.recommendations(secret, 3);
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      store.writeTo(new DataOutputStream(first));
      u.writeTo(new DataOutputStream(first));
      assertTrue(contains(first.toByteArray(), secret.getBytes(StandardCharsets.UTF_8)));
      FeedbackSnapshot beforeSnap = u.snapshot();
      long beforeVersion = store.modelVersion();

      long removed = u.forget(secret);
      // Profile in the store, live row, cached list, pending drift, and at least one queued change
      // (the listener is held, so the user's first assignment is still queued).
      assertTrue(removed >= 5, "removed " + removed);
      assertTrue(store.modelVersion() > beforeVersion);
      assertNull(u.profile(secret));
      assertTrue(store.get(secret).isEmpty());
      assertEquals(-1, u.segmentOf(secret));
      assertTrue(u.recommendationsStale(secret));
      assertEquals(0, u.forget(secret));

      ByteArrayOutputStream second = new ByteArrayOutputStream();
      store.writeTo(new DataOutputStream(second));
      u.writeTo(new DataOutputStream(second));
      assertFalse(contains(second.toByteArray(), secret.getBytes(StandardCharsets.UTF_8)));
      // Pending drift went with the user: none is left to publish.
      FeedbackSnapshot afterSnap = u.snapshot();
      assertTrue(beforeSnap.pendingEvents > 0);
      assertEquals(0, afterSnap.pendingEvents);
      assertEquals(beforeSnap.modelVersion(), u.publishDrift());

      hold.countDown();
      u.close();
      for (SegmentChange c : heard) {
        assertNotEquals(secret, c.userId());
      }
      assertTrue(heard.stream().anyMatch(c -> c.userId().equals("other")));
    } finally {
      hold.countDown();
      u.close();
    }
  }

  @Test
  void aLateEventAfterForgetStartsAFreshProfileOrIsRefusedWithoutConsent() {
    java.util.Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ProfileStore store = ProfileStore.create();
    try (FeedbackUpdater u =
        updater(config().get())
            .setProfileStore(store)
            .setConsent(id -> !refused.contains(id))
            .build()) {
      for (int i = 0; i < 4; i++) {
        u.accept(new Event("late", NOW - 10 + i, "t2", null, null, 5));
      }
      u.forget("late");
      assertTrue(u.accept(new Event("late", NOW, "t0")));
      LiveUser fresh = u.profile("late");
      assertEquals(1, fresh.events());
      assertEquals(0, fresh.count(2));
      assertEquals(0, fresh.valueSum(), 0.0);
      assertEquals(NOW, fresh.firstSeen());
      assertEquals(1, store.get("late").orElseThrow().eventCount());
      // The host says no: the late event is dropped, nothing comes back.
      u.forget("late");
      refused.add("late");
      assertFalse(u.accept(new Event("late", NOW, "t0")));
      assertNull(u.profile("late"));
      assertFalse(store.contains("late"));
    }
  }

  @Test
  void rejectedEventsLeaveNoTraceAndDoNotMakeTheUserVisible() {
    FeatureEncoder failsOnT4 =
        (e, t, p, row) -> {
          if (t == 4) {
            throw new IllegalArgumentException("unseen category");
          }
          row[t] = p.count(t);
        };
    ProfileStore store = ProfileStore.create();
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(config().get())
            .setCentroids(Fixtures.centroids(K, TYPES, 3))
            .setEncoder(failsOnT4)
            .setProfileStore(store)
            .setClock(CLOCK)
            .build()) {
      assertFalse(u.accept(new Event("ghost", NOW, "t4")));
      assertNull(u.profile("ghost"));
      assertEquals(-1, u.segmentOf("ghost"));
      assertFalse(store.contains("ghost"));
      assertEquals(0, store.size());
      assertEquals(0, store.eventCount());
      assertEquals(0, u.size());
      assertTrue(u.accept(new Event("real", NOW, "t1")));
      LiveUser before = u.profile("real");
      UserProfile storedBefore = store.get("real").orElseThrow();
      assertFalse(u.accept(new Event("real", NOW + 5, "t4", "i", "c", 3)));
      assertEquals(before, u.profile("real"));
      UserProfile storedAfter = store.get("real").orElseThrow();
      assertEquals(storedBefore.eventCount(), storedAfter.eventCount());
      assertEquals(storedBefore.lastSeen(), storedAfter.lastSeen());
      assertEquals(1, store.eventCount());
      FeedbackStats s = u.stats();
      assertEquals(1, s.accepted());
      assertEquals(2, s.rejected().get(BadEventReason.ENCODING_FAILED));
      assertEquals(1, s.users());
    }
  }

  @Test
  void noEventSlipsInAfterClose() throws Exception {
    for (int round = 0; round < 20; round++) {
      AtomicInteger heard = new AtomicInteger();
      FeedbackUpdater u = updater(config().get()).addListener(c -> heard.incrementAndGet()).build();
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger afterClose = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean closedFlag =
          new java.util.concurrent.atomic.AtomicBoolean();
      CountDownLatch started = new CountDownLatch(2);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int id = t;
        Thread th =
            new Thread(
                () -> {
                  started.countDown();
                  for (int i = 0; ; i++) {
                    try {
                      if (u.accept(new Event("u" + id + "-" + (i % 300), NOW, "t" + (i % TYPES)))) {
                        ok.incrementAndGet();
                        if (closedFlag.get()) {
                          afterClose.incrementAndGet();
                        }
                      }
                    } catch (IllegalStateException closed) {
                      return;
                    }
                  }
                });
        threads.add(th);
        th.start();
      }
      started.await();
      Thread.sleep(2);
      u.close();
      closedFlag.set(true);
      long acceptedAtClose = u.stats().accepted();
      long changesAtClose = u.stats().segmentChanges();
      for (Thread th : threads) {
        th.join();
      }
      assertEquals(0, afterClose.get(), "an accept returned true after close() returned");
      assertEquals(acceptedAtClose, u.stats().accepted());
      assertEquals(ok.get(), acceptedAtClose);
      // Every change queued before close was delivered by close.
      assertEquals(changesAtClose, heard.get() + u.stats().listenerDropped());
    }
  }

  @Test
  void unknownTypesGoToTheQuarantineWithoutGrowingAnything() {
    Quarantine.InMemory q = Quarantine.inMemory();
    ProfileStore store = ProfileStore.create();
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.QUARANTINE).get();
    try (FeedbackUpdater u = updater(cfg).setQuarantine(q).setProfileStore(store).build()) {
      u.accept(new Event("victim", NOW, "t0"));
      for (int i = 0; i < 5_000; i++) {
        assertFalse(u.accept(new Event("victim", NOW, "hostile-" + i)));
      }
      assertEquals(TYPES, store.eventTypes().size());
      assertEquals(1, store.get("victim").orElseThrow().eventCount());
      assertEquals(5_000, q.records().size());
      assertEquals(5_000, u.stats().rejected().get(BadEventReason.UNKNOWN_TYPE));
    }
  }

  @Test
  void usersBeyondTheStoreCapAreRefusedWithAClearReason() {
    ProfileStore store = ProfileStore.builder().setMaxUsers(10).build();
    try (FeedbackUpdater u = updater(config().get()).setProfileStore(store).build()) {
      for (int i = 0; i < 50; i++) {
        u.accept(new Event("user-" + i, NOW, "t0"));
      }
      assertEquals(10, store.size());
      assertEquals(10, u.size());
      assertEquals(40, u.stats().rejected().get(BadEventReason.TOO_MANY_USERS));
      assertTrue(BadEventReason.TOO_MANY_USERS.message().contains("maxUsers"));
      // Forgetting frees a place: the next new user gets in.
      u.forget("user-3");
      assertTrue(u.accept(new Event("newcomer", NOW, "t1")));
      assertEquals(10, store.size());
      assertEquals(1, u.profile("newcomer").events());
    }
  }

  @Test
  void revokedUsersLoseLiveStateAtOnceAndBadEventsWithoutConsentAreNotQuarantined() {
    java.util.Set<String> noConsent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Quarantine.InMemory q = Quarantine.inMemory();
    FeedbackConfig cfg = config().setBadEventPolicy(BadRecordPolicy.QUARANTINE).get();
    AtomicInteger calls = new AtomicInteger();
    try (FeedbackUpdater u =
        updater(cfg)
            .setQuarantine(q)
            .setConsent(id -> !noConsent.contains(id))
            .setRecommender(changingModel(calls))
            .setPopularity(topOf())
            .build()) {
      u.accept(new Event("known-1", NOW, "t1"));
      assertFalse(u.recommendations("known-1", 2).coldStart());
      noConsent.add("known-1");
      long removed = u.revoke("known-1");
      assertTrue(removed >= 2, "removed " + removed);
      assertNull(u.profile("known-1"));
      assertTrue(u.recommendationsStale("known-1"));
      assertEquals(0, u.size());
      // A bad event of a user without consent: counted, never quarantined with its fields.
      assertFalse(u.accept(new Event("known-1", NOW, "hostile-type")));
      assertFalse(u.accept(new Event("known-1", -5, "t0")));
      assertTrue(q.records().isEmpty());
      assertEquals(2, u.stats().withoutConsent());
      assertEquals(0, u.stats().rejectedTotal());
      // A bad event of a consenting user is quarantined as before.
      assertFalse(u.accept(new Event("someone", NOW, "hostile-type")));
      assertEquals(1, q.records().size());
    }
  }

  @Test
  void usersWithoutPersonalisationConsentGetSegmentPopularity() {
    AtomicInteger calls = new AtomicInteger();
    java.util.Set<String> noPersonal = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (FeedbackUpdater u =
        updater(config().get())
            .setRecommender(changingModel(calls))
            .setPopularity(topOf())
            .setPersonalisationConsent(id -> !noPersonal.contains(id))
            .addUser("known-1", new float[TYPES], 2)
            .build()) {
      assertFalse(u.recommendations("known-1", 2).coldStart());
      noPersonal.add("known-1");
      Recommendations r = u.recommendations("known-1", 2);
      assertTrue(r.coldStart());
      assertEquals(List.of("top-of-2"), r.itemIds());
      assertEquals(1, calls.get(), "the personal model must not be asked");
    }
  }

  static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
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
      u.accept(new Event("a", NOW, "t0"));
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
      Thread intake = new Thread(() -> u.accept(new Event("a", NOW, "t1")));
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
    u.accept(new Event("a", NOW, "t0"));
    u.close();
    made.get(0).join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(made.get(0).isAlive());
    u.close();
  }
}
