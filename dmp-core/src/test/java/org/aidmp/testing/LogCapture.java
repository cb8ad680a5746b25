package org.aidmp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects every log line written through SLF4J while it is open, from any thread, at every level:
 * the formatted message and the class and message of each attached throwable, its causes and
 * suppressed exceptions. Test scope only: {@link CapturingServiceProvider} is the SLF4J backend of
 * this module's tests.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   runTheScenario();
 *   assertTrue(logs.lines().stream().noneMatch(l -> l.contains("u-secret")));
 * }
 * }</pre>
 *
 * <p>Captures are global (log lines of listener threads count too) and may nest; lines logged while
 * no capture is open are dropped.
 */
public final class LogCapture implements AutoCloseable {
  private static final List<LogCapture> OPEN = new CopyOnWriteArrayList<>();

  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  /** Starts collecting. */
  public static LogCapture start() {
    LogCapture c = new LogCapture();
    OPEN.add(c);
    return c;
  }

  /** Whether the SLF4J backend in use is the capturing one (so that an empty capture means it). */
  public static boolean installed() {
    return org.slf4j.LoggerFactory.getILoggerFactory() instanceof CapturingServiceProvider.Factory;
  }

  /** Hands one rendered line to every open capture. */
  static void publish(String line) {
    for (LogCapture c : OPEN) {
      c.lines.add(line);
    }
  }

  /** The lines so far, oldest first. */
  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  /** Stops collecting; the lines stay readable. */
  @Override
  public void close() {
    OPEN.remove(this);
  }

  /**
   * Every message in a throwable's chain (causes and suppressed), each with its class, as a log
   * backend would print them; also used to check exception messages.
   */
  public static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    describe(t, sb, 0);
    return sb.toString();
  }

  private static void describe(Throwable t, StringBuilder sb, int depth) {
    if (t == null || depth > 20) {
      return;
    }
    sb.append(" | ").append(t.getClass().getName()).append(": ").append(t.getMessage());
    for (Throwable s : t.getSuppressed()) {
      describe(s, sb, depth + 1);
    }
    if (t.getCause() != t) {
      describe(t.getCause(), sb, depth + 1);
    }
  }
}
