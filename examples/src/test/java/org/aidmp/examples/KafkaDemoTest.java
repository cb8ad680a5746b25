package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KafkaDemoTest {
  /** user-0 switches interest (u % 10 == 0) and must be printed as moved. */
  @Test
  void aSwitchingUserMovesAndEveryEventIsApplied() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    KafkaDemo.Outcome o =
        KafkaDemo.run(500, 5_000, 10_000, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(15_000, o.events(), out);
    assertTrue(o.moved() >= 1, out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("user-0 ") && l.endsWith("moved")), out);
    assertTrue(out.contains("events/s"), out);
  }
}
