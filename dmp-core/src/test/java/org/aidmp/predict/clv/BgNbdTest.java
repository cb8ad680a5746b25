package org.aidmp.predict.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.predict.SharedData;
import org.junit.jupiter.api.Test;

class BgNbdTest {

  /** The CDNOW sample summarised as Fader, Hardie and Lee did: weeks, calibration to 1997-09-30. */
  static RfmSummary cdnow() throws IOException {
    List<String> lines =
        Files.readAllLines(SharedData.file("cdnow/CDNOW_sample.txt"), StandardCharsets.US_ASCII);
    int n = lines.size();
    String[] ids = new String[n];
    long[] days = new long[n];
    double[] amounts = new double[n];
    DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
    int k = 0;
    for (String line : lines) {
      String[] p = line.trim().split("\\s+");
      if (p.length < 5) {
        continue;
      }
      ids[k] = p[1];
      days[k] = LocalDate.parse(p[2], f).toEpochDay();
      amounts[k] = Double.parseDouble(p[4]);
      k++;
    }
    return RfmSummary.of(
        java.util.Arrays.copyOf(ids, k),
        java.util.Arrays.copyOf(days, k),
        java.util.Arrays.copyOf(amounts, k),
        LocalDate.of(1997, 9, 30).toEpochDay(),
        7);
  }

  @Test
  void reproducesThePublishedCdnowEstimates() throws IOException {
    RfmSummary rfm = cdnow();
    assertEquals(2357, rfm.ids().size());
    BgNbd.Model m = BgNbd.fit(rfm.frequency(), rfm.recency(), rfm.age());
    System.out.println("CDNOW BG/NBD: " + m);
    assertEquals(0.243, m.r(), 0.0005, "r");
    assertEquals(4.414, m.alpha(), 0.005, "alpha");
    assertEquals(0.793, m.a(), 0.0005, "a");
    assertEquals(2.426, m.b(), 0.005, "b");
    assertEquals(-9582.4, m.logLikelihood(), 0.1);
    // Fader, Hardie and Lee's worked example: x = 2, tx = 30.43, T = 38.86 expects 1.226 repeat
    // purchases in the next 39 weeks.
    assertEquals(1.226, m.expectedPurchases(39, 2, 30.43, 38.86), 0.002);
  }

  /** Customers drawn from the model's own story, with known parameters. */
  @Test
  void recoversTheParametersOfSimulatedCustomers() {
    SplittableRandom rnd = new SplittableRandom(5);
    double r = 0.5;
    double alpha = 5;
    double a = 1.2;
    double b = 3;
    int n = 2000;
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    org.apache.commons.math3.random.RandomGenerator g =
        new org.apache.commons.math3.random.MersenneTwister(5);
    org.apache.commons.math3.distribution.GammaDistribution rate =
        new org.apache.commons.math3.distribution.GammaDistribution(g, r, 1 / alpha);
    org.apache.commons.math3.distribution.BetaDistribution drop =
        new org.apache.commons.math3.distribution.BetaDistribution(g, a, b);
    for (int i = 0; i < n; i++) {
      double lambda = rate.sample();
      double p = drop.sample();
      double horizon = 20 + rnd.nextDouble() * 30;
      double now = 0;
      int count = 0;
      double last = 0;
      while (true) {
        now += -Math.log(1 - rnd.nextDouble()) / lambda;
        if (now > horizon) {
          break;
        }
        count++;
        last = now;
        if (rnd.nextDouble() < p) {
          break;
        }
      }
      x[i] = count;
      tx[i] = last;
      t[i] = horizon;
    }
    BgNbd.Model m = BgNbd.fit(x, tx, t);
    assertEquals(r, m.r(), 0.1 * r);
    assertEquals(alpha, m.alpha(), 0.2 * alpha);
    assertEquals(a, m.a(), 0.35 * a);
    assertEquals(b, m.b(), 0.4 * b);
  }

  @Test
  void probabilityAliveFallsWithTimeSinceTheLastPurchase() {
    BgNbd.Model m = new BgNbd.Model(0.243, 4.414, 0.793, 2.426, 0);
    assertEquals(1, m.probabilityAlive(0, 0, 30));
    double recent = m.probabilityAlive(4, 30, 32);
    double lapsed = m.probabilityAlive(4, 5, 32);
    assertTrue(recent > 0.8 && lapsed < recent, recent + " vs " + lapsed);
    // Expected purchases grow with the horizon and a new customer's match the formula at 0.
    assertEquals(0, m.expectedPurchasesNew(0));
    assertTrue(m.expectedPurchases(52, 4, 30, 32) > m.expectedPurchases(26, 4, 30, 32));
  }

  @Test
  void rejectsImpossibleHistories() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> BgNbd.fit(new double[] {1, 0}, new double[] {5, 1}, new double[] {10, 10}));
    assertTrue(e.getMessage().contains("position 1"), e.getMessage());
  }
}
