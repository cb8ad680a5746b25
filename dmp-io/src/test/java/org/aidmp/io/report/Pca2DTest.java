package org.aidmp.io.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class Pca2DTest {
  /**
   * A plain reference: covariance matrix, then power iteration with deflation for the top two
   * eigenvectors, each signed like the SVD path (largest loading positive).
   */
  private static double[][] reference(FMatrixRMaj m) {
    int n = m.numRows;
    int d = m.numCols;
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += m.get(i, j) / (double) n;
      }
    }
    double[][] c = new double[d][d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          c[a][b] += (m.get(i, a) - mean[a]) * (m.get(i, b) - mean[b]);
        }
      }
    }
    double[][] out = new double[2][n];
    for (int k = 0; k < 2; k++) {
      double[] v = new double[d];
      java.util.Arrays.fill(v, 1);
      double lambda = 0;
      for (int it = 0; it < 5000; it++) {
        double[] w = new double[d];
        for (int a = 0; a < d; a++) {
          for (int b = 0; b < d; b++) {
            w[a] += c[a][b] * v[b];
          }
        }
        double norm = 0;
        for (double x : w) {
          norm += x * x;
        }
        norm = Math.sqrt(norm);
        lambda = norm;
        for (int a = 0; a < d; a++) {
          v[a] = w[a] / norm;
        }
      }
      int big = 0;
      for (int a = 0; a < d; a++) {
        if (Math.abs(v[a]) > Math.abs(v[big])) {
          big = a;
        }
      }
      if (v[big] < 0) {
        for (int a = 0; a < d; a++) {
          v[a] = -v[a];
        }
      }
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < d; a++) {
          out[k][i] += (m.get(i, a) - mean[a]) * v[a];
        }
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          c[a][b] -= lambda * v[a] * v[b];
        }
      }
    }
    return out;
  }

  @Test
  void matchesPowerIterationReferenceOnRandomData() {
    for (long seed = 1; seed <= 5; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int n = 50 + r.nextInt(200);
      int d = 2 + r.nextInt(10);
      FMatrixRMaj m = new FMatrixRMaj(n, d);
      // Distinct variances per column keep the top two eigenvalues well separated.
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          m.set(i, j, (float) (r.nextGaussian() * (d - j) * 2 + (j == 0 ? 5 : 0)));
        }
      }
      Pca2D.Projection p = Pca2D.project(m);
      double[][] ref = reference(m);
      for (int i = 0; i < n; i++) {
        assertEquals(
            ref[0][i],
            p.x()[i],
            1e-3 * (1 + Math.abs(ref[0][i])),
            "seed " + seed + " n " + n + " d " + d + " row " + i + " PC1");
        assertEquals(
            ref[1][i],
            p.y()[i],
            1e-3 * (1 + Math.abs(ref[1][i])),
            "seed " + seed + " n " + n + " d " + d + " row " + i + " PC2");
      }
      assertTrue(p.explainedX() >= p.explainedY(), "seed " + seed);
      assertTrue(p.explainedX() + p.explainedY() <= 1 + 1e-9, "seed " + seed);
    }
  }

  @Test
  void pointsOnALineNeedOneComponent() {
    FMatrixRMaj m = new FMatrixRMaj(20, 3);
    for (int i = 0; i < 20; i++) {
      m.set(i, 0, i);
      m.set(i, 1, 2 * i);
      m.set(i, 2, -i);
    }
    Pca2D.Projection p = Pca2D.project(m);
    assertEquals(1.0, p.explainedX(), 1e-9);
    assertEquals(0.0, p.explainedY(), 1e-9);
    for (int i = 1; i < 20; i++) {
      assertTrue(p.x()[i] > p.x()[i - 1], "order along the line is kept at " + i);
    }
  }

  @Test
  void singleColumnAndConstantDataAreHandled() {
    FMatrixRMaj one = new FMatrixRMaj(new float[][] {{1}, {2}, {4}});
    Pca2D.Projection p = Pca2D.project(one);
    assertEquals(3, p.y().length);
    assertEquals(0.0, p.y()[0], 1e-12);
    FMatrixRMaj flat = new FMatrixRMaj(new float[][] {{3, 3}, {3, 3}});
    Pca2D.Projection q = Pca2D.project(flat);
    assertEquals(0.0, q.explainedX(), 0);
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Pca2D.project(new FMatrixRMaj(1, 3)));
    FMatrixRMaj nan = new FMatrixRMaj(new float[][] {{1, Float.NaN}, {2, 3}});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pca2D.project(nan));
    assertTrue(e.getMessage().contains("row 0, column 1 is NaN"), e.getMessage());
  }
}
