package org.aidmp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {
  private static final Logger LOG = LoggerFactory.getLogger(LogCaptureTest.class);

  @Test
  void collectsFormattedLinesAndEveryThrowableMessage() throws Exception {
    assertTrue(LogCapture.installed(), "the capturing backend must be the one in use");
    LOG.info("before any capture");
    try (LogCapture outer = LogCapture.start()) {
      LOG.debug("value {} and {}", "alpha", 42);
      IllegalStateException e = new IllegalStateException("top", new RuntimeException("root-7"));
      e.addSuppressed(new IllegalArgumentException("also-9"));
      LOG.warn("failed", e);
      Thread t = new Thread(() -> LOG.error("from {}", "another thread"));
      t.start();
      t.join();
      List<String> lines = outer.lines();
      assertEquals(3, lines.size(), lines.toString());
      assertTrue(
          lines.get(0).startsWith("DEBUG org.aidmp.testing.LogCaptureTest - value alpha and 42"));
      assertTrue(lines.get(1).contains("root-7") && lines.get(1).contains("also-9"), lines.get(1));
      assertTrue(lines.get(2).contains("another thread"));
    }
    try (LogCapture after = LogCapture.start()) {
      assertTrue(after.lines().isEmpty(), "lines before the capture are not kept");
    }
  }
}
