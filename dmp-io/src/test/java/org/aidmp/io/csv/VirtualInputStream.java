package org.aidmp.io.csv;

import java.io.InputStream;
import java.util.Arrays;

/**
 * A stream of a prefix followed by one byte repeated up to a given length, produced on the fly so
 * that gigabytes of test input take no memory. It counts the bytes it served.
 */
final class VirtualInputStream extends InputStream {
  private final byte[] prefix;
  private final byte fill;
  private final long length;
  private long position;

  VirtualInputStream(byte[] prefix, byte fill, long length) {
    this.prefix = prefix.clone();
    this.fill = fill;
    this.length = length;
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    int b = position < prefix.length ? prefix[(int) position] : fill;
    position++;
    return b & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    int i = 0;
    while (i < n && position + i < prefix.length) {
      b[off + i] = prefix[(int) (position + i)];
      i++;
    }
    Arrays.fill(b, off + i, off + n, fill);
    position += n;
    return n;
  }

  /** Bytes handed out so far. */
  long served() {
    return position;
  }
}
