package org.aidmp.feedback;

import java.util.concurrent.locks.ReentrantLock;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * One intake thread's share of the updater: a lock that is the intake gate for the events that go
 * through it, the drift gathered from them since the last publication, and their counters. Each
 * thread is given its own stripe (round robin), so intake threads never share a lock or a written
 * cache line on the hot path; snapshots and {@code close} take every stripe's lock to stop intake.
 * Every field is guarded by {@link #lock}.
 */
final class IntakeStripe {
  final ReentrantLock lock = new ReentrantLock();
  final double[] pendingSum;
  final long[] pendingCount;
  int pendingEvents;
  long accepted;
  long segmentChanges;

  // Keeps the fields written on every event off the cache lines of the neighbouring stripe.
  @SuppressWarnings("unused")
  private long p0, p1, p2, p3, p4, p5, p6, p7;

  IntakeStripe(int k, int d) {
    pendingSum = new double[k * d];
    pendingCount = new long[k];
  }

  /** Adds one row to segment {@code seg}'s pending drift, widened to double as K-Means does. */
  void add(int seg, float[] row, int d, VectorKernels kernels) {
    kernels.addTo(pendingSum, seg * d, row, 0, d);
    pendingCount[seg]++;
    pendingEvents++;
  }

  /** Drops the pending drift. */
  void discard() {
    java.util.Arrays.fill(pendingSum, 0);
    java.util.Arrays.fill(pendingCount, 0);
    pendingEvents = 0;
  }
}
