package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
  @Test
  void aFinishedTaskIsPrintedCompleteOnItsOwnLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgressBar bar =
        new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    bar.onProgress("read /data/events.csv", 10, 100);
    bar.onProgress("read /data/events.csv", 100, 100);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("read events.csv [####################] 100%\n"), text);
  }

  @Test
  void unknownTotalsShowACount() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgressBar bar =
        new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    bar.onProgress("profile events", 65_536, -1);
    bar.finish();
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("profile events 65,536"));
  }

  @Test
  void shortensPathsToFileNames() {
    assertEquals("read events.csv", ConsoleProgressBar.shorten("read /a/b/events.csv"));
    assertEquals("fit features", ConsoleProgressBar.shorten("fit features"));
  }
}
