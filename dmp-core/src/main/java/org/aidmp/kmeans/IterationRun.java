package org.aidmp.kmeans;

import java.util.Arrays;

/** What one run of iterations did: how many, whether it converged, the inertia after each. */
final class IterationRun {
  int iterations;
  boolean converged;
  double[] history = new double[16];

  void record(double inertia) {
    if (iterations > history.length) {
      history = Arrays.copyOf(history, history.length * 2);
    }
    history[iterations - 1] = inertia;
  }

  double[] history() {
    return Arrays.copyOf(history, iterations);
  }
}
