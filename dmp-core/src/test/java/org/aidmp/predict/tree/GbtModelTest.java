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
    assertEquals(m.provenance(), back.provenance());
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
}
