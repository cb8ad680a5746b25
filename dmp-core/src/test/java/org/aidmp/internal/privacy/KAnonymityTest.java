package org.aidmp.internal.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KAnonymityTest {
  @Test
  void theFloorNeedsTheUnsafeFlag() {
    assertEquals(10, KAnonymity.checkK(10, false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KAnonymity.checkK(9, false));
    assertTrue(e.getMessage().contains("allowUnsafeMinimum()"), e.getMessage());
    assertEquals(1, KAnonymity.checkK(1, true));
    assertThrows(IllegalArgumentException.class, () -> KAnonymity.checkK(0, true));
  }

  @Test
  void duplicatesCountOnce() {
    assertEquals(1, KAnonymity.distinct(Collections.nCopies(100, "u1")));
    assertEquals(2, KAnonymity.distinct(List.of("a", "b", "a")));
    assertEquals(0, KAnonymity.distinct(List.of()));
  }
}
