package org.aidmp.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scalar kernels against plain double-precision loops. */
class ScalarVectorKernelsTest {
  private static final VectorKernels K = VectorKernelsProvider.scalar();

  static int stride(int k) {
    int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
    return (k + m - 1) / m * m;
  }

  static void transpose(float[] c, int k, int d, float[] ct, int ks, float[] cn) {
    Arrays.fill(cn, Float.POSITIVE_INFINITY);
    for (int i = 0; i < k; i++) {
      float s = 0;
      for (int j = 0; j < d; j++) {
        s += c[i * d + j] * c[i * d + j];
      }
      cn[i] = s;
    }
    VectorKernels.packCentroids(c, k, d, ct);
  }

  private static double dot(float[] a, int ao, float[] b, int bo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (double) a[ao + i] * b[bo + i];
    }
    return s;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4, 5, 17, 64, 1000})
  void reductionsMatchDoubleLoops(int len) {
    SplittableRandom r = new SplittableRandom(len);
    float[] a = PanamaVectorKernelsTest.random(r, len + 2);
    float[] b = PanamaVectorKernelsTest.random(r, len + 1);
    double tol = 1e-5 * (len + 1);
    assertEquals(dot(a, 2, b, 1, len), K.dot(a, 2, b, 1, len), tol);
    assertEquals(dot(a, 2, a, 2, len), K.squaredNorm(a, 2, len), tol);
    double sd = 0;
    for (int i = 0; i < len; i++) {
      double t = a[2 + i] - b[1 + i];
      sd += t * t;
    }
    assertEquals(sd, K.squaredDistance(a, 2, b, 1, len), tol);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8, 33})
  void dotTileMatchesDoubleLoops(int d) {
    SplittableRandom r = new SplittableRandom(d);
    int aRows = 5;
    int bRows = 3;
    float[] a = PanamaVectorKernelsTest.random(r, aRows * d);
    float[] b = PanamaVectorKernelsTest.random(r, bRows * d);
    float[] out = new float[aRows * bRows];
    K.dotTile(a, 0, aRows, b, 0, bRows, d, out, 0);
    for (int i = 0; i < aRows; i++) {
      for (int j = 0; j < bRows; j++) {
        assertEquals(dot(a, i * d, b, j * d, d), out[i * bRows + j], 1e-5 * d, i + "," + j);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 8, 9, 16, 40})
  void nearestCentroidsMatchesBruteForce(int k) {
    SplittableRandom r = new SplittableRandom(k);
    int d = 5;
    int rows = 50;
    float[] x = PanamaVectorKernelsTest.random(r, rows * d);
    float[] c = PanamaVectorKernelsTest.random(r, k * d);
    int ks = stride(k);
    float[] ct = new float[d * ks];
    float[] cn = new float[ks];
    transpose(c, k, d, ct, ks, cn);
    int[] labels = new int[rows];
    float[] dist = new float[rows];
    K.nearestCentroids(x, 0, rows, d, ct, ks, cn, k, labels, 0, dist, 0);
    for (int i = 0; i < rows; i++) {
      double best = Double.POSITIVE_INFINITY;
      int bestC = -1;
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double u = x[i * d + t] - c[j * d + t];
          s += u * u;
        }
        if (s < best) {
          best = s;
          bestC = j;
        }
      }
      assertEquals(bestC, labels[i], "point " + i);
      assertEquals(best, dist[i], 1e-5, "point " + i);
    }
  }
}
