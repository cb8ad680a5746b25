package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InternerTest {
  @Test
  void idsAreDenseStableAndFindable() {
    Interner in = new Interner();
    assertEquals(0, in.id("a"));
    assertEquals(1, in.id("b"));
    assertEquals(0, in.id("a"));
    assertEquals(-1, in.find("c"));
    for (int i = 0; i < 100; i++) {
      in.id("x" + i);
    }
    assertEquals(102, in.size());
    assertEquals("x99", in.name(101));
    assertEquals(101, in.find("x99"));
  }

  @Test
  void concurrentAddsGiveOneIdPerName() throws Exception {
    Interner in = new Interner();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  int[] ids = new int[1000];
                  for (int i = 0; i < 1000; i++) {
                    ids[i] = in.id("n" + i);
                  }
                  return ids;
                }));
      }
      int[] first = results.get(0).get(30, TimeUnit.SECONDS);
      for (Future<int[]> f : results) {
        int[] ids = f.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
          assertEquals(first[i], ids[i], "name n" + i);
          assertEquals("n" + i, in.name(ids[i]));
        }
      }
      Set<Integer> distinct = new HashSet<>();
      for (int id : first) {
        distinct.add(id);
      }
      assertEquals(1000, distinct.size());
      assertEquals(1000, in.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFullInternerAnswersMinusOneAndDoesNotGrow() {
    Interner in = new Interner(3);
    assertEquals(0, in.id("a"));
    assertEquals(1, in.id("b"));
    assertEquals(2, in.id("c"));
    for (int i = 0; i < 10_000; i++) {
      assertEquals(-1, in.id("new-" + i));
    }
    assertEquals(3, in.size());
    assertEquals(1, in.id("b"));
    assertEquals(-1, in.find("new-5"));
  }
}
