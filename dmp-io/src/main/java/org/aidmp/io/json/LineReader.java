package org.aidmp.io.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in {@code \n} (a {@code \r} before it is dropped), with a
 * cap on the bytes of one line, so that a line that never ends fails once it passes the cap instead
 * of taking the heap. Reuses one buffer for every line.
 */
final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private byte[] line = new byte[1 << 12];
  private int length;
  private long lineStart;
  private long consumed;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Thrown when a line passes the cap; the line starts at {@link #lineStart()}. */
  static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;

    TooLong() {
      super("line too long", null);
    }
  }

  /**
   * Reads the next line into {@link #line()}/{@link #length()}.
   *
   * @return false at the end of input
   */
  boolean next() throws IOException {
    length = 0;
    lineStart = consumed;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        if (eof || !fill()) {
          if (!any) {
            return false;
          }
          break;
        }
      }
      any = true;
      int start = pos;
      int nl = -1;
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      int end = nl < 0 ? limit : nl;
      append(start, end - start);
      consumed += (nl < 0 ? limit : nl + 1) - start;
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        break;
      }
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return true;
  }

  private void append(int from, int n) throws TooLong {
    if ((long) length + n > maxLineBytes) {
      throw new TooLong();
    }
    if (length + n > line.length) {
      line =
          Arrays.copyOf(line, (int) Math.min(maxLineBytes, Math.max(length + n, 2L * line.length)));
    }
    System.arraycopy(buf, from, line, length, n);
    length += n;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  byte[] line() {
    return line;
  }

  int length() {
    return length;
  }

  /** The 0-based offset of the current line's first byte in the stream. */
  long lineStart() {
    return lineStart;
  }
}
