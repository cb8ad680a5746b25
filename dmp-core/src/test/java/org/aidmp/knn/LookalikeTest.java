package org.aidmp.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.aidmp.audience.Audience;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class LookalikeTest {
  private static final int N = 600;
  private static final int D = 12;

  private static FMatrixRMaj data(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    FMatrixRMaj m = new FMatrixRMaj(N, D);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = (float) rnd.nextGaussian();
    }
    return m;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add("u" + i);
    }
    return ids;
  }

  private static double[] unit(FMatrixRMaj m, int r) {
    double[] v = new double[D];
    double s = 0;
    for (int j = 0; j < D; j++) {
      v[j] = m.data[r * D + j];
      s += v[j] * v[j];
    }
    for (int j = 0; j < D; j++) {
      v[j] /= Math.sqrt(s);
    }
    return v;
  }

  private static double cos(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int j = 0; j < a.length; j++) {
      dot += a[j] * b[j];
      na += a[j] * a[j];
      nb += b[j] * b[j];
    }
    return dot / Math.sqrt(na * nb);
  }

  /** Plain double-precision scoring of every eligible user, best first. */
  private static List<Neighbor> reference(
      FMatrixRMaj m, List<Integer> seeds, Lookalike.Scoring scoring, Predicate<String> allowed) {
    double[] centroid = new double[D];
    for (int s : seeds) {
      double[] v = unit(m, s);
      for (int j = 0; j < D; j++) {
        centroid[j] += v[j] / seeds.size();
      }
    }
    List<Neighbor> out = new ArrayList<>();
    for (int r = 0; r < N; r++) {
      if (seeds.contains(r) || !allowed.test("u" + r)) {
        continue;
      }
      double best = Double.NEGATIVE_INFINITY;
      if (scoring == Lookalike.Scoring.CENTROID) {
        best = cos(unit(m, r), centroid);
      } else {
        for (int s : seeds) {
          best = Math.max(best, cos(unit(m, r), unit(m, s)));
        }
      }
      out.add(new Neighbor("u" + r, (float) best));
    }
    out.sort(Comparator.comparing((Neighbor n) -> -n.score()).thenComparing(Neighbor::id));
    return out;
  }

  @Test
  void bothScoringsMatchADoublePrecisionReference() {
    for (long seed = 1; seed <= 4; seed++) {
      FMatrixRMaj m = data(seed);
      CosineIndex index = CosineIndex.of(ids(), m);
      SplittableRandom rnd = new SplittableRandom(seed);
      List<Integer> seeds = new ArrayList<>();
      List<String> seedIds = new ArrayList<>();
      for (int i = 0; i < 1 + seed * 5; i++) {
        int s = rnd.nextInt(N);
        if (!seeds.contains(s)) {
          seeds.add(s);
          seedIds.add("u" + s);
        }
      }
      Predicate<String> consent = id -> id.hashCode() % 5 != 0;
      for (Lookalike.Scoring scoring : Lookalike.Scoring.values()) {
        String ctx = "seed=" + seed + " " + scoring;
        List<Neighbor> ref = reference(m, seeds, scoring, consent);
        Audience a =
            Lookalike.builder()
                .setScoring(scoring)
                .setTargetSize(40)
                .setAllowed(consent)
                .setThreads(2)
                .get()
                .expand(index, seedIds);
        assertEquals(ref.size(), a.eligibleCount(), ctx);
        assertEquals(40, a.size(), ctx);
        for (int i = 0; i < 40; i++) {
          assertEquals(ref.get(i).id(), a.members().get(i).userId(), ctx + " rank " + i);
          assertEquals(ref.get(i).score(), a.members().get(i).score(), 1e-5, ctx + " rank " + i);
        }
        // Midway between two reference scores, so rounding cannot move anyone across.
        double t = (ref.get(100).score() + ref.get(101).score()) / 2.0;
        Audience byThreshold =
            Lookalike.builder()
                .setScoring(scoring)
                .setMinSimilarity(t)
                .setAllowed(consent)
                .get()
                .expand(index, seedIds);
        long expected = ref.stream().filter(n -> n.score() >= t).count();
        assertEquals(expected, byThreshold.size(), ctx + " threshold " + t);
        assertEquals(expected, byThreshold.reachAt(t), ctx);
        assertEquals(ref.size(), byThreshold.reachAt(-1), ctx);
        Audience both =
            Lookalike.builder()
                .setScoring(scoring)
                .setMinSimilarity(t)
                .setTargetSize(10)
                .setAllowed(consent)
                .get()
                .expand(index, seedIds);
        assertEquals(byThreshold.members().subList(0, 10), both.members(), ctx);
        for (Audience.Member n : a.members()) {
          assertTrue(
              consent.test(n.userId()) && !seedIds.contains(n.userId()), ctx + " " + n.userId());
        }
      }
    }
  }

  @Test
  void distributionAndExport() throws Exception {
    CosineIndex index = CosineIndex.of(ids(), data(9));
    Audience a =
        Lookalike.builder().setTargetSize(25).get().expand(index, List.of("u1", "u2", "nobody"));
    assertEquals(2, a.seedCount());
    assertEquals(1, a.unknownSeedCount());
    assertEquals(N - 2, a.eligibleCount());
    assertEquals(a.members().get(0).score(), a.quantile(1), 0);
    assertEquals(a.members().get(24).score(), a.quantile(0), 0);
    long total = 0;
    for (long c : a.histogram(20, -1, 1)) {
      total += c;
    }
    assertEquals(N - 2, total);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterator<Record> it = a.toSource().iterator()) {
      it.forEachRemaining(rows::add);
    }
    assertEquals(25, rows.size());
    assertEquals(a.members().get(3).userId(), rows.get(3).getString("user_id"));
    assertEquals(a.members().get(3).score(), rows.get(3).getDouble("score"), 0);
  }

  @Test
  void badInputIsRejected() {
    CosineIndex index = CosineIndex.of(ids(), data(3));
    Lookalike l = Lookalike.builder().setTargetSize(5).get();
    assertThrows(IllegalArgumentException.class, () -> l.expand(index, List.of()));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> l.expand(index, Set.of("x", "y")));
    assertTrue(e.getMessage().contains("2 seed ids"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Lookalike.builder().get());
    assertThrows(IllegalArgumentException.class, () -> Lookalike.builder().setTargetSize(0));
    assertThrows(IllegalArgumentException.class, () -> Lookalike.builder().setMinSimilarity(1.5));
    assertThrows(
        IllegalArgumentException.class, () -> Lookalike.builder().setMinSimilarity(Double.NaN));
  }
}
