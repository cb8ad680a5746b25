package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IngestReportTest {
  @Test
  void countsMustAddUp() {
    assertEquals(10, new IngestReport("s", 10, 7, 2, 1).read());
    assertThrows(IllegalArgumentException.class, () -> new IngestReport("s", 10, 7, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new IngestReport("s", 0, 1, -1, 0));
  }
}
