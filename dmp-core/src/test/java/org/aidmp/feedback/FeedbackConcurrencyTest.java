package org.aidmp.feedback;

import static org.aidmp.feedback.Fixtures.CLOCK;
import static org.aidmp.feedback.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.aidmp.profile.Event;
import org.junit.jupiter.api.Test;

/**
 * 100 threads × 100,000 events over 1,000 users: every counter must equal the exact sum, while
 * snapshots and reads run alongside and every snapshot must be a consistent cut.
 */
class FeedbackConcurrencyTest {
  private static final int THREADS = 100;
  private static final int EVENTS_PER_THREAD = 100_000;
  private static final int USERS = 1_000;
  private static final int TYPES = 4;
  private static final int STRIPES = 4;

  /** Generous: the run takes seconds; only a hang or a livelock gets near this. */
  private static final long DEADLINE_SECONDS = 300;

  private static int user(int thread, int i) {
    return (int) ((thread * 7_919L + i * 31L) % USERS);
  }

  private static int type(int thread, int i) {
    return (thread + i / 3) % TYPES;
  }

  @Test
  void hundredThreadsLoseNoUpdate() throws Exception {
    String[] ids = new String[USERS];
    for (int u = 0; u < USERS; u++) {
      ids[u] = "user-" + u;
    }
    String[] types = Fixtures.types(TYPES).toArray(new String[0]);
    FeedbackConfig cfg =
        FeedbackConfig.builder()
            .setEventTypes(List.of(types))
            .setHalfLife(50_000)
            .setDriftBatch(512)
            .get();
    FeedbackUpdater updater =
        FeedbackUpdater.newBuilder()
            .setConfig(cfg)
            .setCentroids(Fixtures.centroids(8, TYPES, 1))
            .setEncoder(Fixtures.encoder(TYPES))
            .setClock(CLOCK)
            .addListener(c -> {})
            .setStripes(STRIPES)
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong snapshots = new AtomicLong();
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        fs.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                    if (!updater.accept(
                        new Event(ids[user(thread, i)], NOW - i, types[type(thread, i)]))) {
                      throw new AssertionError("event " + i + " of thread " + thread + " rejected");
                    }
                  }
                  return null;
                }));
      }
      // Snapshots and reads while intake runs; each snapshot must be one cut of the state.
      Future<?> observer =
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  FeedbackSnapshot s = updater.snapshot();
                  long sum = 0;
                  for (LiveUser u : s.users()) {
                    sum += u.events();
                    long perType = 0;
                    for (int t = 0; t < TYPES; t++) {
                      perType += u.count(t);
                    }
                    if (perType != u.events()) {
                      throw new AssertionError(
                          "torn user in snapshot: " + perType + " vs " + u.events());
                    }
                  }
                  if (sum != s.accepted()) {
                    throw new AssertionError(
                        "snapshot users hold " + sum + " events, counter says " + s.accepted());
                  }
                  updater.segmentOf(ids[(int) (snapshots.get() % USERS)]);
                  snapshots.incrementAndGet();
                  Thread.sleep(20);
                }
                return null;
              });
      start.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
      for (Future<?> f : fs) {
        awaitOrDump(f, deadline);
      }
      done.set(true);
      awaitOrDump(observer, deadline);
    } finally {
      done.set(true);
      pool.shutdownNow();
      updater.close();
    }

    long[][] expected = new long[USERS][TYPES];
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < EVENTS_PER_THREAD; i++) {
        expected[user(t, i)][type(t, i)]++;
      }
    }
    long total = 0;
    for (int u = 0; u < USERS; u++) {
      LiveUser p = updater.profile(ids[u]);
      for (int t = 0; t < TYPES; t++) {
        assertEquals(expected[u][t], p.count(t), "user " + u + " type " + t);
      }
      total += p.events();
    }
    assertEquals(10_000_000L, total);
    assertEquals(10_000_000L, updater.stats().accepted());
    assertEquals(0, updater.stats().rejectedTotal());
    assertTrue(snapshots.get() > 0, "no snapshot was taken during intake");
    // A stripe that gathers a full batch publishes every stripe's drift: between one version per
    // batch (one busy stripe) and one per STRIPES batches (all stripes full at once).
    long versions = updater.modelVersion() - 1;
    assertTrue(versions <= 10_000_000L / 512, versions + " versions");
    assertTrue(versions >= 10_000_000L / (512L * STRIPES), versions + " versions");
  }

  private static void awaitOrDump(Future<?> f, long deadlineNanos) throws Exception {
    try {
      f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      StringBuilder dump = new StringBuilder("thread dump at timeout:\n");
      for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
        dump.append(info);
      }
      System.err.println(dump);
      fail("intake did not finish within " + DEADLINE_SECONDS + " s; thread dump on stderr");
    }
  }
}
