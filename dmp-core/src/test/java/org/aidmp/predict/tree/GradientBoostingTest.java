package org.aidmp.predict.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aidmp.predict.Synthetic;
import org.aidmp.predict.eval.Metrics;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class GradientBoostingTest {

  private static final GradientBoosting CLASSIFIER =
      GradientBoosting.builder().setCategoricalColumns(2).setMaxIterations(150).get();

  @Test
  void learnsAHeldOutClassificationSetNearlyAsWellAsTheTrueLogits() {
    Synthetic.Data d = Synthetic.classification(6000, 1);
    FMatrixRMaj train = Synthetic.rows(d.rows(), 0, 4000);
    FMatrixRMaj test = Synthetic.rows(d.rows(), 4000, 6000);
    GbtModel m = CLASSIFIER.fit(train, Synthetic.slice(d.labels(), 0, 4000));
    double[] yTest = Synthetic.slice(d.labels(), 4000, 6000);
    double auc = Metrics.rocAuc(m.score(test), yTest);
    double best = Metrics.rocAuc(Synthetic.slice(d.logits(), 4000, 6000), yTest);
    assertTrue(auc > best - 0.02, "auc " + auc + " vs the true logits' " + best);
    assertTrue(m.trees() >= 1 && m.trees() <= 150);
    assertEquals(4000 - 400, m.provenance().stage("gbt").rowsIn());
  }

  @Test
  void oneSeedGivesTheSameModelOnOneAndTwoThreads() {
    Synthetic.Data d = Synthetic.classification(12000, 2);
    GradientBoosting b =
        CLASSIFIER.toBuilder()
            .setMaxIterations(20)
            .setRowSubsample(0.8)
            .setColumnSubsample(0.8)
            .get();
    GbtModel one = b.toBuilder().setThreads(1).get().fit(d.rows(), d.labels());
    GbtModel two = b.toBuilder().setThreads(2).get().fit(d.rows(), d.labels());
    GbtModel again = b.toBuilder().setThreads(2).get().fit(d.rows(), d.labels());
    assertArrayEquals(one.margins(d.rows()), two.margins(d.rows()));
    assertArrayEquals(two.margins(d.rows()), again.margins(d.rows()));
    assertEquals(one.nodes(), two.nodes());
  }

  @Test
  void missingValuesLearnTheirOwnSide() {
    int n = 2000;
    FMatrixRMaj x = new FMatrixRMaj(n, 1);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      boolean missing = i % 4 == 0;
      x.set(i, 0, missing ? Float.NaN : i % 100);
      y[i] = missing || i % 100 >= 90 ? 1 : 0;
    }
    GbtModel m =
        GradientBoosting.builder().setValidationFraction(0).setMaxIterations(30).get().fit(x, y);
    assertTrue(m.score(new float[] {Float.NaN}, 0) > 0.9);
    assertTrue(m.score(new float[] {95}, 0) > 0.9);
    assertTrue(m.score(new float[] {10}, 0) < 0.1);
  }

  @Test
  void oneCategoricalSplitSeparatesASetOfCategories() {
    int n = 1200;
    FMatrixRMaj x = new FMatrixRMaj(n, 1);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % 6;
      x.set(i, 0, c);
      y[i] = (c == 1 || c == 3 || c == 5) ? 1 : 0;
    }
    GbtModel m =
        GradientBoosting.builder()
            .setCategoricalColumns(0)
            .setMaxLeaves(2)
            .setValidationFraction(0)
            .setMaxIterations(1)
            .setLearningRate(1)
            .get()
            .fit(x, y);
    assertEquals(3, m.nodes(), "a stump");
    double odd = m.margin(new float[] {3}, 0);
    for (int c = 0; c < 6; c++) {
      double s = m.margin(new float[] {c}, 0);
      assertEquals(c % 2 == 1, s == odd, "category " + c);
    }
    // An unseen code follows the missing side; it must be one of the two leaves.
    double unseen = m.margin(new float[] {17}, 0);
    assertTrue(unseen == odd || unseen == m.margin(new float[] {0}, 0));
  }

  @Test
  void squaredErrorFitsARegressionBetterThanTheMean() {
    Synthetic.Data d = Synthetic.regression(4000, 3);
    GbtModel m =
        GradientBoosting.builder()
            .setLoss(Loss.SQUARED_ERROR)
            .setMaxIterations(200)
            .get()
            .fit(Synthetic.rows(d.rows(), 0, 3000), Synthetic.slice(d.labels(), 0, 3000));
    double[] p = m.score(Synthetic.rows(d.rows(), 3000, 4000));
    double mse = 0;
    double var = 0;
    double mean = 0;
    for (int i = 3000; i < 4000; i++) {
      mean += d.labels()[i] / 1000;
    }
    for (int i = 0; i < 1000; i++) {
      double y = d.labels()[3000 + i];
      mse += (p[i] - y) * (p[i] - y) / 1000;
      var += (mean - y) * (mean - y) / 1000;
    }
    assertTrue(mse < 0.2 * var, "mse " + mse + " vs variance " + var);
  }

  @Test
  void aWeightOfTwoEqualsARowTakenTwice() {
    int n = 600;
    FMatrixRMaj x = new FMatrixRMaj(n, 2);
    FMatrixRMaj doubled = new FMatrixRMaj(n + n / 3, 2);
    double[] y = new double[n];
    double[] yd = new double[n + n / 3];
    double[] w = new double[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      float a = (i * 7) % 50;
      float b = (i * 13) % 11;
      x.set(i, 0, a);
      x.set(i, 1, b);
      y[i] = (a + 3 * b + (i % 5)) > 40 ? 1 : 0;
      w[i] = i % 3 == 0 ? 2 : 1;
      for (int c = 0; c < w[i]; c++) {
        doubled.set(k, 0, a);
        doubled.set(k, 1, b);
        yd[k++] = y[i];
      }
    }
    GradientBoosting b =
        GradientBoosting.builder()
            .setValidationFraction(0)
            .setMinSamplesLeaf(1)
            .setMinChildWeight(0)
            .setMaxIterations(10)
            .get();
    GbtModel weighted = b.fit(x, y, w);
    GbtModel copied = b.fit(doubled, yd);
    for (int i = 0; i < n; i++) {
      assertEquals(copied.margin(x.data, i * 2), weighted.margin(x.data, i * 2), 1e-9, "row " + i);
    }
  }

  @Test
  void earlyStoppingKeepsTheBestRoundOnNoise() {
    Synthetic.Data d = Synthetic.classification(3000, 4);
    double[] noise = new double[3000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (i * 2654435761L >>> 7) % 2;
    }
    GbtModel m =
        GradientBoosting.builder().setMaxIterations(300).setPatience(5).get().fit(d.rows(), noise);
    assertTrue(m.roundsRun() < 300, "ran " + m.roundsRun());
    assertTrue(m.trees() <= m.roundsRun() - 5 || m.trees() == 0, m.trees() + " trees kept");
  }

  @Test
  void maxDepthBoundsEveryTree() {
    Synthetic.Data d = Synthetic.classification(3000, 5);
    GbtModel m =
        GradientBoosting.builder()
            .setMaxDepth(3)
            .setMaxLeaves(64)
            .setMaxIterations(20)
            .get()
            .fit(d.rows(), d.labels());
    assertTrue(m.maxDepth() <= 3);
    assertTrue(m.nodes() <= m.trees() * 15);
  }

  @Test
  void rejectsBadInputWithPositions() {
    FMatrixRMaj x = new FMatrixRMaj(3, 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientBoosting.DEFAULT.fit(x, new double[] {0, 2, 1}));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> GradientBoosting.DEFAULT.fit(x, new double[] {0}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GradientBoosting.builder()
                .setCategoricalColumns(4)
                .get()
                .fit(x, new double[] {0, 1, 1}));
    IllegalArgumentException lr =
        assertThrows(
            IllegalArgumentException.class, () -> GradientBoosting.builder().setLearningRate(0));
    assertTrue(lr.getMessage().contains("learningRate (0.0)"));
    assertThrows(IllegalArgumentException.class, () -> GradientBoosting.builder().setMaxBins(256));
  }

  @Test
  void toBuilderKeepsEverySetting() {
    GradientBoosting g =
        GradientBoosting.builder()
            .setL2(2)
            .setMaxBins(64)
            .setSeed(7)
            .setCategoricalColumns(1, 0)
            .get();
    assertEquals(g.toString(), g.toBuilder().get().toString());
    assertArrayEquals(new int[] {0, 1}, g.categoricalColumns());
  }
}
