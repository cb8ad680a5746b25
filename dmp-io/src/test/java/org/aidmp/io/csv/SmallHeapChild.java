package org.aidmp.io.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.aidmp.data.Record;
import org.aidmp.io.npy.Npy;

/**
 * Runs one capped read in a JVM with a small heap, for {@link CapsUnderSmallHeapTest}, and prints
 * {@code CAPPED <message>} if the read failed with the cap's declared error, {@code READ <n>}
 * otherwise. An {@link OutOfMemoryError} ends the JVM with a non-zero status.
 */
public final class SmallHeapChild {
  private SmallHeapChild() {}

  /** {@code args[0]}: {@code gzip} or {@code npy}; {@code args[1]}: the file. */
  public static void main(String[] args) {
    Path file = Path.of(args[1]);
    try {
      if (args[0].equals("gzip")) {
        long n = 0;
        for (Record r : CsvSource.builder(file).get()) {
          n += r.size();
        }
        System.out.println("READ " + n);
      } else {
        System.out.println("READ " + Npy.read(file).getNumElements());
      }
    } catch (UncheckedIOException e) {
      System.out.println("CAPPED " + e.getMessage());
    } catch (IOException e) {
      System.out.println("CAPPED " + e.getMessage());
    }
  }
}
