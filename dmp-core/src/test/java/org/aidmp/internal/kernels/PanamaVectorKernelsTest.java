package org.aidmp.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Panama kernels against the scalar ones, at sizes that straddle the vector width. */
class PanamaVectorKernelsTest {
  private static final VectorKernels SCALAR = VectorKernelsProvider.scalar();
  private static final VectorKernels PANAMA = VectorKernelsProvider.panamaOrNull();

  static float[] random(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return a;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 33, 63, 64, 65, 1000})
  void reductionsAgreeWithScalar(int len) {
    assertNotNull(PANAMA, "surefire runs with --add-modules jdk.incubator.vector");
    SplittableRandom r = new SplittableRandom(len);
    float[] a = random(r, len + 3);
    float[] b = random(r, len + 5);
    float tol = 1e-5f * len;
    assertEquals(SCALAR.dot(a, 3, b, 5, len), PANAMA.dot(a, 3, b, 5, len), tol, "len " + len);
    assertEquals(SCALAR.squaredNorm(a, 2, len), PANAMA.squaredNorm(a, 2, len), tol);
    assertEquals(
        SCALAR.squaredDistance(a, 1, b, 4, len), PANAMA.squaredDistance(a, 1, b, 4, len), tol);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65})
  void sumsOfPointsAreBitIdenticalToScalar(int d) {
    SplittableRandom r = new SplittableRandom(d);
    double[] s = new double[d + 5];
    double[] p = new double[d + 5];
    for (int i = 0; i < s.length; i++) {
      s[i] = p[i] = r.nextGaussian() * 1e3;
    }
    for (int point = 0; point < 50; point++) {
      float[] x = random(r, d + 2);
      double w = r.nextDouble() * 3;
      if (point % 2 == 0) {
        SCALAR.addTo(s, 3, x, 2, d);
        PANAMA.addTo(p, 3, x, 2, d);
      } else {
        SCALAR.addScaledTo(s, 3, w, x, 2, d);
        PANAMA.addScaledTo(p, 3, w, x, 2, d);
      }
    }
    assertArrayEquals(s, p, "d " + d);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 63, 64, 65, 130})
  void dotTileAgreesWithScalar(int d) {
    SplittableRandom r = new SplittableRandom(d);
    for (int[] shape : new int[][] {{1, 1}, {4, 2}, {5, 3}, {9, 7}, {8, 8}}) {
      int aRows = shape[0];
      int bRows = shape[1];
      float[] a = random(r, aRows * d + 1);
      float[] b = random(r, bRows * d + 2);
      float[] s = new float[aRows * bRows + 3];
      float[] p = new float[aRows * bRows + 3];
      SCALAR.dotTile(a, 1, aRows, b, 2, bRows, d, s, 3);
      PANAMA.dotTile(a, 1, aRows, b, 2, bRows, d, p, 3);
      for (int i = 0; i < s.length; i++) {
        assertEquals(s[i], p[i], 1e-5f * d, "d " + d + " tile " + aRows + "x" + bRows + " @" + i);
      }
    }
  }

  /** The kernels as this CPU gets them, and tiled for 16 and for 32 vector registers. */
  static List<VectorKernels> everyShape() {
    assertNotNull(PANAMA, "surefire runs with --add-modules jdk.incubator.vector");
    List<VectorKernels> all = new ArrayList<>();
    all.add(PANAMA);
    all.add(VectorKernelsProvider.panamaWithRegisters(16));
    all.add(VectorKernelsProvider.panamaWithRegisters(32));
    for (VectorKernels k : all) {
      assertNotNull(k, "a Panama shape is missing");
    }
    return all;
  }

  @Test
  void shapesNameTheirTiles() {
    List<VectorKernels> all = everyShape();
    assertTrue(all.get(1).shape().contains("16 vector registers"), all.get(1).shape());
    assertTrue(all.get(1).shape().contains("6 points × 2 vectors"), all.get(1).shape());
    assertTrue(all.get(2).shape().contains("32 vector registers"), all.get(2).shape());
    assertTrue(all.get(2).shape().contains("4 points × 4 vectors"), all.get(2).shape());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 200})
  void nearestCentroidsIsBitIdenticalToScalar(int k) {
    for (VectorKernels panama : everyShape()) {
      nearestCentroidsIsBitIdenticalToScalar(k, panama);
    }
  }

  private static void nearestCentroidsIsBitIdenticalToScalar(int k, VectorKernels panama) {
    SplittableRandom r = new SplittableRandom(31L * k);
    for (int d : new int[] {1, 2, 7, 16, 33}) {
      // 6·8 + 5 rows: whole 6- and 8-point tiles and a remainder of every tile kind.
      int rows = 53;
      float[] x = random(r, rows * d + 1);
      float[] c = random(r, k * d);
      if (k > 3) {
        System.arraycopy(c, 0, c, 2 * d, d); // an exact tie: the lower index must win
      }
      int ks = ScalarVectorKernelsTest.stride(k);
      float[] ct = new float[d * ks];
      float[] cn = new float[ks];
      ScalarVectorKernelsTest.transpose(c, k, d, ct, ks, cn);
      int[] ls = new int[rows];
      int[] lp = new int[rows];
      float[] ds = new float[rows];
      float[] dp = new float[rows];
      SCALAR.nearestCentroids(x, 1, rows, d, ct, ks, cn, k, ls, 0, ds, 0);
      panama.nearestCentroids(x, 1, rows, d, ct, ks, cn, k, lp, 0, dp, 0);
      assertArrayEquals(ls, lp, panama.shape() + ": k " + k + " d " + d);
      assertArrayEquals(ds, dp, panama.shape() + ": k " + k + " d " + d);
      // Splitting the points into other calls must not change a single bit.
      int[] l1 = new int[rows];
      float[] d1 = new float[rows];
      for (int i = 0; i < rows; i++) {
        panama.nearestCentroids(x, 1 + i * d, 1, d, ct, ks, cn, k, l1, i, d1, i);
      }
      assertArrayEquals(lp, l1);
      assertArrayEquals(dp, d1);
      // Norms handed in (offset by 3, as a caller's array may be) give the same bits.
      float[] norms = new float[rows + 3];
      for (int i = 0; i < rows; i++) {
        norms[3 + i] = VectorKernels.sequentialSquaredNorm(x, 1 + i * d, d);
      }
      int[] ln = new int[rows];
      float[] dn = new float[rows];
      panama.nearestCentroids(x, 1, rows, d, ct, ks, cn, k, norms, 3, ln, 0, dn, 0);
      assertArrayEquals(lp, ln, panama.shape() + " with norms: k " + k + " d " + d);
      assertArrayEquals(dp, dn, panama.shape() + " with norms: k " + k + " d " + d);
    }
  }

  @Test
  void givenNormsAreUsedNotRecomputed() {
    // A norm that is not the point's own shows up in the distance: the kernel read it.
    int d = 16;
    int k = 16;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = random(r, 6 * d);
    float[] c = random(r, k * d);
    int ks = ScalarVectorKernelsTest.stride(k);
    float[] ct = new float[d * ks];
    float[] cn = new float[ks];
    ScalarVectorKernelsTest.transpose(c, k, d, ct, ks, cn);
    for (VectorKernels panama : everyShape()) {
      float[] plain = new float[6];
      float[] shifted = new float[6];
      float[] norms = new float[6];
      for (int i = 0; i < 6; i++) {
        norms[i] = VectorKernels.sequentialSquaredNorm(x, i * d, d) + 1000f;
      }
      panama.nearestCentroids(x, 0, 6, d, ct, ks, cn, k, new int[6], 0, plain, 0);
      panama.nearestCentroids(x, 0, 6, d, ct, ks, cn, k, norms, 0, new int[6], 0, shifted, 0);
      for (int i = 0; i < 6; i++) {
        assertEquals(plain[i] + 1000f, shifted[i], 1e-2f, panama.shape() + " point " + i);
      }
    }
  }
}
