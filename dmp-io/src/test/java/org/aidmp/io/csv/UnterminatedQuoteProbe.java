package org.aidmp.io.csv;

import java.nio.charset.StandardCharsets;
import org.aidmp.data.BadRecordException;

/**
 * Run in a child JVM with a small heap by {@link CsvSourceTest}: reads a 1 GiB stream whose second
 * line opens a quote that never closes, and prints how the read ended. Exit code 0 means the read
 * failed with {@code FIELD_TOO_LONG}; 2 means something else happened; an {@link OutOfMemoryError}
 * exits non-zero on its own.
 *
 * <p>Arguments: the cap on record chars, or {@code default} for the source's default.
 */
public final class UnterminatedQuoteProbe {
  private UnterminatedQuoteProbe() {}

  /** Runs the probe. */
  public static void main(String[] args) {
    byte[] prefix = "id,text\n1,\"never closed ".getBytes(StandardCharsets.US_ASCII);
    VirtualInputStream[] first = new VirtualInputStream[1];
    CsvSource.Builder b =
        CsvSource.builder(
            "virtual-1GiB",
            () -> {
              VirtualInputStream in = new VirtualInputStream(prefix, (byte) 'x', 1L << 30);
              if (first[0] == null) {
                first[0] = in;
              }
              return in;
            });
    if (!args[0].equals("default")) {
      b.setMaxFieldChars(Integer.parseInt(args[0]));
    }
    try {
      long rows = 0;
      for (var r : b.get()) {
        rows++;
      }
      System.out.println("NO_FAILURE rows=" + rows);
      System.exit(2);
    } catch (BadRecordException e) {
      System.out.println(
          e.problem()
              + " line="
              + e.line()
              + " column="
              + e.column()
              + " served="
              + first[0].served());
      System.exit(e.problem() == BadRecordException.Problem.FIELD_TOO_LONG ? 0 : 2);
    }
  }
}
