package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class DpReleaseTest {
  private static DpRelease release(double total, long seed) {
    return DpRelease.builder()
        .setBudget(PrivacyBudget.of(Epsilon.of(total)))
        .setRandom(new SplittableRandom(seed))
        .get();
  }

  @Test
  void segmentSizesAreNoisyNonNegativeAndPaidFor() {
    DpRelease r = release(1, 1);
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("loyal", 877L);
    sizes.put("bargain", 1204L);
    sizes.put("empty", 0L);
    Map<String, Long> out = r.segmentSizes(sizes, Epsilon.of(0.5));
    assertEquals(List.of("loyal", "bargain", "empty"), List.copyOf(out.keySet()));
    assertEquals(877, out.get("loyal"), 60);
    assertTrue(out.get("empty") >= 0);
    assertThrows(UnsupportedOperationException.class, () -> out.put("more", 1L));
    sizes.put("added later", 5L);
    assertEquals(3, out.size(), "the release does not see later changes to its input");
    assertEquals(
        List.of(new PrivacyBudget.Spend("segment sizes", Epsilon.of(0.5))), r.budget().ledger());
    assertEquals(Epsilon.of(0.5), r.budget().spent());
  }

  @Test
  void refusesAReleaseOnceTheBudgetIsSpentAndReleasesNothing() {
    DpRelease r = release(1, 2);
    r.segmentSizes(Map.of("a", 10L), Epsilon.of(0.75));
    assertThrows(
        BudgetExhaustedException.class,
        () -> r.campaignCounts(Map.of("arm", 5L), 1, Epsilon.of(0.5)));
    assertEquals(Epsilon.of(0.75), r.budget().spent());
    assertEquals(1, r.budget().ledger().size());
    r.campaignCounts(Map.of("arm", 5L), 1, Epsilon.of(0.25));
    assertTrue(r.budget().remaining().isZero());
  }

  @Test
  void noiseScalesWithTheContributionBound() {
    DpRelease r = release(1_000_000, 3);
    double var1 = 0;
    double var10 = 0;
    int n = 3000;
    for (int i = 0; i < n; i++) {
      double a = r.campaignCounts(Map.of("x", 100_000L), 1, Epsilon.of(1)).get("x") - 1e5;
      double b = r.campaignCounts(Map.of("x", 100_000L), 10, Epsilon.of(1)).get("x") - 1e5;
      var1 += a * a;
      var10 += b * b;
    }
    // Var of DLap with alpha = e^(-eps/Δ) is 2α/(1-α)²: about 1.84 for Δ = 1, 200 for Δ = 10.
    assertEquals(2 * Math.exp(-1) / Math.pow(1 - Math.exp(-1), 2), var1 / n, 0.2);
    double a10 = Math.exp(-0.1);
    assertEquals(2 * a10 / Math.pow(1 - a10, 2), var10 / n, 20);
  }

  @Test
  void personaMeansAreCloseForLargeSegments() {
    int n = 60_000;
    int d = 3;
    FMatrixRMaj rows = new FMatrixRMaj(n, d);
    int[] labels = new int[n];
    SplittableRandom rnd = new SplittableRandom(4);
    double[][] sums = new double[2][d];
    int[] counts = new int[2];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      counts[labels[i]]++;
      for (int j = 0; j < d; j++) {
        float v = (float) rnd.nextDouble(0, 10) + labels[i] * 5;
        rows.data[i * d + j] = v;
        sums[labels[i]][j] += Math.min(10, v);
      }
    }
    DpRelease r = release(1, 5);
    NoisyMeans m =
        r.personaMeans(
            rows,
            labels,
            List.of("a", "b"),
            new double[] {0, 0, 0},
            new double[] {10, 10, 10},
            Epsilon.of(1));
    for (int c = 0; c < 2; c++) {
      for (int j = 0; j < d; j++) {
        assertEquals(sums[c][j] / counts[c], m.mean(c, j), 0.05, c + "," + j);
      }
      assertEquals(counts[c], m.count(c), 40);
    }
    assertEquals(3, m.features());
    assertEquals(List.of("a", "b"), m.segments());
    assertTrue(r.budget().remaining().isZero());
    assertThrows(
        BudgetExhaustedException.class,
        () ->
            r.personaMeans(
                rows,
                labels,
                List.of("a", "b"),
                new double[] {0, 0, 0},
                new double[] {10, 10, 10},
                Epsilon.of(0.1)));
  }

  @Test
  void inputsAreCheckedBeforeAnythingIsSpent() {
    DpRelease r = release(1, 6);
    FMatrixRMaj rows = new FMatrixRMaj(2, 1);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            r.personaMeans(
                rows,
                new int[] {0, 3},
                List.of("a"),
                new double[] {0},
                new double[] {1},
                Epsilon.of(0.5)));
    assertThrows(
        IllegalArgumentException.class, () -> r.segmentSizes(Map.of("a", -1L), Epsilon.of(0.5)));
    assertTrue(r.budget().spent().isZero());
    assertThrows(IllegalArgumentException.class, () -> DpRelease.builder().get());
  }
}
