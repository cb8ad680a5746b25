package org.aidmp.io.csv;

import java.io.InputStream;
import java.util.SplittableRandom;

/** Serves bytes in short reads of random length, to split characters and line breaks apart. */
final class ChunkyInputStream extends InputStream {
  private final byte[] data;
  private final SplittableRandom random;
  private final int maxChunk;
  private int pos;

  ChunkyInputStream(byte[] data, SplittableRandom random, int maxChunk) {
    this.data = data;
    this.random = random;
    this.maxChunk = maxChunk;
  }

  @Override
  public int read() {
    return pos < data.length ? data[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos >= data.length) {
      return -1;
    }
    int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxChunk));
    System.arraycopy(data, pos, b, off, n);
    pos += n;
    return n;
  }
}
