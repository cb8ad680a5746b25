package org.aidmp.kmeans;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a fixed number of workers: the caller's thread plus {@code threads − 1}
 * runners on the caller's executor or on a pool this object owns and shuts down in {@link
 * #close()}. Which worker runs which task never affects a result, because every task writes only
 * its own slots and the caller reduces them in task order.
 */
final class Parallel implements AutoCloseable {
  private final int threads;
  private final Executor executor;
  private final ExecutorService owned;

  Parallel(int threads, Executor callerExecutor) {
    this.threads = threads;
    if (threads <= 1) {
      this.executor = null;
      this.owned = null;
    } else if (callerExecutor != null) {
      this.executor = callerExecutor;
      this.owned = null;
    } else {
      AtomicInteger id = new AtomicInteger();
      ThreadFactory tf =
          r -> {
            Thread t = new Thread(r, "dmp-kmeans-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
      this.owned = Executors.newFixedThreadPool(threads - 1, tf);
      this.executor = owned;
    }
  }

  int threads() {
    return threads;
  }

  /** Runs {@code body.accept(t)} for t in [0, tasks) and returns when all are done. */
  void run(int tasks, IntConsumer body) {
    if (executor == null || tasks <= 1) {
      for (int t = 0; t < tasks; t++) {
        body.accept(t);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int helpers = Math.min(threads, tasks) - 1;
    CountDownLatch done = new CountDownLatch(helpers);
    Runnable worker =
        () -> {
          int t;
          while (failure.get() == null && (t = next.getAndIncrement()) < tasks) {
            try {
              body.accept(t);
            } catch (Throwable e) {
              failure.compareAndSet(null, e);
            }
          }
        };
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(
            () -> {
              try {
                worker.run();
              } finally {
                done.countDown();
              }
            });
      } catch (RuntimeException rejected) {
        // The caller's executor refused: this thread does that share of the work itself.
        done.countDown();
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for K-Means workers", e);
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException) {
      throw (RuntimeException) e;
    }
    if (e instanceof Error) {
      throw (Error) e;
    }
    if (e != null) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdown();
      try {
        // The workers are idle once run() has returned, so this wait is short; it makes
        // "no thread outlives the fit" hold at the moment close() returns.
        owned.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        owned.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
