package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PurposeTest {
  @Test
  void builtInPurposesAndHostDefinedOnesAreEqualByName() {
    assertEquals(
        List.of(Purpose.ANALYTICS, Purpose.PERSONALISATION, Purpose.ADVERTISING),
        Purpose.builtIn());
    assertEquals(Purpose.ADVERTISING, Purpose.of("advertising"));
    assertNotEquals(Purpose.ADVERTISING, Purpose.of("newsletter"));
    assertEquals("consent_newsletter", Purpose.of("newsletter").defaultAttribute());
    assertEquals("analytics", Purpose.ANALYTICS.toString());
  }

  @Test
  void namesThatCannotBeColumnsAreRefused() {
    for (String bad : new String[] {"", "Ads", "1st", "a b", "x".repeat(65), "ads;drop"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Purpose.of(bad), bad);
      assertTrue(e.getMessage().contains("lower case"), e.getMessage());
    }
    assertThrows(NullPointerException.class, () -> Purpose.of(null));
    assertEquals("a-b_9", Purpose.of("a-b_9").name());
  }
}
