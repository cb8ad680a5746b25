package org.aidmp.predict.tree;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a range of work split into as many contiguous chunks as there are workers: the caller's
 * thread plus {@code threads − 1} helpers on the caller's executor or on a pool owned by this
 * object and shut down by {@link #close()}. Every chunk writes only its own slots, so which thread
 * runs which chunk never changes a result.
 */
final class Workers implements AutoCloseable {
  /** A body over a half-open range. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  private final int threads;
  private final Executor executor;
  private final ExecutorService owned;

  Workers(int threads, Executor callerExecutor) {
    this.threads = Math.max(1, threads);
    if (this.threads == 1) {
      executor = null;
      owned = null;
    } else if (callerExecutor != null) {
      executor = callerExecutor;
      owned = null;
    } else {
      AtomicInteger id = new AtomicInteger();
      owned =
          Executors.newFixedThreadPool(
              this.threads - 1,
              r -> {
                Thread t = new Thread(r, "dmp-gbt-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      executor = owned;
    }
  }

  int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over {@code [0, n)} in up to {@link #threads()} contiguous chunks, inline
   * when {@code parallel} is false or there is one worker.
   */
  void forRange(int n, boolean parallel, RangeBody body) {
    int chunks = parallel ? Math.min(threads, n) : 1;
    if (executor == null || chunks <= 1) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(chunks - 1);
    for (int c = 1; c < chunks; c++) {
      int from = (int) ((long) n * c / chunks);
      int to = (int) ((long) n * (c + 1) / chunks);
      executor.execute(
          () -> {
            try {
              body.run(from, to);
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            } finally {
              done.countDown();
            }
          });
    }
    try {
      body.run(0, (int) ((long) n / chunks));
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting trees", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
