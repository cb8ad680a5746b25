package org.aidmp.examples;

import java.io.PrintStream;
import org.aidmp.progress.ProgressListener;

/**
 * Draws progress as a one-line bar on a console, redrawn in place with a carriage return, at most
 * ten times a second so that drawing never slows the work down.
 *
 * <pre>{@code
 * ProgressListener bar = new ConsoleProgressBar(System.err);
 * }</pre>
 */
public final class ConsoleProgressBar implements ProgressListener {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private String task;
  private long lastDraw;

  /** A bar drawn on {@code out}. */
  public ConsoleProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onProgress(String task, long done, long total) {
    long now = System.nanoTime();
    boolean finished = total > 0 && done >= total;
    boolean newTask = !task.equals(this.task);
    if (newTask && this.task != null) {
      out.print('\n');
    }
    if (!newTask && !finished && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    this.task = task;
    lastDraw = now;
    StringBuilder line = new StringBuilder("\r").append(pad(task)).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, done * WIDTH / total);
      line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
          .append(String.format("%3d%%", done * 100 / total));
    } else {
      line.append(String.format("%,d", done));
    }
    out.print(line);
    if (finished) {
      out.print('\n');
      this.task = null;
    }
    out.flush();
  }

  /** Ends the current line, if a bar is being drawn. */
  public synchronized void finish() {
    if (task != null) {
      out.print('\n');
      task = null;
    }
  }

  private static String pad(String s) {
    return s.length() >= 28 ? s.substring(0, 28) : s + " ".repeat(28 - s.length());
  }
}
