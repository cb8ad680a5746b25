package org.aidmp.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dense kernels against the contract written out plainly, element by element, bit for bit: the
 * SIMD tile, at depths around the vector width, inside a larger matrix.
 */
class PanamaDenseKernelsTest {

  /** What every implementation must compute, one element at a time. */
  static void reference(
      int mr,
      int nr,
      double[] u,
      int uOff,
      double[] w,
      int wOff,
      int depth,
      double[] c,
      int cOff,
      int ldc) {
    for (int r = 0; r < mr; r++) {
      for (int j = 0; j < nr; j++) {
        double s = c[cOff + r * ldc + j];
        for (int t = 0; t < depth; t++) {
          s = Math.fma(u[uOff + t * mr + r], w[wOff + t * nr + j], s);
        }
        c[cOff + r * ldc + j] = s;
      }
    }
  }

  static void assertFollowsTheContract(DenseKernels k, int depth) {
    int mr = k.tileRows();
    int nr = k.tileColumns();
    SplittableRandom rnd = new SplittableRandom(depth * 131L + mr);
    double[] u = new double[3 + depth * mr];
    double[] w = new double[5 + depth * nr];
    int ldc = nr + 7;
    double[] c = new double[2 * ldc + (mr + 2) * ldc];
    for (double[] x : new double[][] {u, w, c}) {
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextDouble() * 2 - 1;
      }
    }
    double[] expected = c.clone();
    int cOff = ldc + 3;
    reference(mr, nr, u, 3, w, 5, depth, expected, cOff, ldc);
    k.multiplyAddTile(u, 3, w, 5, depth, c, cOff, ldc);
    assertArrayEquals(expected, c, k.name() + " depth " + depth);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 7, 8, 9, 63, 64, 65, 128})
  void simdTileFollowsTheContract(int depth) {
    DenseKernels panama = DenseKernelsProvider.panamaOrNull();
    assertNotNull(panama, "surefire runs with --add-modules jdk.incubator.vector");
    assertEquals(0, panama.tileColumns() % 2, "two vectors per tile row");
    assertFollowsTheContract(panama, depth);
  }
}
