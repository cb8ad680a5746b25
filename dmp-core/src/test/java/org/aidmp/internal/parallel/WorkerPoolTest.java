package org.aidmp.internal.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void runsEveryTaskOnceAndTheCallerTakesPart() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicIntegerArray runs = new AtomicIntegerArray(200);
    // Every worker waits for the others once, so the caller and both helpers must each run tasks.
    CountDownLatch all = new CountDownLatch(3);
    try (WorkerPool pool = WorkerPool.create("test", 3, null)) {
      assertEquals(3, pool.threads());
      pool.run(
          200,
          t -> {
            if (threads.add(Thread.currentThread().getName())) {
              all.countDown();
              try {
                assertTrue(all.await(10, TimeUnit.SECONDS), "a worker never started");
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }
            runs.incrementAndGet(t);
          });
    }
    for (int t = 0; t < 200; t++) {
      assertEquals(1, runs.get(t), "task " + t);
    }
    assertTrue(threads.contains(Thread.currentThread().getName()), threads.toString());
    assertEquals(2, threads.stream().filter(n -> n.startsWith("dmp-test-")).count(), threads + "");
  }

  @Test
  void ownedThreadsAreDaemonsAndEndByClose() throws InterruptedException {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    WorkerPool pool = WorkerPool.create("closing", 2, null);
    pool.run(64, t -> seen.add(Thread.currentThread()));
    pool.close();
    for (Thread t : seen) {
      if (t != Thread.currentThread()) {
        assertTrue(t.isDaemon(), t.getName());
        // close() returns once the pool has terminated; the thread itself ends right after.
        t.join(10_000);
        assertFalse(t.isAlive(), t.getName() + " outlived close()");
      }
    }
  }

  @Test
  void oneThreadRunsEverythingInline() {
    Thread caller = Thread.currentThread();
    try (WorkerPool pool = WorkerPool.create("inline", 1, null)) {
      pool.run(10, t -> assertSame(caller, Thread.currentThread()));
      pool.forRange(10, true, (from, to) -> assertEquals(10, to - from));
    }
  }

  @Test
  void forRangeCoversTheRangeInContiguousChunks() {
    AtomicIntegerArray hits = new AtomicIntegerArray(1001);
    Set<String> chunks = ConcurrentHashMap.newKeySet();
    try (WorkerPool pool = WorkerPool.create("range", 4, null)) {
      pool.forRange(
          1001,
          true,
          (from, to) -> {
            chunks.add(from + ".." + to);
            for (int i = from; i < to; i++) {
              hits.incrementAndGet(i);
            }
          });
      pool.forRange(5, false, (from, to) -> chunks.add("seq " + from + ".." + to));
    }
    for (int i = 0; i < 1001; i++) {
      assertEquals(1, hits.get(i), "index " + i);
    }
    assertEquals(Set.of("0..250", "250..500", "500..750", "750..1001", "seq 0..5"), chunks);
  }

  @Test
  void aTaskFailureReachesTheCallerUnchanged() {
    IllegalStateException cause = new IllegalStateException("root");
    IllegalArgumentException thrown = new IllegalArgumentException("task 7 failed", cause);
    try (WorkerPool pool = WorkerPool.create("failing", 2, null)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  pool.run(
                      100,
                      t -> {
                        if (t == 7) {
                          throw thrown;
                        }
                      }));
      assertSame(thrown, e);
      assertSame(cause, e.getCause());
    }
  }

  @Test
  void aCallersExecutorRunsHelpersAndIsLeftRunning() {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      AtomicIntegerArray runs = new AtomicIntegerArray(50);
      try (WorkerPool pool = WorkerPool.create("external", 3, executor)) {
        pool.run(50, runs::incrementAndGet);
      }
      for (int t = 0; t < 50; t++) {
        assertEquals(1, runs.get(t));
      }
      assertFalse(executor.isShutdown());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRefusesLeavesTheWorkToTheCaller() {
    Thread caller = Thread.currentThread();
    AtomicIntegerArray runs = new AtomicIntegerArray(20);
    try (WorkerPool pool =
        WorkerPool.create(
            "refused",
            4,
            r -> {
              throw new RejectedExecutionException("full");
            })) {
      pool.run(
          20,
          t -> {
            assertSame(caller, Thread.currentThread());
            runs.incrementAndGet(t);
          });
    }
    for (int t = 0; t < 20; t++) {
      assertEquals(1, runs.get(t));
    }
  }
}
