package org.aidmp.io.json;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.aidmp.data.BadRecordException;

/**
 * Run in a child JVM with a 256 MiB heap by {@link JsonLinesSourceTest}: reads a 1 GiB stream whose
 * second line opens a string that never closes, and prints how the read ended. Exit code 0 means
 * the read failed with {@code LINE_TOO_LONG}; 2 means something else happened.
 */
public final class UnterminatedStringProbe {
  private UnterminatedStringProbe() {}

  /** A prefix, then one byte repeated up to a total length, made on the fly. */
  static final class Virtual extends InputStream {
    private final byte[] prefix;
    private final long length;
    long served;

    Virtual(byte[] prefix, long length) {
      this.prefix = prefix;
      this.length = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (served >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - served);
      for (int i = 0; i < n; i++) {
        long at = served + i;
        b[off + i] = at < prefix.length ? prefix[(int) at] : (byte) 'x';
      }
      served += n;
      return n;
    }
  }

  /** Runs the probe. */
  public static void main(String[] args) {
    byte[] prefix = "{\"a\":1}\n{\"user_id\":\"never closed ".getBytes(StandardCharsets.US_ASCII);
    Virtual[] first = new Virtual[1];
    JsonLinesSource src =
        JsonLinesSource.builder(
                "virtual-1GiB",
                () -> {
                  first[0] = new Virtual(prefix, 1L << 30);
                  return first[0];
                })
            .setSchema(org.aidmp.data.Schema.ofStrings(java.util.List.of("user_id")))
            .get();
    try {
      long rows = 0;
      for (var r : src) {
        rows++;
      }
      System.out.println("NO_FAILURE rows=" + rows);
      System.exit(2);
    } catch (BadRecordException e) {
      System.out.println(e.problem() + " line=" + e.line() + " served=" + first[0].served);
      System.exit(e.problem() == BadRecordException.Problem.LINE_TOO_LONG ? 0 : 2);
    }
  }
}
