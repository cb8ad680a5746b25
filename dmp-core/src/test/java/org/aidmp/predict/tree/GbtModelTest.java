package org.aidmp.predict.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.aidmp.predict.Synthetic;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class GbtModelTest {

  private static GbtModel small() {
    Synthetic.Data d = Synthetic.classification(1500, 11);
    return GradientBoosting.builder()
        .setCategoricalColumns(2)
        .setMaxLeaves(6)
        .setMaxIterations(8)
        .get()
        .fit(d.rows(), d.labels());
  }

  @Test
  void treeShapContributionsAddUpToTheMargin() {
    Synthetic.Data d = Synthetic.classification(1000, 12);
    GbtModel m =
        GradientBoosting.builder()
            .setCategoricalColumns(2)
            .setMaxIterations(40)
            .get()
            .fit(d.rows(), d.labels());
    for (int r = 0; r < 200; r++) {
      double[] phi = m.contributions(d.rows().data, r * 5);
      double sum = 0;
      for (double v : phi) {
        sum += v;
      }
      assertEquals(m.margin(d.rows().data, r * 5), sum, 1e-9, "row " + r);
    }
  }

  /** Exact Shapley values by the definition: a weighted sum over every subset of features. */
  @Test
  void treeShapEqualsBruteForceShapleyValues() {
    GbtModel m = small();
    Synthetic.Data d = Synthetic.classification(30, 13);
    int dims = m.dimensions();
    double[] fact = new double[dims + 1];
    fact[0] = 1;
    for (int i = 1; i <= dims; i++) {
      fact[i] = fact[i - 1] * i;
    }
    for (int r = 0; r < 30; r++) {
      int off = r * dims;
      double[] phi = m.contributions(d.rows().data, off);
      for (int f = 0; f < dims; f++) {
        double expected = 0;
        for (int mask = 0; mask < 1 << dims; mask++) {
          if ((mask & (1 << f)) != 0) {
            continue;
          }
          boolean[] known = new boolean[dims];
          int size = 0;
          for (int j = 0; j < dims; j++) {
            known[j] = (mask & (1 << j)) != 0;
            size += known[j] ? 1 : 0;
          }
          double without = m.conditionalMargin(d.rows().data, off, known);
          known[f] = true;
          double with = m.conditionalMargin(d.rows().data, off, known);
          expected += fact[size] * fact[dims - size - 1] / fact[dims] * (with - without);
        }
        assertEquals(expected, phi[f], 1e-9, "row " + r + " feature " + f);
      }
      assertEquals(m.conditionalMargin(d.rows().data, off, new boolean[dims]), phi[dims], 1e-9);
    }
  }

  @Test
  void gainImportanceFindsTheSignalAndIgnoresNoise() {
    Synthetic.Data d = Synthetic.classification(5000, 14);
    GbtModel m =
        GradientBoosting.builder().setCategoricalColumns(2).get().fit(d.rows(), d.labels());
    double[] imp = m.gainImportance();
    double sum = 0;
    for (double v : imp) {
      sum += v;
    }
    assertEquals(1, sum, 1e-9);
    assertTrue(
        imp[0] > imp[3] && imp[1] > imp[3] && imp[2] > imp[3], java.util.Arrays.toString(imp));
  }

  @Test
  void savesAndLoadsToTheSameScores() throws IOException {
    GbtModel m = small();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    GbtModel back =
        GbtModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    Synthetic.Data d = Synthetic.classification(300, 15);
    assertArrayEquals(m.score(d.rows()), back.score(d.rows()));
    // The trainer's settings come back as their text; everything else as written.
    assertEquals(m.provenance().format(), back.provenance().format());
    assertEquals(
        m.provenance().stage("gbt").config().toString(), back.provenance().stage("gbt").config());
    assertEquals(m.trees(), back.trees());
  }

  @Test
  void aFlippedBitFailsTheChecksum() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    small().write(new DataOutputStream(bytes));
    byte[] b = bytes.toByteArray();
    b[b.length / 2] ^= 4;
    IOException e =
        assertThrows(
            IOException.class,
            () -> GbtModel.read(new DataInputStream(new ByteArrayInputStream(b))));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), 40);
    assertThrows(
        IOException.class, () -> GbtModel.read(new DataInputStream(new ByteArrayInputStream(cut))));
  }

  @Test
  void scoresManyRowsAsOneByOneAndChecksColumns() {
    GbtModel m = small();
    Synthetic.Data d = Synthetic.classification(50, 16);
    double[] all = m.score(d.rows());
    for (int r = 0; r < 50; r++) {
      assertEquals(all[r], m.score(d.rows().data, r * 5));
      assertTrue(all[r] > 0 && all[r] < 1);
    }
    assertThrows(IllegalArgumentException.class, () -> m.score(new FMatrixRMaj(2, 4)));
  }

  /**
   * Rows built to hit every edge of the branch-free path: values equal to a split's threshold (and
   * the floats either side of it), ±0, NaN and ±infinity, beside plain draws.
   */
  private static FMatrixRMaj edgeRows(GbtModel m, int n, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    int d = m.dimensions();
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        float v = (float) (r.nextGaussian() * 2);
        int kind = r.nextInt(10);
        if (kind < 4) {
          int nd = r.nextInt(m.nodes());
          if (m.splitFeature(nd) >= 0) {
            float t = m.splitThreshold(nd);
            v = kind == 0 ? t : kind == 1 ? Math.nextUp(t) : kind == 2 ? Math.nextDown(t) : -t;
          }
        } else if (kind == 4 && r.nextInt(4) == 0) {
          v = special[r.nextInt(special.length)];
        }
        x.data[i * d + j] = v;
      }
    }
    return x;
  }

  private static void assertSameAsGeneralWalk(GbtModel m, FMatrixRMaj x, String what) {
    int d = m.dimensions();
    double[] block = m.score(x);
    double[] blockMargins = m.margins(x);
    for (int i = 0; i < x.numRows; i++) {
      double general = m.generalMargin(x.data, i * d);
      String at =
          what
              + ", row "
              + i
              + " "
              + java.util.Arrays.toString(java.util.Arrays.copyOfRange(x.data, i * d, (i + 1) * d));
      assertEquals(
          Double.doubleToRawLongBits(general),
          Double.doubleToRawLongBits(m.margin(x.data, i * d)),
          at);
      assertEquals(
          Double.doubleToRawLongBits(general), Double.doubleToRawLongBits(blockMargins[i]), at);
      assertEquals(
          Double.doubleToRawLongBits(m.loss().link(general)),
          Double.doubleToRawLongBits(block[i]),
          at);
    }
  }

  @Test
  void branchFreeScoringEqualsTheGeneralWalkBitForBit() {
    Synthetic.Data c = Synthetic.classification(3000, 21);
    GbtModel deep =
        GradientBoosting.builder()
            .setMaxIterations(100)
            .setMaxDepth(6)
            .setMaxLeaves(64)
            .setMinSamplesLeaf(3)
            .setValidationFraction(0)
            .get()
            .fit(c.rows(), c.labels());
    GbtModel lopsided =
        GradientBoosting.builder()
            .setMaxIterations(30)
            .setMaxLeaves(12)
            .get()
            .fit(c.rows(), c.labels());
    Synthetic.Data g = Synthetic.regression(2000, 22);
    GbtModel regression =
        GradientBoosting.builder()
            .setLoss(Loss.SQUARED_ERROR)
            .setMaxIterations(50)
            .get()
            .fit(g.rows(), g.labels());
    int n = 0;
    for (GbtModel m : new GbtModel[] {deep, lopsided, regression}) {
      assertTrue(m.branchFree(), m + " should take the branch-free path");
      // 1000 rows: whole blocks, a partial block, and NaN rows that take the general walk.
      assertSameAsGeneralWalk(m, edgeRows(m, 1000 + n, 30 + n), m.toString());
      n++;
    }
    assertSameAsGeneralWalk(deep, c.rows(), "training rows");
    assertSameAsGeneralWalk(deep, new FMatrixRMaj(0, deep.dimensions()), "no rows");
  }

  @Test
  void categoricalSplitsKeepTheGeneralWalkAndTheSameScores() {
    GbtModel m = small();
    assertTrue(!m.branchFree(), "a categorical split has no branch-free form");
    assertSameAsGeneralWalk(m, edgeRows(m, 300, 40), "categorical");
  }

  @Test
  void blockScoringChecksItsBounds() {
    GbtModel m = small();
    float[] data = new float[m.dimensions() * 3];
    double[] out = new double[3];
    assertThrows(IllegalArgumentException.class, () -> m.score(data, 1, 3, out));
    assertThrows(IllegalArgumentException.class, () -> m.score(data, 0, 3, new double[2]));
    m.score(data, 0, 3, out);
    assertEquals(m.score(data, 0), out[0]);
  }
}
