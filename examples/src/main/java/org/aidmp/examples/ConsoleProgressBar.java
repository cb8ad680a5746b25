package org.aidmp.examples;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aidmp.progress.ProgressListener;

/**
 * Draws progress on a console as one line, redrawn in place with a carriage return: a bar for each
 * task whose total is known, a running count for the others (a stream being read while another task
 * counts its bytes). Redraws at most ten times a second, so drawing never slows the work. A
 * finished task is printed once more, complete, on a line of its own.
 *
 * <pre>{@code
 * ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
 * ... long work reporting to bar ...
 * bar.finish();
 * }</pre>
 */
public final class ConsoleProgressBar implements ProgressListener {
  private static final int BAR_WIDTH = 20;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final Map<String, long[]> active = new LinkedHashMap<>();
  private long lastDraw;
  private int lastWidth;

  /** A bar drawn on {@code out}. */
  public ConsoleProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onProgress(String task, long done, long total) {
    long now = System.nanoTime();
    active.put(task, new long[] {done, total});
    if (total >= 0 && done >= total) {
      draw(shorten(task) + " " + describe(done, total));
      out.print('\n');
      lastWidth = 0;
      active.remove(task);
      lastDraw = 0;
      return;
    }
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    StringBuilder line = new StringBuilder();
    for (Iterator<Map.Entry<String, long[]>> it = active.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, long[]> e = it.next();
      if (line.length() > 0) {
        line.append("  |  ");
      }
      line.append(shorten(e.getKey()))
          .append(' ')
          .append(describe(e.getValue()[0], e.getValue()[1]));
    }
    draw(line.toString());
  }

  /** Ends the current line and forgets unfinished tasks. */
  public synchronized void finish() {
    if (lastWidth > 0) {
      out.print('\n');
      lastWidth = 0;
    }
    active.clear();
    out.flush();
  }

  private void draw(String line) {
    int pad = Math.max(0, lastWidth - line.length());
    out.print('\r' + line + " ".repeat(pad));
    out.flush();
    lastWidth = line.length();
  }

  private static String describe(long done, long total) {
    if (total <= 0) {
      return String.format("%,d", done);
    }
    int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
    return "["
        + "#".repeat(filled)
        + " ".repeat(BAR_WIDTH - filled)
        + "] "
        + String.format("%3d%%", Math.min(100, done * 100 / total));
  }

  /** Shortens "read /some/folder/events.csv" to "read events.csv" so that a line fits. */
  static String shorten(String task) {
    int slash = task.lastIndexOf('/');
    int space = task.indexOf(' ');
    String s =
        slash > space && space > 0
            ? task.substring(0, space + 1) + task.substring(slash + 1)
            : task;
    return s.length() <= 32 ? s : s.substring(0, 29) + "...";
  }
}
