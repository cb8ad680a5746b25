package org.aidmp.io.internal.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/**
 * Opening a caller's {@code Callable<InputStream>} for the CSV and JSON Lines sources. Internal.
 */
public final class Streams {
  private Streams() {}

  /**
   * Calls {@code opener} for a new stream from the first byte: an {@link IOException} or a runtime
   * exception passes through, any other checked exception is reported as an {@link IOException}
   * naming the input.
   *
   * @param description names the input in errors; no secrets
   */
  public static InputStream open(Callable<InputStream> opener, String description)
      throws IOException {
    try {
      return opener.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e.getClass().getSimpleName() + " while opening " + description, e);
    }
  }
}
