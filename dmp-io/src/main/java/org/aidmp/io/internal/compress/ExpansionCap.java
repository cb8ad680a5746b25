package org.aidmp.io.internal.compress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps how far decompression may expand its input: decoded bytes may not exceed {@code ratio} times
 * the compressed bytes consumed so far, plus a fixed allowance for tiny inputs. Checked as the data
 * streams, so a decompression bomb fails after a bounded amount of work, whatever its size.
 * Internal.
 */
final class ExpansionCap {
  /** Any input may expand to this size whatever the ratio: tiny files compress very well. */
  static final long MIN_ALLOWANCE = 1L << 20;

  private ExpansionCap() {}

  /** Counts the compressed bytes a decoder pulls. */
  static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Checks the decoded bytes against the compressed bytes counted under the decoder. */
  static final class Capped extends FilterInputStream {
    private final Counting compressed;
    private final double ratio;
    private final String description;
    private long decoded;

    Capped(InputStream decoder, Counting compressed, double ratio, String description) {
      super(decoder);
      this.compressed = compressed;
      this.ratio = ratio;
      this.description = description;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        decoded += n;
        double cap = Math.max(MIN_ALLOWANCE, ratio * compressed.count);
        if (decoded > cap) {
          throw new IOException(
              description
                  + ": gzip expanded to "
                  + decoded
                  + " bytes from "
                  + compressed.count
                  + " compressed bytes, beyond the expansion ratio of "
                  + ratio
                  + "; it may be a decompression bomb. Raise maxExpansionRatio if such ratios are"
                  + " expected");
        }
      }
      return n;
    }
  }
}
