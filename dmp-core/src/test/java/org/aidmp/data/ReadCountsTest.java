package org.aidmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadCountsTest {
  @Test
  void countsMustBalance() {
    assertThrows(IllegalArgumentException.class, () -> new ReadCounts(3, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ReadCounts(-1, -1, 0, 0));
  }

  @Test
  void theMessageNamesTheCountsThatDoNotAddUp() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ReadCounts(10, 7, 2, 0));
    assertTrue(e.getMessage().contains("read (10)"), e.getMessage());
  }

  @Test
  void emptyIsAllZero() {
    assertEquals(new ReadCounts(0, 0, 0, 0), ReadCounts.EMPTY);
  }

  @Test
  void plusAddsEachCount() {
    assertEquals(
        new ReadCounts(7, 4, 2, 1), new ReadCounts(3, 2, 1, 0).plus(new ReadCounts(4, 2, 1, 1)));
  }
}
