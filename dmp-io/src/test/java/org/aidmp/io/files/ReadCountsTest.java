package org.aidmp.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReadCountsTest {
  @Test
  void countsMustBalance() {
    assertThrows(IllegalArgumentException.class, () -> new ReadCounts(3, 1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ReadCounts(-1, -1, 0, 0));
  }

  @Test
  void plusAddsEachCount() {
    assertEquals(
        new ReadCounts(7, 4, 2, 1), new ReadCounts(3, 2, 1, 0).plus(new ReadCounts(4, 2, 1, 1)));
  }
}
