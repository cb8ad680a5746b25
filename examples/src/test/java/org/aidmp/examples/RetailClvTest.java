package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD and Gamma-Gamma on the whole UCI Online Retail log (December 2010 and 2011 folders of the
 * shared data), calibrated to the end of August 2011 and checked on September to 9 December.
 * Skipped without the data, failed instead with {@code -Ddmp.requireSharedData=true}.
 *
 * <p>The holdout is the retailer's autumn and Christmas peak, which a stationary purchase model
 * cannot foresee: the model under-predicts the holdout's purchase days by about a quarter (−24.4 %
 * when this test was written). The band holds that figure, so a change in the fit or the data
 * preparation shows up, and the deciles must rank customers as the holdout did.
 */
class RetailClvTest {
  @Test
  void predictsHoldoutPurchasesWithinTheMeasuredBandAndRanksCustomers() throws Exception {
    Path dec = SharedData.require("online-retail-uci-2010-12", "2010-12-01.csv");
    Path year = SharedData.require("online-retail-uci-2011-by-day", "2011-12-09.csv");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RetailClv.Result r =
        RetailClv.run(List.of(dec, year), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(541_909, r.rows(), "both folders together are the whole UCI data set");
    assertTrue(r.customers() > 3000 && r.customers() < 3600, text);
    double err = r.relativeError();
    assertTrue(err > -0.30 && err < -0.18, "aggregate error " + err + "\n" + text);
    double[] actual = r.actualByDecile();
    assertTrue(
        actual[0] > 2 * actual[4] && actual[4] > actual[9],
        "the top decile buys most and the bottom least\n" + text);
    for (int d = 0; d < 10; d++) {
      double ratio = r.predictedByDecile()[d] / actual[d];
      assertTrue(ratio > 0.4 && ratio < 1.1, "decile " + (d + 1) + " ratio " + ratio + "\n" + text);
    }
    assertTrue(r.spend().populationMean() > 100 && r.spend().populationMean() < 1000, text);
    assertTrue(text.contains("bgnbd r="), text);
  }
}
