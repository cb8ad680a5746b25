package org.aidmp.data;

/**
 * Where records go: a CSV file, an S3 object, a collection. Closing a sink completes what it wrote
 * (flushes, commits the file); a sink that was not closed may leave nothing behind.
 *
 * @param <T> what the sink takes, usually {@link Record}
 */
@FunctionalInterface
public interface Sink<T> extends AutoCloseable {
  /** Writes one item. I/O failures are thrown as {@link java.io.UncheckedIOException}. */
  void accept(T item);

  /** Writes every item, in order. */
  default void acceptAll(Iterable<? extends T> items) {
    for (T item : items) {
      accept(item);
    }
  }

  /** Completes the output; the default does nothing. */
  @Override
  default void close() {}
}
