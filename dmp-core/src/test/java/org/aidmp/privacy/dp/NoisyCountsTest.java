package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoisyCountsTest {
  @Test
  void copiesTheCounts() {
    Map<String, Long> m = new HashMap<>(Map.of("a", 1L));
    NoisyCounts c = new NoisyCounts("sizes", m, Epsilon.of(1));
    m.put("b", 2L);
    assertEquals(1, c.counts().size());
    assertThrows(UnsupportedOperationException.class, () -> c.counts().put("c", 3L));
  }
}
