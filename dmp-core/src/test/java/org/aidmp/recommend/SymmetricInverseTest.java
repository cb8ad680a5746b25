package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked sweep against EJML's general (LU) inverse, at sizes around the block size. */
class SymmetricInverseTest {

  /** XᵀX + λI for a random X with {@code 2n} rows: symmetric positive definite. */
  static double[] spd(long seed, int n, double lambda) {
    SplittableRandom r = new SplittableRandom(seed);
    int m = 2 * n;
    double[] x = new double[m * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(4) == 0 ? r.nextDouble() : 0;
    }
    double[] g = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int t = 0; t < m; t++) {
          s += x[t * n + i] * x[t * n + j];
        }
        g[i * n + j] = s + (i == j ? lambda : 0);
      }
    }
    return g;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 63, 64, 65, 129, 300})
  void matchesAGeneralInverseAndIgnoresTheUpperTriangle(int n) {
    double[] g = spd(n, n, 0.5);
    DMatrixRMaj ref = new DMatrixRMaj(n, n, true, g);
    assertTrue(CommonOps_DDRM.invert(ref));
    double[] a = g.clone();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[i * n + j] = Double.NaN; // never read
      }
    }
    SymmetricInverse.invertInPlace(a, n, 1);
    for (int i = 0; i < n * n; i++) {
      assertEquals(ref.data[i], a[i], 1e-9 * (1 + Math.abs(ref.data[i])), "n=" + n + " @" + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 256, 300, 517})
  void twoThreadsGiveTheSameBits(int n) {
    double[] one = spd(7L * n, n, 2);
    double[] two = one.clone();
    SymmetricInverse.invertInPlace(one, n, 1);
    SymmetricInverse.invertInPlace(two, n, 2);
    assertArrayEquals(one, two, "n=" + n);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 70})
  void aMatrixThatIsNotPositiveDefiniteIsRefused(int n) {
    double[] g = spd(3, n, 1);
    g[(n - 1) * n + (n - 1)] = -5;
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SymmetricInverse.invertInPlace(g, n, 1));
    assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
  }
}
