package org.aidmp.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CsvReadStatsTest {
  @Test
  void countsMustAddUp() {
    CsvReadStats ok = new CsvReadStats(10, 7, 2, 1);
    assertEquals(10, ok.read());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new CsvReadStats(10, 7, 2, 0));
    assertTrue(e.getMessage().contains("read (10)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CsvReadStats(-1, -1, 0, 0));
  }

  @Test
  void emptyIsAllZero() {
    assertEquals(new CsvReadStats(0, 0, 0, 0), CsvReadStats.EMPTY);
  }
}
