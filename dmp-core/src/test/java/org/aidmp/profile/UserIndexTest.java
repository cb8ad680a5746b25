package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UserIndexTest {
  private static UserState state(String id) {
    return new UserState(id);
  }

  @Test
  void findsWhatWasAddedByEqualIdsNotOnlyTheSameObject() {
    UserIndex index = new UserIndex(0);
    UserState a = index.computeIfAbsent("user-1", UserIndexTest::state);
    assertSame(a, index.get("user-1"));
    assertSame(a, index.get(new String("user-1".toCharArray())));
    assertNull(index.get("user-2"));
    assertTrue(index.containsKey("user-1"));
    assertEquals(1, index.size());
  }

  @Test
  void computeIfAbsentKeepsTheFirstAggregateAndAddsNothingWhenTheMakerDeclines() {
    UserIndex index = new UserIndex(0);
    UserState a = index.computeIfAbsent("u", UserIndexTest::state);
    assertSame(a, index.computeIfAbsent("u", id -> state("other")));
    assertNull(index.computeIfAbsent("v", id -> null));
    assertNull(index.get("v"));
    assertEquals(1, index.size());
  }

  @Test
  void removalFreesTheIdAndAConditionalRemovalChecksTheAggregate() {
    UserIndex index = new UserIndex(0);
    UserState a = index.computeIfAbsent("u", UserIndexTest::state);
    assertFalse(index.remove("u", state("u")));
    assertSame(a, index.get("u"));
    assertTrue(index.remove("u", a));
    assertNull(index.get("u"));
    assertNull(index.remove("u"));
    UserState b = index.computeIfAbsent("u", UserIndexTest::state);
    assertSame(b, index.get("u"));
    assertSame(b, index.remove("u"));
    assertEquals(0, index.size());
    assertTrue(index.keys().isEmpty());
  }

  @Test
  void putReplacesAnAggregate() {
    UserIndex index = new UserIndex(0);
    index.put("u", state("u"));
    UserState b = state("u");
    index.put("u", b);
    assertSame(b, index.get("u"));
    assertEquals(1, index.size());
  }

  /**
   * Many ids, removals leaving tombstones among them, re-additions and growth from the smallest
   * size: every lookup agrees with a plain map all along.
   */
  @Test
  void agreesWithAPlainMapThroughGrowthRemovalsAndReuse() {
    UserIndex index = new UserIndex(0);
    Map<String, UserState> model = new HashMap<>();
    SplittableRandom r = new SplittableRandom(7);
    for (int step = 0; step < 200_000; step++) {
      String id = "u" + r.nextInt(5_000);
      switch (r.nextInt(4)) {
        case 0, 1 -> {
          UserState got = index.computeIfAbsent(id, UserIndexTest::state);
          UserState expected = model.computeIfAbsent(id, k -> got);
          assertSame(expected, got);
        }
        case 2 -> assertSame(model.remove(id), index.remove(id));
        default -> assertSame(model.get(id), index.get(id));
      }
    }
    assertEquals(model.size(), index.size());
    assertEquals(model.keySet(), new HashSet<>(index.keys()));
    for (Map.Entry<String, UserState> e : model.entrySet()) {
      assertSame(e.getValue(), index.get(e.getKey()));
    }
  }

  @Test
  void idsWhoseHashesCollideAreKeptApart() {
    // "Aa" and "BB" have the same String hash, so the same spread hash and the same probe start.
    assertEquals("Aa".hashCode(), "BB".hashCode());
    UserIndex index = new UserIndex(0);
    UserState aa = index.computeIfAbsent("Aa", UserIndexTest::state);
    UserState bb = index.computeIfAbsent("BB", UserIndexTest::state);
    assertSame(aa, index.get("Aa"));
    assertSame(bb, index.get("BB"));
    assertSame(aa, index.remove("Aa"));
    assertSame(bb, index.get("BB"));
    assertNull(index.get("Aa"));
  }

  /**
   * Two threads add and remove their own ids while a third looks them all up: no lookup returns
   * another id's aggregate, and at the end each thread's ids are exactly what it left.
   */
  @Test
  void concurrentWritersAndAReaderSeeConsistentEntries() throws Exception {
    UserIndex index = new UserIndex(0);
    int ids = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      String prefix = "w" + w + "-";
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < ids; i++) {
                      index.computeIfAbsent(prefix + i, UserIndexTest::state);
                    }
                    for (int i = 0; i < ids; i += 2) {
                      index.remove(prefix + i);
                    }
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              }));
    }
    threads.add(
        new Thread(
            () -> {
              try {
                start.await();
                for (int pass = 0; pass < 20; pass++) {
                  for (int w = 0; w < 2; w++) {
                    for (int i = 0; i < ids; i += 7) {
                      String id = "w" + w + "-" + i;
                      UserState s = index.get(id);
                      if (s != null && !s.userId.equals(id)) {
                        throw new AssertionError(id + " found " + s.userId);
                      }
                    }
                  }
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            }));
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertEquals(ids, index.size());
    for (int w = 0; w < 2; w++) {
      for (int i = 0; i < ids; i++) {
        String id = "w" + w + "-" + i;
        UserState s = index.get(id);
        if (i % 2 == 0) {
          assertNull(s, id);
        } else {
          assertEquals(id, s.userId);
        }
      }
    }
  }
}
