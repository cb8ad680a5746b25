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
