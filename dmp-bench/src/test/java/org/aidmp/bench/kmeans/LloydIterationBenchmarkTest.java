package org.aidmp.bench.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.aidmp.io.npy.Npy;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark computes what it claims to, on a small input. */
class LloydIterationBenchmarkTest {
  @TempDir Path dir;

  /** One plain Lloyd iteration in double. */
  private static double[] referenceStep(FMatrixRMaj x, FMatrixRMaj c) {
    int n = x.numRows;
    int d = x.numCols;
    int k = c.numRows;
    double[] sum = new double[k * d];
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int q = 0; q < k; q++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double u = x.get(i, j) - c.get(q, j);
          s += u * u;
        }
        if (s < bestD) {
          bestD = s;
          best = q;
        }
      }
      count[best]++;
      for (int j = 0; j < d; j++) {
        sum[best * d + j] += x.get(i, j);
      }
    }
    for (int q = 0; q < k; q++) {
      for (int j = 0; j < d; j++) {
        sum[q * d + j] = count[q] == 0 ? c.get(q, j) : sum[q * d + j] / count[q];
      }
    }
    return sum;
  }

  @Test
  void lloydRunsOneIterationOnNpyFiles() throws Exception {
    FMatrixRMaj x = BenchData.data("", 3000, 7, 5, 3);
    FMatrixRMaj c0 = BenchData.init("", x, 5, 4);
    Path xp = dir.resolve("X.npy");
    Path cp = dir.resolve("init.npy");
    Npy.writeFloat32(xp, x);
    Npy.writeFloat32(cp, c0);
    double[] expected = referenceStep(x, c0);
    for (int threads = 1; threads <= 2; threads++) {
      LloydIterationBenchmark.Lloyd s = new LloydIterationBenchmark.Lloyd();
      s.data = xp.toString();
      s.init = cp.toString();
      s.threads = threads;
      s.setUp();
      try {
        new LloydIterationBenchmark().lloyd(s);
        FMatrixRMaj c = s.iterations.centroids();
        assertEquals(5, c.numRows);
        for (int t = 0; t < expected.length; t++) {
          assertEquals(expected[t], c.data[t], 1e-4, "threads " + threads + " @" + t);
        }
      } finally {
        s.tearDown();
      }
    }
  }

  @Test
  void commonsMathPeerClustersTheSameData() throws Exception {
    LloydIterationBenchmark.CommonsMath s = new LloydIterationBenchmark.CommonsMath();
    s.data = "";
    s.init = "";
    s.n = 2000;
    s.d = 4;
    s.k = 6;
    s.cmIterations = 1;
    s.setUp();
    List<CentroidCluster<DoublePoint>> out = new LloydIterationBenchmark().commonsMath3(s);
    assertEquals(6, out.size());
    int total = 0;
    for (CentroidCluster<DoublePoint> c : out) {
      total += c.getPoints().size();
    }
    assertEquals(2000, total);
  }
}
