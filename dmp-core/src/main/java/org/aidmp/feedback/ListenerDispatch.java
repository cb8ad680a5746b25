package org.aidmp.feedback;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers segment changes to the listeners on one thread of its own: intake only offers to a
 * bounded queue and never waits (a full queue drops the change and counts it). Forgetting a user
 * removes their queued changes, so no listener hears of them afterwards.
 */
final class ListenerDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

  private final List<Consumer<SegmentChange>> listeners;
  private final BlockingQueue<SegmentChange> queue;
  private final Thread thread;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private volatile boolean stopping;

  ListenerDispatch(List<Consumer<SegmentChange>> listeners, int capacity, ThreadFactory factory) {
    this.listeners = List.copyOf(listeners);
    if (this.listeners.isEmpty()) {
      this.queue = null;
      this.thread = null;
    } else {
      this.queue = new ArrayBlockingQueue<>(capacity);
      ThreadFactory tf =
          factory != null
              ? factory
              : r -> {
                Thread t = new Thread(r, "dmp-feedback-listeners");
                t.setDaemon(true);
                return t;
              };
      this.thread = tf.newThread(this::deliverLoop);
      thread.start();
    }
  }

  /** Whether any listener is registered: without one, intake need not make a change at all. */
  boolean hasListeners() {
    return queue != null;
  }

  /** Queues a change; never waits. */
  void offer(SegmentChange change) {
    if (queue != null && !queue.offer(change)) {
      dropped.increment();
    }
  }

  /** Removes the user's queued changes; returns how many. */
  int forget(String userId) {
    if (queue == null) {
      return 0;
    }
    int[] n = {0};
    queue.removeIf(
        c -> {
          boolean mine = c.userId().equals(userId);
          if (mine) {
            n[0]++;
          }
          return mine;
        });
    return n[0];
  }

  long dropped() {
    return dropped.sum();
  }

  long failures() {
    return failures.sum();
  }

  private void deliverLoop() {
    while (true) {
      SegmentChange c;
      try {
        c = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (c == null) {
        if (stopping) {
          return;
        }
        continue;
      }
      for (Consumer<SegmentChange> l : listeners) {
        try {
          l.accept(c);
        } catch (RuntimeException e) {
          failures.increment();
          LOG.warn("segment change listener {} failed; delivery goes on", l.getClass(), e);
        }
      }
    }
  }

  /**
   * Delivers what is queued and stops the thread, waiting up to 10 seconds; call once intake has
   * stopped.
   */
  void close() {
    stopping = true;
    if (thread == null) {
      return;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("segment change listeners still busy after 10 s; interrupting them");
      thread.interrupt();
    }
  }
}
