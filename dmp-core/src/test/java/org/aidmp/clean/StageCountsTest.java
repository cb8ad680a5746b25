package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StageCountsTest {
  @Test
  void holdsTheCounts() {
    StageCounts c = new StageCounts("read", 2, 3);
    assertEquals("read", c.stage());
    assertEquals(2, c.quarantined());
    assertEquals(3, c.skipped());
  }

  @Test
  void refusesNegativeCountsAndBlankNames() {
    assertThrows(IllegalArgumentException.class, () -> new StageCounts("read", -1, 0));
    assertThrows(IllegalArgumentException.class, () -> new StageCounts("read", 0, -1));
    assertThrows(IllegalArgumentException.class, () -> new StageCounts(" ", 0, 0));
  }
}
