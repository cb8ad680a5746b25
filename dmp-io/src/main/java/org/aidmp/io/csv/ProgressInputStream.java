package org.aidmp.io.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.aidmp.progress.ProgressListener;

/**
 * Counts the raw bytes read (compressed bytes, for gzip input, so that they compare with the file
 * size) and tells a listener every {@link #STEP} bytes and once at the end.
 */
final class ProgressInputStream extends FilterInputStream {
  /** Report every 4 MiB: often enough for a progress bar, rare enough to cost nothing. */
  static final long STEP = 4L << 20;

  private final ProgressListener listener;
  private final String task;
  private final long total;
  private long count;
  private long nextReport = STEP;
  private boolean ended;

  ProgressInputStream(InputStream in, ProgressListener listener, String task, long total) {
    super(in);
    this.listener = listener;
    this.task = task;
    this.total = total;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      finish();
    } else {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      finish();
    } else {
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    advance(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void advance(long n) {
    count += n;
    if (count >= nextReport) {
      nextReport = count + STEP;
      listener.onProgress(task, count, total);
    }
  }

  /** Sends the final report, once; called at end of input or when the reader finishes. */
  void finish() {
    if (!ended) {
      ended = true;
      listener.onProgress(task, count, total);
    }
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }
}
