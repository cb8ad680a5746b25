package org.aidmp.kmeans;

import org.aidmp.internal.parallel.WorkerPool;
import org.ejml.data.FMatrixRMaj;

/**
 * Single Lloyd iterations on fixed data, driven by the caller: what a benchmark times and what a
 * caller uses to watch or stop the loop itself. Allocates nothing per {@link #step()}.
 *
 * <pre>{@code
 * try (KMeansIterations it = KMeans.builder().setK(16).setThreads(2).get().iterations(x, c0)) {
 *   for (int i = 0; i < 10; i++) {
 *     it.step();
 *   }
 *   FMatrixRMaj centroids = it.centroids();
 * }
 * }</pre>
 */
public final class KMeansIterations implements AutoCloseable {
  private final Engine engine;
  private final WorkerPool par;
  private int steps;

  KMeansIterations(Engine engine, WorkerPool par) {
    this.engine = engine;
    this.par = par;
  }

  /**
   * One iteration: every point to its nearest centroid (fused kernel), then each centroid to the
   * mean of its points, empty clusters handled by the configured policy.
   *
   * @return the total squared centroid shift
   */
  public double step() {
    steps++;
    return engine.lloydStep();
  }

  /** Iterations run so far. */
  public int steps() {
    return steps;
  }

  /** Σ ‖x − c(label)‖² of the last assignment, from the kernel's float distances. */
  public double lastInertia() {
    return engine.lastInertia;
  }

  /** Labels that changed in the last assignment. */
  public int lastChanged() {
    return engine.lastChanged;
  }

  /** A copy of the current centroids, k × d. */
  public FMatrixRMaj centroids() {
    FMatrixRMaj m = new FMatrixRMaj(engine.k, engine.d);
    System.arraycopy(engine.c, 0, m.data, 0, engine.k * engine.d);
    return m;
  }

  /** A copy of the labels of the last assignment (−1 before the first step). */
  public int[] labels() {
    return engine.labels.clone();
  }

  /** Releases the worker threads this handle owns; a caller's executor is left running. */
  @Override
  public void close() {
    par.close();
  }
}
