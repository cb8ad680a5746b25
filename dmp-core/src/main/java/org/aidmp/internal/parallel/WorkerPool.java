package org.aidmp.internal.parallel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs numbered tasks on a fixed number of workers: the caller's thread plus {@code threads − 1}
 * helpers, on the caller's executor or on daemon threads this pool owns (named {@code
 * dmp-<purpose>-<n>}) and stops in {@link #close()}. The caller's thread always takes tasks too, so
 * a pool of one thread runs everything inline and never starts a thread.
 *
 * <pre>{@code
 * try (WorkerPool pool = WorkerPool.create("kmeans", threads, executor)) {
 *   pool.run(blocks, b -> assign(b));              // tasks handed out one at a time
 *   pool.forRange(n, (from, to) -> bin(from, to));  // one contiguous chunk per worker
 * }
 * }</pre>
 *
 * <p>Which worker runs which task must never change a result: tasks write only their own slots and
 * the caller reduces them in task order. The first exception a task throws stops the hand-out of
 * further tasks and is rethrown on the caller's thread once every running task has ended, unchanged
 * (so its type, message and cause are the task's), with later failures attached as suppressed. An
 * executor that refuses a helper leaves its share to the other workers.
 */
public final class WorkerPool implements AutoCloseable {
  /** A body over a half-open range of indices. */
  @FunctionalInterface
  public interface RangeBody {
    /** Runs over [from, to). */
    void run(int from, int to);
  }

  private final String purpose;
  private final int threads;
  private final Executor executor;
  private final ExecutorService owned;

  private WorkerPool(String purpose, int threads, Executor callerExecutor) {
    this.purpose = purpose;
    this.threads = Math.max(1, threads);
    if (this.threads == 1) {
      this.executor = null;
      this.owned = null;
    } else if (callerExecutor != null) {
      this.executor = callerExecutor;
      this.owned = null;
    } else {
      AtomicInteger id = new AtomicInteger();
      this.owned =
          Executors.newFixedThreadPool(
              this.threads - 1,
              r -> {
                Thread t = new Thread(r, "dmp-" + purpose + "-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.executor = owned;
    }
  }

  /**
   * A pool of {@code threads} workers, the caller's thread included.
   *
   * @param purpose names the owned threads, e.g. "kmeans"
   * @param threads workers including the caller; values below 1 count as 1
   * @param callerExecutor runs the helpers when not null (it is not shut down by {@link #close()});
   *     when null the pool starts and owns its helper threads
   */
  public static WorkerPool create(String purpose, int threads, Executor callerExecutor) {
    return new WorkerPool(purpose, threads, callerExecutor);
  }

  /** The workers, the caller's thread included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body.accept(t)} for every t in [0, tasks), handing tasks out one at a time to the
   * caller and up to {@code min(threads, tasks) − 1} helpers; returns when all are done.
   */
  public void run(int tasks, IntConsumer body) {
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
              if (!failure.compareAndSet(null, e)) {
                Throwable first = failure.get();
                if (first != e) {
                  synchronized (first) {
                    first.addSuppressed(e);
                  }
                }
              }
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
        // The executor refused: the other workers, the caller's thread at least, take this share.
        done.countDown();
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the " + purpose + " workers", e);
    }
    rethrow(failure.get());
  }

  /**
   * Runs {@code body} over [0, n) split into {@code min(threads, n)} contiguous chunks, chunk c
   * being [n·c/chunks, n·(c+1)/chunks); inline in one chunk when {@code parallel} is false.
   */
  public void forRange(int n, boolean parallel, RangeBody body) {
    int chunks = parallel ? Math.min(threads, n) : 1;
    if (chunks <= 1) {
      if (n > 0) {
        body.run(0, n);
      }
      return;
    }
    run(chunks, c -> body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks)));
  }

  private static void rethrow(Throwable e) {
    if (e == null) {
      return;
    }
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    // A checked exception thrown sneakily by a task: wrap it, keeping it as the cause.
    throw new IllegalStateException("a " + e.getClass().getName() + " stopped a worker", e);
  }

  /**
   * Stops the owned helper threads and waits for them to end; a caller's executor is left running.
   * Idempotent.
   */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdown();
      try {
        // The helpers are idle once run() has returned, so this wait is short; it makes "no
        // thread outlives the work" hold at the moment close() returns.
        if (!owned.awaitTermination(10, TimeUnit.SECONDS)) {
          owned.shutdownNow();
        }
      } catch (InterruptedException e) {
        owned.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
