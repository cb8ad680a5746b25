package org.aidmp.progress;

/**
 * Told how far long work has come. Called from the working thread, so implementations return
 * quickly; calls for one task arrive in order, with {@code done} never decreasing.
 *
 * <pre>{@code
 * ProgressListener log = (task, done, total) -> System.err.printf("%s %d/%d%n", task, done, total);
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = (task, done, total) -> {};

  /**
   * Reports progress.
   *
   * @param task a short name of the work ("read events.csv", "k-means restart 2")
   * @param done units done so far
   * @param total units in all, or -1 when unknown (a stream)
   */
  void onProgress(String task, long done, long total);
}
