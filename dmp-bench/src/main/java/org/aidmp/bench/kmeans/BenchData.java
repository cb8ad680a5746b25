package org.aidmp.bench.kmeans;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.aidmp.io.npy.Npy;
import org.ejml.data.FMatrixRMaj;

/** Benchmark inputs: a {@code .npy} file when a path is given, seeded Gaussian blobs otherwise. */
public final class BenchData {
  private BenchData() {}

  /**
   * The data matrix.
   *
   * @param path a {@code .npy} file, or empty for generated blobs of n × d around k centres
   */
  public static FMatrixRMaj data(String path, int n, int d, int k, long seed) throws IOException {
    if (path != null && !path.isEmpty()) {
      return Npy.read(Path.of(path));
    }
    SplittableRandom r = new SplittableRandom(seed);
    float[] mu = new float[k * d];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = (float) (r.nextDouble() * 20 - 10);
    }
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(k);
      for (int j = 0; j < d; j++) {
        x.data[i * d + j] = mu[c * d + j] + (float) r.nextGaussian();
      }
    }
    return x;
  }

  /**
   * Initial centroids: a {@code .npy} file when a path is given, else k rows of {@code x} chosen by
   * a seeded shuffle.
   */
  public static FMatrixRMaj init(String path, FMatrixRMaj x, int k, long seed) throws IOException {
    if (path != null && !path.isEmpty()) {
      return Npy.read(Path.of(path));
    }
    SplittableRandom r = new SplittableRandom(seed);
    int n = x.numRows;
    int d = x.numCols;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    FMatrixRMaj c = new FMatrixRMaj(k, d);
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      System.arraycopy(x.data, idx[i] * d, c.data, i * d, d);
    }
    return c;
  }
}
