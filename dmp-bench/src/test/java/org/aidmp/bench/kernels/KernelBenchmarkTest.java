package org.aidmp.bench.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.aidmp.internal.kernels.VectorKernels;
import org.junit.jupiter.api.Test;

/** The kernel benchmarks compute real results on both implementations. */
class KernelBenchmarkTest {
  @Test
  void benchmarksMatchPlainLoops() {
    for (String impl : new String[] {"scalar", "panama"}) {
      KernelBenchmark.Inputs s = new KernelBenchmark.Inputs();
      s.impl = impl;
      s.d = 31;
      s.k = 20;
      s.rows = 37;
      s.setUp();
      KernelBenchmark b = new KernelBenchmark();
      double dot = 0;
      for (int j = 0; j < s.d; j++) {
        dot += (double) s.a[j] * s.b[j];
      }
      assertEquals(dot, b.dot(s), 1e-4, impl);
      float[] tile = b.dotTile(s);
      double t = 0;
      for (int j = 0; j < s.d; j++) {
        t += (double) s.a[3 * s.d + j] * s.b[5 * s.d + j];
      }
      assertEquals(t, tile[3 * 8 + 5], 1e-4, impl);
      int[] labels = b.nearestCentroids(s);
      for (int i = 0; i < s.rows; i++) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < s.k; c++) {
          double sd = 0;
          for (int j = 0; j < s.d; j++) {
            double u = s.x[i * s.d + j] - s.ct[VectorKernels.centroidIndex(c, j, s.d)];
            sd += u * u;
          }
          if (sd < bestD) {
            bestD = sd;
            best = c;
          }
        }
        assertEquals(best, labels[i], impl + " row " + i);
      }
    }
  }
}
