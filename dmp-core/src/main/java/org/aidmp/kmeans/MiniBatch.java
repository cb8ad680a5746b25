package org.aidmp.kmeans;

import java.util.SplittableRandom;

/** Mini-batch K-Means iterations over an {@link Engine}'s data and centroids. */
final class MiniBatch {
  private MiniBatch() {}

  /** Sculley's update: per-centroid step 1/count, in batch order, so it is deterministic. */
  static void run(
      Engine e,
      int k,
      int batchSize,
      boolean cosine,
      double tolAbs,
      int maxIter,
      SplittableRandom rnd,
      IterationRun run) {
    int n = e.n;
    int d = e.d;
    int b = Math.min(batchSize, n);
    float[] bx = new float[b * d];
    int[] idx = new int[b];
    int[] bl = new int[b];
    float[] bd = new float[b];
    double[] counts = new double[k];
    float[] c = e.c.clone();
    double ewa = Double.NaN;
    double bestEwa = Double.POSITIVE_INFINITY;
    int noImprovement = 0;
    int chunk = 256;
    int chunks = (b + chunk - 1) / chunk;
    while (run.iterations < maxIter) {
      run.iterations++;
      for (int t = 0; t < b; t++) {
        idx[t] = rnd.nextInt(n);
        System.arraycopy(e.x, idx[t] * d, bx, t * d, d);
      }
      e.par.run(
          chunks,
          q -> {
            int s = q * chunk;
            int len = Math.min(b, s + chunk) - s;
            e.kern.nearestCentroids(bx, s * d, len, d, e.ct, e.ks, e.cn, k, bl, s, bd, s);
          });
      double batchInertia = 0;
      double batchW = 0;
      for (int t = 0; t < b; t++) {
        double wi = e.weight(idx[t]);
        if (wi <= 0) {
          continue;
        }
        int l = bl[t];
        counts[l] += wi;
        float eta = (float) (wi / counts[l]);
        for (int j = 0; j < d; j++) {
          c[l * d + j] += eta * (bx[t * d + j] - c[l * d + j]);
        }
        batchInertia += wi * bd[t];
        batchW += wi;
      }
      if (cosine) {
        KMeansData.normaliseRows(c, k, d);
      }
      double shift = 0;
      for (int t = 0; t < k * d; t++) {
        double u = (double) c[t] - e.c[t];
        shift += u * u;
      }
      e.setCentroids(c);
      double mean = batchW > 0 ? batchInertia / batchW : 0;
      // The batch's mean inertia scaled to the whole data, so the curve is comparable to Lloyd's.
      run.record(mean * n);
      double alpha = Math.min(1.0, 2.0 * b / (n + 1.0));
      ewa = Double.isNaN(ewa) ? mean : ewa * (1 - alpha) + mean * alpha;
      if (ewa < bestEwa) {
        bestEwa = ewa;
        noImprovement = 0;
      } else if (++noImprovement >= 10) {
        run.converged = true;
        break;
      }
      if (shift <= tolAbs * b / n) {
        run.converged = true;
        break;
      }
    }
    e.assignOnly();
  }
}
