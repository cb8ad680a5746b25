package org.aidmp.feedback;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * The centroids and their drift: an immutable {@link Model} read without locking, and the rows
 * gathered since the last publication, kept per intake stripe so that intake threads do not share
 * an accumulator. A stripe that has gathered {@link FeedbackConfig#driftBatch()} events publishes:
 * the publisher drains every stripe in a fixed order and folds the sum into a new model version.
 * With one intake thread this is exactly one publication every batch, as with one shared
 * accumulator.
 *
 * <p>Lock order: a stripe's lock, then a user's lock (intake); the publication lock, then stripe
 * locks one at a time (publication); the publication lock, then all stripe locks in index order
 * (pauses). Nothing takes a stripe lock while holding a user's lock, and no intake thread takes the
 * publication lock while holding its stripe.
 */
final class DriftingCentroids {
  final int k;
  final int d;
  private final VectorKernels kernels;
  private final double log2DecayPerEvent;
  private final IntakeStripe[] stripes;
  private final AtomicInteger nextStripe = new AtomicInteger();
  private final ReentrantLock publishLock = new ReentrantLock();

  /** Guarded by publishLock. */
  private final double[] weights;

  private final double[] mergedSum;
  private final long[] mergedCount;

  /** Forgotten or revoked users since pending drift was last discarded. */
  private final AtomicLong forgetsRequested = new AtomicLong();

  private long forgetsApplied;
  private volatile Model model;

  DriftingCentroids(
      Model start, double[] weights, long halfLife, VectorKernels kernels, int stripeCount) {
    this.model = start;
    this.k = start.k;
    this.d = start.d;
    this.kernels = kernels;
    this.weights = weights.clone();
    this.log2DecayPerEvent = -1.0 / halfLife;
    this.stripes = new IntakeStripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new IntakeStripe(k, d);
    }
    this.mergedSum = new double[k * d];
    this.mergedCount = new long[k];
  }

  /**
   * Training data counts as one half-life's worth of the decayed weight a segment reaches in a
   * steady stream (about halfLife / ln 2 events over all segments), spread by segment size; so a
   * model trained on millions of rows still follows live events, and one trained on few rows is not
   * thrown around by the first ones.
   */
  static double[] initialWeights(long[] sizes, int k, long halfLife) {
    double total = halfLife / Math.log(2);
    double[] w = new double[k];
    long n = 0;
    if (sizes != null) {
      for (long s : sizes) {
        n += s;
      }
    }
    for (int j = 0; j < k; j++) {
      w[j] = n > 0 ? total * sizes[j] / n : total / k;
    }
    return w;
  }

  Model model() {
    return model;
  }

  /** The stripe for a thread that has none yet: round robin. */
  IntakeStripe assignStripe() {
    return stripes[Math.floorMod(nextStripe.getAndIncrement(), stripes.length)];
  }

  IntakeStripe[] stripes() {
    return stripes;
  }

  /**
   * Takes the publication lock, then every stripe's lock in index order: stops intake and
   * publication. The publication lock comes first, as in {@link #publish}, so the two never wait
   * for each other.
   */
  void lockAll() {
    publishLock.lock();
    for (IntakeStripe s : stripes) {
      s.lock.lock();
    }
  }

  void unlockAll() {
    for (int i = stripes.length - 1; i >= 0; i--) {
      stripes[i].lock.unlock();
    }
    publishLock.unlock();
  }

  /** Runs {@code action} with intake and publication stopped ({@link #lockAll}). */
  <T> T whileAllLocked(java.util.function.Supplier<T> action) {
    lockAll();
    try {
      return action.get();
    } finally {
      unlockAll();
    }
  }

  /** Puts restored pending drift into stripe 0. */
  void restorePending(double[] sum, long[] count, int events) {
    IntakeStripe s = stripes[0];
    System.arraycopy(sum, 0, s.pendingSum, 0, sum.length);
    System.arraycopy(count, 0, s.pendingCount, 0, count.length);
    s.pendingEvents = events;
  }

  /** Records that a user's pending contribution must go before drift is next used. */
  void forgetRequested() {
    forgetsRequested.incrementAndGet();
  }

  /** Whether any pending drift is waiting. */
  boolean anyPending() {
    for (IntakeStripe s : stripes) {
      s.lock.lock();
      try {
        if (s.pendingEvents > 0) {
          return true;
        }
      } finally {
        s.lock.unlock();
      }
    }
    return false;
  }

  /**
   * Drops all pending drift if a user was forgotten since it was last dropped: pending sums cannot
   * be split by user, and publishing them would fold the user's rows into the centroids. Costs at
   * most one batch of other users' drift.
   */
  void discardIfForgotten() {
    if (forgetsRequested.get() == forgetsApplied) {
      return;
    }
    publishLock.lock();
    try {
      long requested = forgetsRequested.get();
      if (requested == forgetsApplied) {
        return;
      }
      for (IntakeStripe s : stripes) {
        s.lock.lock();
        try {
          s.discard();
        } finally {
          s.lock.unlock();
        }
      }
      forgetsApplied = requested;
    } finally {
      publishLock.unlock();
    }
  }

  /**
   * {@link #publish()} for intake: only if {@code trigger} still holds at least {@code batch}
   * pending events once the publish lock is held. Every event that finds its stripe full asks for a
   * publish, and another thread's publish may have drained the stripe since; folding what is left
   * then would make a model version per racing event instead of one per batch.
   */
  long publishFull(IntakeStripe trigger, int batch) {
    publishLock.lock();
    try {
      boolean full;
      trigger.lock.lock();
      try {
        full = trigger.pendingEvents >= batch;
      } finally {
        trigger.lock.unlock();
      }
      return full ? publish() : model.version;
    } finally {
      publishLock.unlock();
    }
  }

  /** Drains every stripe and publishes a new model version if there was drift. */
  long publish() {
    discardIfForgotten();
    publishLock.lock();
    try {
      int events = 0;
      for (IntakeStripe s : stripes) {
        s.lock.lock();
        try {
          if (s.pendingEvents == 0) {
            continue;
          }
          for (int i = 0; i < mergedSum.length; i++) {
            mergedSum[i] += s.pendingSum[i];
          }
          for (int j = 0; j < k; j++) {
            mergedCount[j] += s.pendingCount[j];
          }
          events += s.pendingEvents;
          s.discard();
        } finally {
          s.lock.unlock();
        }
      }
      if (events > 0) {
        fold(events);
      }
      return model.version;
    } finally {
      publishLock.unlock();
    }
  }

  /** Folds the merged drift of {@code events} events into a new model; holds publishLock. */
  private void fold(int events) {
    Model m = model;
    double decay = Math.pow(2, log2DecayPerEvent * events);
    float[] c = m.centroids.clone();
    for (int j = 0; j < k; j++) {
      double old = weights[j] * decay;
      double w = old + mergedCount[j];
      int off = j * d;
      if (mergedCount[j] > 0) {
        for (int i = 0; i < d; i++) {
          c[off + i] = (float) ((old * m.centroids[off + i] + mergedSum[off + i]) / w);
        }
      }
      weights[j] = w;
    }
    Arrays.fill(mergedSum, 0);
    Arrays.fill(mergedCount, 0);
    model = new Model(m.version + 1, c, k, d, kernels);
  }

  /**
   * The weights and the pending drift summed over stripes, for a snapshot; the caller holds every
   * stripe's lock.
   */
  Pending pending() {
    discardIfForgotten();
    publishLock.lock();
    try {
      double[] sum = new double[k * d];
      long[] count = new long[k];
      int events = 0;
      for (IntakeStripe s : stripes) {
        for (int i = 0; i < sum.length; i++) {
          sum[i] += s.pendingSum[i];
        }
        for (int j = 0; j < k; j++) {
          count[j] += s.pendingCount[j];
        }
        events += s.pendingEvents;
      }
      return new Pending(weights.clone(), sum, count, events);
    } finally {
      publishLock.unlock();
    }
  }

  /** Pending drift summed over stripes. */
  record Pending(double[] weights, double[] sum, long[] count, int events) {}

  /**
   * Immutable centroids, row-major and in the transposed, padded layout the assignment kernel
   * reads, with their squared norms (+∞ in padding lanes so they never win).
   */
  static final class Model {
    final long version;
    final int k;
    final int d;
    final float[] centroids;
    final int kStride;
    final float[] transposed;
    final float[] norms;

    Model(long version, float[] centroids, int k, int d, VectorKernels kern) {
      this.version = version;
      this.k = k;
      this.d = d;
      this.centroids = centroids;
      int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
      this.kStride = (k + m - 1) / m * m;
      this.transposed = new float[d * kStride];
      this.norms = new float[kStride];
      Arrays.fill(norms, k, kStride, Float.POSITIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        norms[j] = kern.squaredNorm(centroids, j * d, d);
      }
      VectorKernels.packCentroids(centroids, k, d, transposed);
    }
  }
}
