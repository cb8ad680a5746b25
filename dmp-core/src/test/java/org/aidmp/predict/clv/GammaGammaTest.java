package org.aidmp.predict.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class GammaGammaTest {

  @Test
  void recoversSimulatedSpendParameters() {
    MersenneTwister g = new MersenneTwister(3);
    double p = 6;
    double q = 4;
    double gamma = 15;
    GammaDistribution scale = new GammaDistribution(g, q, 1 / gamma);
    int n = 5000;
    double[] x = new double[n];
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      double nu = scale.sample();
      int k = 1 + g.nextInt(6);
      GammaDistribution spend = new GammaDistribution(g, p, 1 / nu);
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += spend.sample();
      }
      x[i] = k;
      m[i] = s / k;
    }
    GammaGamma.Model fit = GammaGamma.fit(x, m);
    assertEquals(p, fit.p(), 0.15 * p);
    assertEquals(q, fit.q(), 0.2 * q);
    assertEquals(gamma, fit.gamma(), 0.25 * gamma);
    // Shrinkage: a customer's expected spend lies between their own mean and the population's.
    double own = 100;
    double e = fit.expectedSpend(2, own);
    assertTrue(e < own && e > fit.populationMean());
  }

  /** Fader, Hardie and Lee's CDNOW spend estimates: p = 6.25, q = 3.74, γ = 15.44. */
  @Test
  void fitsTheCdnowSampleNearThePublishedEstimates() throws IOException {
    RfmSummary rfm = BgNbdTest.cdnow();
    GammaGamma.Model fit = GammaGamma.fit(rfm.frequency(), rfm.monetary());
    assertEquals(6.25, fit.p(), 0.1);
    assertEquals(3.74, fit.q(), 0.1);
    assertEquals(15.44, fit.gamma(), 0.5);
  }

  @Test
  void needsRepeatBuyers() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GammaGamma.fit(new double[] {0, 1}, new double[] {0, 10}));
  }
}
