package org.aidmp.bench.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The peak probes compute what their flop and byte counts claim. */
class PeakBenchmarkTest {
  @Test
  void fmaChainsAddTheProductOnEveryStep() {
    int lanes = PeakBenchmark.lanes();
    // Twelve chains starting at 1.00 .. 1.11, one lane each per vector lane.
    double start = lanes * (12 * 1.0 + 0.01 * (11 * 12 / 2));
    double step = 12.0 * lanes * (0.9999999 * 1e-7);
    int steps = 1000;
    float sum = PeakBenchmark.fmaChains(steps);
    // Each step adds m·c (≈ 1e-7) to every chain; float rounding near 1 bends it by under an ulp.
    assertEquals(start + steps * step, sum, 12 * lanes * steps * 1.2e-7 / 2 + 1e-3);
    assertTrue(PeakBenchmark.fmaChains(2 * steps) > sum, "chains grow with the steps");
  }

  @Test
  void cycleVisitsEveryLineOnceBeforeReturning() {
    int[] next = PeakBenchmark.cycle(64 * PeakBenchmark.LINE_INTS, 7);
    boolean[] seen = new boolean[64];
    int p = 0;
    for (int i = 0; i < 64; i++) {
      assertEquals(0, p % PeakBenchmark.LINE_INTS, "starts of lines only");
      assertTrue(!seen[p / PeakBenchmark.LINE_INTS], "line " + p + " visited twice");
      seen[p / PeakBenchmark.LINE_INTS] = true;
      p = next[p];
    }
    assertEquals(0, p, "back at the start after every line");
  }

  @Test
  void chasesMoveOnFromWhereTheyStopped() {
    PeakBenchmark.Cycle c = new PeakBenchmark.Cycle();
    c.chaseMegabytes = 1;
    c.setUp();
    PeakBenchmark b = new PeakBenchmark();
    int first = b.chase1(c);
    int expected = 0;
    for (int i = 0; i < PeakBenchmark.CHASE_STEPS; i++) {
      expected = c.next[expected];
    }
    assertEquals(expected, first);
    assertEquals(first, c.at[0]);
    int[] start = c.at.clone();
    b.chase8(c);
    for (int k = 0; k < 8; k++) {
      int q = start[k];
      for (int i = 0; i < PeakBenchmark.CHASE_STEPS / 8; i++) {
        q = c.next[q];
      }
      assertEquals(q, c.at[k], "chain " + k);
    }
  }

  @Test
  void sumReadsEveryElement() {
    float[] a = new float[1000 + 3];
    double expected = 0;
    for (int i = 0; i < a.length; i++) {
      a[i] = i & 7;
      expected += a[i];
    }
    assertEquals(expected, PeakBenchmark.sum(a), 0);
  }
}
