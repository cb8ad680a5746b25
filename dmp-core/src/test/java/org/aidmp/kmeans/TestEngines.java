package org.aidmp.kmeans;

import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.internal.parallel.WorkerPool;

/** Engines for the swap tests: Euclidean, the default kernels, farthest-point relocation. */
final class TestEngines {
  private TestEngines() {}

  /** An engine over n points of d coordinates and k centroids; {@code w} may be null. */
  static Engine engine(float[] x, double[] w, int n, int d, int k, WorkerPool par) {
    return new Engine(
        x,
        n,
        d,
        k,
        w,
        VectorKernelsProvider.get(),
        par,
        false,
        EmptyClusterPolicy.RELOCATE_FARTHEST);
  }
}
