package org.aidmp.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class CosineIndexTest {

  /** A plain double-precision brute force, written for clarity, to check the index against. */
  static List<Neighbor> reference(
      Map<String, float[]> rows,
      float[] query,
      int k,
      Set<String> exclude,
      Predicate<String> allowed) {
    double qn = norm(query);
    List<Neighbor> all = new ArrayList<>();
    if (qn == 0) {
      return all;
    }
    for (Map.Entry<String, float[]> e : rows.entrySet()) {
      if (exclude.contains(e.getKey()) || !allowed.test(e.getKey())) {
        continue;
      }
      float[] r = e.getValue();
      double rn = norm(r);
      double dot = 0;
      for (int j = 0; j < r.length; j++) {
        dot += (double) r[j] * query[j];
      }
      all.add(new Neighbor(e.getKey(), rn == 0 ? 0f : (float) (dot / rn / qn)));
    }
    all.sort(Comparator.comparing((Neighbor n) -> -n.score()).thenComparing(Neighbor::id));
    return all.subList(0, Math.min(k, all.size()));
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  private static float[] randomVector(SplittableRandom rnd, int d, boolean coarse) {
    float[] v = new float[d];
    for (int j = 0; j < d; j++) {
      // Coarse values (small integers) make exact ties between rows common.
      v[j] = coarse ? rnd.nextInt(-2, 3) : (float) rnd.nextGaussian();
    }
    return v;
  }

  private static void assertSameNeighbors(
      List<Neighbor> expected, List<Neighbor> actual, String context) {
    assertSameNeighbors(expected, actual, null, context);
  }

  /**
   * Same scores at every rank; ids equal too, except that rows whose true scores tie within
   * rounding ({@code truth} given) may come in either order.
   */
  private static void assertSameNeighbors(
      List<Neighbor> expected, List<Neighbor> actual, Map<String, Float> truth, String context) {
    assertEquals(expected.size(), actual.size(), context);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < expected.size(); i++) {
      Neighbor e = expected.get(i);
      Neighbor a = actual.get(i);
      assertEquals(e.score(), a.score(), 1e-5f, context + " rank " + i);
      assertTrue(seen.add(a.id()), context + " repeats " + a.id());
      if (truth == null) {
        assertEquals(e.id(), a.id(), context + " rank " + i);
      } else {
        assertEquals(truth.get(a.id()), a.score(), 1e-5f, context + " score of " + a.id());
      }
      if (i > 0) {
        Neighbor p = actual.get(i - 1);
        assertTrue(
            p.score() > a.score() || (p.score() == a.score() && p.id().compareTo(a.id()) < 0),
            context + " order at rank " + i);
      }
    }
  }

  @Test
  void matchesDoublePrecisionReferenceOnRandomInputs() {
    for (long seed = 1; seed <= 40; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int n = rnd.nextInt(0, 700);
      int d = new int[] {1, 3, 7, 16, 17, 64, 65}[rnd.nextInt(7)];
      boolean coarse = rnd.nextBoolean();
      Map<String, float[]> rows = new LinkedHashMap<>();
      FMatrixRMaj m = new FMatrixRMaj(n, d);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        float[] v = rnd.nextInt(20) == 0 ? new float[d] : randomVector(rnd, d, coarse);
        String id = "r" + rnd.nextInt(1_000_000) + "_" + i;
        rows.put(id, v);
        ids.add(id);
        System.arraycopy(v, 0, m.data, i * d, d);
      }
      int k = rnd.nextInt(1, 40);
      Set<String> exclude = new HashSet<>();
      for (String id : ids) {
        if (rnd.nextInt(10) == 0) {
          exclude.add(id);
        }
      }
      Predicate<String> allowed = id -> id.hashCode() % 7 != 0;
      SearchOptions opts =
          SearchOptions.builder().setK(k).setExclude(exclude).setAllowed(allowed).get();
      CosineIndex index = CosineIndex.of(ids, m);
      int nq = rnd.nextInt(1, 300);
      FMatrixRMaj qm = new FMatrixRMaj(nq, d);
      for (int i = 0; i < nq; i++) {
        System.arraycopy(randomVector(rnd, d, coarse), 0, qm.data, i * d, d);
      }
      List<List<Neighbor>> batch = index.searchBatch(qm, opts);
      List<List<Neighbor>> parallel = index.searchBatch(qm, opts.toBuilder().setThreads(3).get());
      for (int i = 0; i < nq; i++) {
        float[] q = java.util.Arrays.copyOfRange(qm.data, i * d, i * d + d);
        String ctx = "seed=" + seed + " n=" + n + " d=" + d + " k=" + k + " query=" + i;
        Map<String, Float> truth = null;
        if (coarse) {
          truth = new java.util.HashMap<>();
          for (Neighbor r : reference(rows, q, n, Set.of(), x -> true)) {
            truth.put(r.id(), r.score());
          }
        }
        assertSameNeighbors(reference(rows, q, k, exclude, allowed), batch.get(i), truth, ctx);
        assertEquals(batch.get(i), parallel.get(i), ctx + " (3 threads)");
        if (i < 3) {
          assertEquals(batch.get(i), index.search(q, opts), ctx + " (single)");
        }
      }
    }
  }

  @Test
  void scalarAndDefaultKernelsGiveTheSameIds() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 1000;
    int d = 33;
    FMatrixRMaj m = new FMatrixRMaj(n, d);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("%05d", i));
      System.arraycopy(randomVector(rnd, d, false), 0, m.data, i * d, d);
    }
    CosineIndex a =
        CosineIndex.of(ids, m, org.aidmp.internal.kernels.VectorKernelsProvider.scalar());
    CosineIndex b = CosineIndex.of(ids, m);
    for (int i = 0; i < 50; i++) {
      float[] q = randomVector(rnd, d, false);
      List<String> ia = a.search(q, 15).stream().map(Neighbor::id).toList();
      List<String> ib = b.search(q, 15).stream().map(Neighbor::id).toList();
      assertEquals(ia, ib, "query " + i + " with kernel " + b.kernelName());
    }
  }

  @Test
  void changesMatchARebuiltIndex() {
    SplittableRandom rnd = new SplittableRandom(11);
    int d = 8;
    CosineIndex live = CosineIndex.create(d);
    Map<String, float[]> truth = new LinkedHashMap<>();
    for (int step = 0; step < 3000; step++) {
      String id = "u" + rnd.nextInt(300);
      int op = rnd.nextInt(4);
      if (op == 0) {
        assertEquals(truth.remove(id) != null, live.remove(id), "remove at step " + step);
      } else {
        float[] v = randomVector(rnd, d, true);
        truth.put(id, v);
        live.put(id, v);
      }
      if (step % 250 == 0) {
        float[] q = randomVector(rnd, d, false);
        Map<String, Float> all = new java.util.HashMap<>();
        for (Neighbor r : reference(truth, q, truth.size(), Set.of(), x -> true)) {
          all.put(r.id(), r.score());
        }
        assertSameNeighbors(
            reference(truth, q, 12, Set.of(), x -> true), live.search(q, 12), all, "step " + step);
        assertEquals(truth.size(), live.size());
      }
    }
    FMatrixRMaj m = new FMatrixRMaj(truth.size(), d);
    List<String> ids = new ArrayList<>(truth.keySet());
    for (int i = 0; i < ids.size(); i++) {
      System.arraycopy(truth.get(ids.get(i)), 0, m.data, i * d, d);
    }
    CosineIndex rebuilt = CosineIndex.of(ids, m);
    for (int i = 0; i < 20; i++) {
      float[] q = randomVector(rnd, d, false);
      assertEquals(rebuilt.search(q, 30), live.search(q, 30), "query " + i);
    }
  }

  @Test
  void tiesAreBrokenByIdAndZeroRowsScoreZero() {
    CosineIndex index = CosineIndex.create(2);
    index.put("c", new float[] {1, 0});
    index.put("a", new float[] {2, 0});
    index.put("b", new float[] {5, 0});
    index.put("z", new float[] {0, 0});
    index.put("y", new float[] {0, 1});
    List<Neighbor> top = index.search(new float[] {3, 0}, 5);
    assertEquals(List.of("a", "b", "c", "y", "z"), top.stream().map(Neighbor::id).toList());
    assertEquals(1f, top.get(0).score(), 1e-6f);
    assertEquals(0f, top.get(4).score());
  }

  @Test
  void zeroQueryHasAnEmptyResultAndLargeKReturnsEverything() {
    CosineIndex index = CosineIndex.create(3);
    index.put("a", new float[] {1, 2, 3});
    index.put("b", new float[] {-1, 2, 0});
    assertTrue(index.search(new float[3], 5).isEmpty());
    assertEquals(2, index.search(new float[] {1, 1, 1}, 100).size());
    assertTrue(CosineIndex.create(3).search(new float[] {1, 1, 1}, 3).isEmpty());
  }

  @Test
  void searchLikeExcludesTheRowItself() {
    CosineIndex index = CosineIndex.create(2);
    index.put("a", new float[] {1, 0});
    index.put("b", new float[] {1, 0.1f});
    index.put("c", new float[] {0, 1});
    List<Neighbor> like = index.searchLike("a", SearchOptions.builder().setK(2).get());
    assertEquals(List.of("b", "c"), like.stream().map(Neighbor::id).toList());
    assertThrows(
        IllegalArgumentException.class, () -> index.searchLike("nobody", SearchOptions.DEFAULT));
  }

  @Test
  void runsOnACallerExecutor() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 500;
    int d = 4;
    FMatrixRMaj m = new FMatrixRMaj(n, d);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("id" + i);
      System.arraycopy(randomVector(rnd, d, false), 0, m.data, i * d, d);
    }
    CosineIndex index = CosineIndex.of(ids, m);
    FMatrixRMaj qm = new FMatrixRMaj(700, d);
    for (int i = 0; i < qm.data.length; i++) {
      qm.data[i] = (float) rnd.nextGaussian();
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      SearchOptions opts = SearchOptions.builder().setK(5).setThreads(2).setExecutor(pool).get();
      assertEquals(
          index.searchBatch(qm, SearchOptions.builder().setK(5).get()),
          index.searchBatch(qm, opts));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void badInputIsRejectedWithTheValueAndTheFix() {
    CosineIndex index = CosineIndex.create(3);
    index.put("a", new float[] {1, 2, 3});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[2], 1));
    assertTrue(e.getMessage().contains("2 values") && e.getMessage().contains("3"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> index.search(new float[] {1, Float.NaN, 0}, 1));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> index.put("b", new float[] {Float.POSITIVE_INFINITY, 0, 0}));
    assertFalse(index.contains("b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> index.searchBatch(new FMatrixRMaj(2, 4), SearchOptions.DEFAULT));
    assertThrows(IllegalArgumentException.class, () -> SearchOptions.builder().setK(0));
    assertThrows(IllegalArgumentException.class, () -> SearchOptions.builder().setThreads(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> CosineIndex.of(List.of("a", "a"), new FMatrixRMaj(2, 3)));
    assertThrows(
        IllegalArgumentException.class, () -> CosineIndex.of(List.of("a"), new FMatrixRMaj(2, 3)));
    assertThrows(IllegalArgumentException.class, () -> CosineIndex.create(0));
    assertThrows(IllegalArgumentException.class, () -> index.vector("nobody"));
    assertFalse(index.remove("nobody"));
  }

  @Test
  void writeAndReadGiveAnIndexThatAnswersIdentically() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    int d = 19;
    CosineIndex index = CosineIndex.create(d);
    for (int i = 0; i < 300; i++) {
      float[] v = new float[d];
      for (int j = 0; j < d; j++) {
        v[j] = (float) r.nextGaussian();
      }
      index.put("r" + i, v);
    }
    for (int i = 0; i < 300; i += 7) {
      index.remove("r" + i);
    }
    index.put("zero", new float[d]);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    index.write(new java.io.DataOutputStream(bytes));
    CosineIndex back =
        CosineIndex.read(
            new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));

    assertEquals(index.size(), back.size());
    assertEquals(new HashSet<>(index.ids()), new HashSet<>(back.ids()));
    for (int q = 0; q < 20; q++) {
      float[] query = new float[d];
      for (int j = 0; j < d; j++) {
        query[j] = (float) r.nextGaussian();
      }
      assertEquals(index.search(query, 10), back.search(query, 10), "query " + q);
    }
    assertEquals(List.of(index.vector("r1")[3]), List.of(back.vector("r1")[3]));
  }

  @Test
  void readRejectsForeignOrDamagedInput() {
    byte[] junk = {1, 2, 3, 4, 0, 0, 0, 1};
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class,
            () ->
                CosineIndex.read(
                    new java.io.DataInputStream(new java.io.ByteArrayInputStream(junk))));
    assertTrue(e.getMessage().contains("not a cosine index"), e.getMessage());
  }
}
