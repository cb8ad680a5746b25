package org.aidmp.kmeans;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;

/** Seeded Gaussian blobs for tests. */
final class Blobs {
  private Blobs() {}

  static FMatrixRMaj blobs(long seed, int n, int d, int centres, double spread) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] mu = new double[centres][d];
    for (double[] m : mu) {
      for (int j = 0; j < d; j++) {
        m[j] = r.nextDouble(-10, 10);
      }
    }
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    for (int i = 0; i < n; i++) {
      double[] m = mu[r.nextInt(centres)];
      for (int j = 0; j < d; j++) {
        x.data[i * d + j] = (float) (m[j] + spread * gaussian(r));
      }
    }
    return x;
  }

  static double gaussian(SplittableRandom r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  static FMatrixRMaj firstRows(FMatrixRMaj x, int k) {
    FMatrixRMaj c = new FMatrixRMaj(k, x.numCols);
    System.arraycopy(x.data, 0, c.data, 0, k * x.numCols);
    return c;
  }
}
