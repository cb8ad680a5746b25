package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

  @Test
  void recoversTheSigmoidThatMadeTheLabels() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 20000;
    double[] s = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = r.nextGaussian() * 2;
      double p = 1 / (1 + Math.exp(-(1.5 * s[i] - 0.5)));
      y[i] = r.nextDouble() < p ? 1 : 0;
    }
    PlattScaling platt = PlattScaling.fit(s, y);
    assertEquals(-1.5, platt.a(), 0.08);
    assertEquals(0.5, platt.b(), 0.08);
    assertTrue(platt.calibrate(10) > 0.99 && platt.calibrate(-10) < 0.01);
  }

  @Test
  void separatedLabelsGiveFiniteParameters() {
    PlattScaling p = PlattScaling.fit(new double[] {0, 1, 2, 3}, new double[] {0, 0, 1, 1});
    assertTrue(Double.isFinite(p.a()) && p.a() < 0);
    assertTrue(p.calibrate(3) > 0.5 && p.calibrate(0) < 0.5);
  }
}
