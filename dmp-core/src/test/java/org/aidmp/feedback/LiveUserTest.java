package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LiveUserTest {
  @Test
  void copiesArraysAndComparesByContent() {
    long[] counts = {1, 2};
    float[] row = {0.5f, 1f};
    LiveUser a = new LiveUser("secret-id", counts, 3, 1.5, 10, 20, row, 1, 0.25, 7);
    counts[0] = 99;
    row[0] = 99;
    assertEquals(1, a.count(0));
    assertEquals(0.5f, a.feature(0));
    a.counts()[1] = 42;
    assertEquals(2, a.count(1));
    LiveUser b =
        new LiveUser(
            "secret-id", new long[] {1, 2}, 3, 1.5, 10, 20, new float[] {0.5f, 1f}, 1, 0.25, 7);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(
        a,
        new LiveUser(
            "secret-id", new long[] {1, 2}, 3, 1.5, 10, 20, new float[] {0.5f, 1f}, 2, 0.25, 7));
    assertFalse(a.toString().contains("secret"), a.toString());
  }
}
