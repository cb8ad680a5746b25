package org.aidmp.data;

import java.util.Iterator;

/**
 * An iterator over a resource (a file, an object in a bucket) that must be closed if the caller
 * stops early. Iterating to the end closes it too; closing twice is harmless.
 *
 * @param <T> the element type
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  /** Releases the underlying resource; never throws a checked exception. */
  @Override
  void close();

  /** An iterator over an in-memory iterator, with nothing to close. */
  static <T> CloseableIterator<T> wrap(Iterator<T> it) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
