package org.aidmp.io.csv;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a fresh stream over the same bytes each time it is called, so that a {@link CsvSource}
 * built on it can be read more than once.
 *
 * <pre>{@code
 * InputStreamSupplier bytes = () -> s3.getObject(request);   // a new GET per read
 * CsvSource source = CsvSource.builder("s3://bucket/events.csv", bytes).get();
 * }</pre>
 *
 * <p>The caller of {@link #open()} closes the stream it gets.
 */
@FunctionalInterface
public interface InputStreamSupplier {
  /**
   * Opens the stream from its first byte.
   *
   * @return a new stream, owned by the caller
   * @throws IOException if it cannot be opened
   */
  InputStream open() throws IOException;
}
