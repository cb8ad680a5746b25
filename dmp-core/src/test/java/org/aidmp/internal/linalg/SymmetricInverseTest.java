package org.aidmp.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aidmp.internal.kernels.DenseKernels;
import org.aidmp.internal.kernels.DenseKernelsProvider;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocked sweep against EJML's general (LU) inverse, at sizes and block sizes that straddle the
 * kernels' tiles, the pivot blocks and the unblocked base case; and bit for bit against itself on
 * other thread counts and kernels.
 */
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
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < n; i++) {
        double xi = x[t * n + i];
        if (xi != 0) {
          for (int j = 0; j < n; j++) {
            g[i * n + j] += xi * x[t * n + j];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i * n + i] += lambda;
    }
    return g;
  }

  /** Inverts with the upper triangle poisoned by NaN, which must never be read. */
  private static double[] invertLowerOnly(
      double[] g, int n, int threads, int block, DenseKernels k) {
    double[] a = g.clone();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[i * n + j] = Double.NaN;
      }
    }
    SymmetricInverse.invertInPlace(a, n, threads, block, k);
    return a;
  }

  private static void assertMatchesLu(double[] g, double[] inverse, int n, String what) {
    DMatrixRMaj ref = new DMatrixRMaj(n, n, true, g);
    assertTrue(CommonOps_DDRM.invert(ref));
    for (int i = 0; i < n * n; i++) {
      assertEquals(ref.data[i], inverse[i], 1e-9 * (1 + Math.abs(ref.data[i])), what + " @" + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 63, 64, 65, 129, 300})
  void matchesAGeneralInverseAndIgnoresTheUpperTriangle(int n) {
    double[] g = spd(n, n, 0.5);
    double[] a = g.clone();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        a[i * n + j] = Double.NaN; // never read
      }
    }
    SymmetricInverse.invertInPlace(a, n, 1);
    assertMatchesLu(g, a, n, "n=" + n);
  }

  @ParameterizedTest
  @CsvSource({"1,1", "5,2", "13,4", "50,7", "50,48", "97,33", "100,40", "211,64"})
  void everyBlockSizeMatchesAGeneralInverse(int n, int block) {
    double[] g = spd(31L * n + block, n, 0.5);
    for (DenseKernels k : kernels()) {
      double[] a = invertLowerOnly(g, n, 1, block, k);
      assertMatchesLu(g, a, n, "n=" + n + " block=" + block + " " + k.name());
    }
  }

  @ParameterizedTest
  @CsvSource({"97,40", "300,128", "301,45"})
  void scalarAndSimdKernelsGiveTheSameBits(int n, int block) {
    DenseKernels[] both = kernels();
    double[] g = spd(5L * n, n, 1);
    double[] scalar = invertLowerOnly(g, n, 1, block, both[0]);
    double[] simd = invertLowerOnly(g, n, 1, block, both[1]);
    assertArrayEquals(scalar, simd, "n=" + n + " block=" + block);
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
  @CsvSource({"1,0", "70,69", "300,5", "300,250"})
  void aMatrixThatIsNotPositiveDefiniteIsRefusedNamingThePivot(int n, int bad) {
    double[] g = spd(3, n, 1);
    g[bad * n + bad] = -5;
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> SymmetricInverse.invertInPlace(g, n, 2));
    assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
    assertTrue(e.getMessage().contains("pivot " + bad + " "), e.getMessage());
  }

  /** Scalar first, then the Panama kernels (surefire runs with the Vector API module). */
  private static DenseKernels[] kernels() {
    DenseKernels panama = DenseKernelsProvider.panamaOrNull();
    assertNotNull(panama, "surefire runs with --add-modules jdk.incubator.vector");
    return new DenseKernels[] {DenseKernelsProvider.scalar(), panama};
  }
}
