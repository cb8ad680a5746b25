package org.aidmp.predict.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aidmp.predict.Synthetic;
import org.aidmp.predict.eval.Metrics;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  private static Synthetic.Data linear(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FMatrixRMaj x = new FMatrixRMaj(n, 3);
    double[] y = new double[n];
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian() * 10 + 50;
      double c = r.nextGaussian();
      x.set(i, 0, (float) a);
      x.set(i, 1, (float) b);
      x.set(i, 2, (float) c);
      z[i] = -0.5 + 2 * a - 0.1 * (b - 50);
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z[i])) ? 1 : 0;
    }
    return new Synthetic.Data(x, y, z);
  }

  @Test
  void recoversTheCoefficientsOfALogisticModel() {
    Synthetic.Data d = linear(40000, 1);
    LogisticModel m = LogisticRegression.builder().setL2(0).get().fit(d.rows(), d.labels());
    assertTrue(m.converged());
    // Coefficients are per standard deviation: 2 × 1 and −0.1 × 10.
    assertEquals(2, m.coefficient(0), 0.08);
    assertEquals(-1, m.coefficient(1), 0.06);
    assertEquals(0, m.coefficient(2), 0.05);
    float[] row = {0.3f, 55, -1};
    assertEquals(1 / (1 + Math.exp(-(-0.5 + 0.6 - 0.5))), m.score(row, 0), 0.03);
  }

  @Test
  void l1ZeroesANoiseFeatureThatL2OnlyShrinks() {
    Synthetic.Data d = linear(5000, 2);
    LogisticModel l2 = LogisticRegression.builder().setL2(1e-3).get().fit(d.rows(), d.labels());
    LogisticModel l1 =
        LogisticRegression.builder().setL2(0).setL1(0.02).get().fit(d.rows(), d.labels());
    assertTrue(l2.coefficient(2) != 0);
    assertEquals(0, l1.coefficient(2));
    assertTrue(Math.abs(l1.coefficient(0)) > 1);
  }

  @Test
  void categoricalCodesGetTheirOwnCoefficientAndNaNCountsAsTheMean() {
    Synthetic.Data d = Synthetic.classification(8000, 3);
    LogisticModel m =
        LogisticRegression.builder().setCategoricalColumns(2).get().fit(d.rows(), d.labels());
    // Effects 1.2, −1.0, 0.3, −0.4, 1.5, −1.3 up to a shared offset.
    double c0 = m.categoryCoefficient(2, 0);
    assertEquals(1.5 - 1.2, m.categoryCoefficient(2, 4) - c0, 0.25);
    assertEquals(-1.3 - 1.2, m.categoryCoefficient(2, 5) - c0, 0.25);
    assertEquals(0, m.categoryCoefficient(2, 99));
    float[] row = {0, Float.NaN, 99, 0, 2};
    double[] phi = m.contributions(row, 0);
    assertEquals(0, phi[1]);
    assertEquals(0, phi[2]);
    double sum = 0;
    for (double v : phi) {
      sum += v;
    }
    assertEquals(m.margin(row, 0), sum, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> m.coefficient(2));
  }

  @Test
  void balancedWeightsRaiseTheRareClassesScores() {
    Synthetic.Data d = linear(6000, 4);
    double[] rare = d.labels().clone();
    for (int i = 0; i < rare.length; i++) {
      if (rare[i] == 1 && i % 5 != 0) {
        rare[i] = 0;
      }
    }
    LogisticModel plain = LogisticRegression.DEFAULT.fit(d.rows(), rare);
    LogisticModel balanced =
        LogisticRegression.builder().setBalanced(true).get().fit(d.rows(), rare);
    double mp = 0;
    double mb = 0;
    for (int i = 0; i < 100; i++) {
      mp += plain.score(d.rows().data, i * 3) / 100;
      mb += balanced.score(d.rows().data, i * 3) / 100;
    }
    assertTrue(mb > 2 * mp, "balanced " + mb + " vs plain " + mp);
    assertEquals(
        Metrics.rocAuc(plain.score(d.rows()), rare),
        Metrics.rocAuc(balanced.score(d.rows()), rare),
        0.01);
  }

  @Test
  void sampleWeightOfZeroDropsARow() {
    Synthetic.Data d = linear(600, 5);
    double[] w = new double[600];
    FMatrixRMaj half = Synthetic.rows(d.rows(), 0, 300);
    for (int i = 0; i < 300; i++) {
      w[i] = 1;
    }
    LogisticRegression lr =
        LogisticRegression.builder().setStandardize(false).setTolerance(1e-12).get();
    LogisticModel a = lr.fit(d.rows(), d.labels(), w);
    LogisticModel b = lr.fit(half, Synthetic.slice(d.labels(), 0, 300));
    for (int f = 0; f < 3; f++) {
      assertEquals(b.coefficient(f), a.coefficient(f), 1e-4);
    }
  }

  @Test
  void rejectsOneClassWithAMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogisticRegression.DEFAULT.fit(new FMatrixRMaj(3, 1), new double[] {1, 1, 1}));
    assertTrue(e.getMessage().contains("only 1s"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.builder().setL2(-1));
  }
}
