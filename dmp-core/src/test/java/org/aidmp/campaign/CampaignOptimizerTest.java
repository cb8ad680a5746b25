package org.aidmp.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.aidmp.stage.ScoreModel;
import org.junit.jupiter.api.Test;

class CampaignOptimizerTest {
  private static CampaignConfig config(long seed, double control) {
    return CampaignConfig.builder()
        .setArms(List.of("a", "b", "c"))
        .setSegments(2)
        .setControlShare(control)
        .setSeed(seed)
        .get();
  }

  /** Simulates users clicking with a fixed true rate per arm; returns the choices made. */
  private static List<Choice> simulate(
      CampaignOptimizer o, int segment, double[] trueRates, int requests, long seed) {
    SplittableRandom world = new SplittableRandom(seed);
    List<Choice> choices = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      Choice c = o.choose(segment, "user-" + world.nextInt(5000));
      o.record(c, Outcome.IMPRESSION);
      if (world.nextDouble() < trueRates[c.armIndex()]) {
        o.record(c, Outcome.CLICK);
      }
      choices.add(c);
    }
    return choices;
  }

  @Test
  void trafficShiftsToTheBetterArm() {
    CampaignOptimizer o = CampaignOptimizer.create(config(42, 0.1));
    double[] rates = {0.02, 0.06, 0.03};
    simulate(o, 0, rates, 20_000, 1);
    List<ArmStats> rows = o.report().rows(0);
    ArmStats best =
        rows.stream()
            .filter(r -> r.group() == Group.TREATMENT && r.arm().equals("b"))
            .findFirst()
            .get();
    assertTrue(best.trafficShare() > 0.7, "share of the best arm: " + best);
    // Its uplift over control (arm a at 2%) is about +4 points and the interval excludes zero.
    assertTrue(best.upliftLow() > 0 && best.upliftHigh() > best.uplift(), best.toString());
    assertTrue(Math.abs(best.uplift() - 0.04) < 0.015, best.toString());
    ArmStats control = rows.stream().filter(r -> r.group() == Group.CONTROL).findFirst().get();
    assertEquals("a", control.arm());
    assertTrue(Math.abs(control.trafficShare() - 0.1) < 0.03, control.toString());
    assertTrue(o.report().personalisationUplift(0).low() > 0);
  }

  @Test
  void sameSeedSameChoicesAndDifferentSeedDifferentChoices() {
    double[] rates = {0.05, 0.05, 0.05};
    List<Choice> a = simulate(CampaignOptimizer.create(config(7, 0.1)), 1, rates, 3000, 2);
    List<Choice> b = simulate(CampaignOptimizer.create(config(7, 0.1)), 1, rates, 3000, 2);
    List<Choice> c = simulate(CampaignOptimizer.create(config(8, 0.1)), 1, rates, 3000, 2);
    assertEquals(a, b);
    assertTrue(!a.equals(c), "another seed should change some choice");
  }

  @Test
  void controlGroupIsStablePerUserAndNearTheShare() {
    CampaignOptimizer o = CampaignOptimizer.create(config(3, 0.2));
    int control = 0;
    for (int u = 0; u < 20_000; u++) {
      String id = "u" + u;
      boolean first = o.isControl(id);
      assertEquals(first, o.isControl(id));
      Choice c = o.choose(0, id);
      assertEquals(first ? Group.CONTROL : Group.TREATMENT, c.group(), id);
      if (first) {
        control++;
        assertEquals(0, c.armIndex());
      }
    }
    assertEquals(0.2, control / 20_000.0, 0.02);
  }

  @Test
  void noControlGroupWhenShareIsZero() {
    CampaignOptimizer o = CampaignOptimizer.create(config(3, 0));
    for (int i = 0; i < 500; i++) {
      assertEquals(Group.TREATMENT, o.choose(0).group());
    }
    assertTrue(Double.isNaN(o.report().rows(0).get(0).uplift()));
  }

  @Test
  void snapshotRestartContinuesTheSameSequence() throws Exception {
    double[] rates = {0.01, 0.04, 0.02};
    CampaignOptimizer straight = CampaignOptimizer.create(config(11, 0.1));
    simulate(straight, 0, rates, 2000, 4);
    byte[] mid = bytes(straight);
    CampaignOptimizer restarted =
        CampaignOptimizer.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(mid)));
    assertArrayEquals(mid, bytes(restarted));
    assertEquals(straight.version(), restarted.version());
    List<Choice> x = simulate(straight, 0, rates, 2000, 5);
    List<Choice> y = simulate(restarted, 0, rates, 2000, 5);
    assertEquals(x, y);
    assertArrayEquals(bytes(straight), bytes(restarted));
  }

  @Test
  void aCopyContinuesTheSameSequenceAndIsIndependent() throws Exception {
    double[] rates = {0.01, 0.04, 0.02};
    CampaignOptimizer original = CampaignOptimizer.create(config(11, 0.1));
    simulate(original, 0, rates, 2000, 4);
    CampaignOptimizer copy = original.copy();
    byte[] cut = bytes(copy);
    assertArrayEquals(bytes(original), cut);
    List<Choice> x = simulate(original, 0, rates, 2000, 5);
    assertArrayEquals(cut, bytes(copy), "the copy does not see the original's later calls");
    List<Choice> y = simulate(copy, 0, rates, 2000, 5);
    assertEquals(x, y);
    assertArrayEquals(bytes(original), bytes(copy));
  }

  private static byte[] bytes(CampaignOptimizer o) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    o.writeTo(new java.io.DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  @Test
  void readRejectsGarbage() {
    byte[] junk = {1, 2, 3, 4, 5, 6, 7, 8};
    java.io.IOException e =
        assertThrows(
            java.io.IOException.class,
            () ->
                CampaignOptimizer.read(
                    new java.io.DataInputStream(new java.io.ByteArrayInputStream(junk))));
    assertTrue(e.getMessage().contains("not a campaign snapshot"), e.getMessage());
  }

  @Test
  void concurrentRecordingCountsExactly() throws Exception {
    CampaignOptimizer o = CampaignOptimizer.create(config(1, 0.1));
    int threads = 8;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seg = t % 2;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    Choice c = o.choose(seg);
                    o.record(c, Outcome.IMPRESSION);
                    if (i % 10 == 0) {
                      o.record(c, Outcome.CLICK);
                    }
                    if (i % 100 == 0) {
                      o.copy();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long served = 0;
    long impressions = 0;
    long clicks = 0;
    for (ArmStats r : o.report().totals()) {
      served += r.served();
      impressions += r.impressions();
      clicks += r.clicks();
    }
    assertEquals((long) threads * perThread, served);
    assertEquals((long) threads * perThread, impressions);
    assertEquals((long) threads * perThread / 10, clicks);
    assertEquals(impressions + clicks, o.version());
  }

  @Test
  void rejectsUnknownSegmentWithTheValue() {
    CampaignOptimizer o = CampaignOptimizer.create(config(1, 0.1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.choose(5));
    assertTrue(e.getMessage().contains("(5)"), e.getMessage());
    assertEquals(CampaignOptimizer.UNKNOWN_SEGMENT, o.choose(-1).segment());
  }

  private static final ScoreModel FIRST_COLUMN =
      new ScoreModel() {
        @Override
        public int dimensions() {
          return 1;
        }

        @Override
        public double score(float[] row, int offset) {
          return row[offset];
        }
      };

  @Test
  void onlyUsersLikelyEnoughEnterTheCampaignAndAreServed() {
    CampaignOptimizer o =
        CampaignOptimizer.create(
            CampaignConfig.builder().setArms(List.of("a", "b")).setSegments(1).setSeed(1).get());
    assertTrue(o.chooseIfLikely(0, "low", FIRST_COLUMN, 0.5, new float[] {0.2f}, 0).isEmpty());
    assertTrue(o.chooseIfLikely(0, "high", FIRST_COLUMN, 0.5, new float[] {0.7f}, 0).isPresent());
    long served = 0;
    for (ArmStats r : o.report().rows(0)) {
      served += r.served();
    }
    assertEquals(1, served, "only the eligible request was served");
    assertThrows(
        IllegalArgumentException.class,
        () -> o.chooseIfLikely(0, "u", FIRST_COLUMN, Double.NaN, new float[] {0.9f}, 0));
  }
}
