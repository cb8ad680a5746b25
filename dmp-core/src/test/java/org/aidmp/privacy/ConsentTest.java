package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentTest {
  @Test
  void carriesStatusAndOptionalTime() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(ConsentStatus.GRANTED, Consent.granted(t).status());
    assertEquals(t, Consent.refused(t).recordedAt().orElseThrow());
    assertTrue(Consent.UNKNOWN.recordedAt().isEmpty());
    assertEquals(ConsentStatus.UNKNOWN, Consent.UNKNOWN.status());
    assertThrows(NullPointerException.class, () -> new Consent(null, t));
  }
}
