package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.junit.jupiter.api.Test;

class FeedbackConfigTest {
  @Test
  void defaultsAndToBuilder() {
    FeedbackConfig c = FeedbackConfig.builder().setEventTypes(List.of("view", "buy")).get();
    assertTrue(c.drift());
    assertEquals(100_000, c.halfLife());
    assertEquals(1024, c.driftBatch());
    assertEquals(BadRecordPolicy.SKIP, c.badEventPolicy());
    assertEquals(Duration.ofDays(1), c.maxFutureSkew());
    FeedbackConfig d = c.toBuilder().setHalfLife(10).get();
    assertEquals(10, d.halfLife());
    assertEquals(c.eventTypes(), d.eventTypes());
    assertEquals(c.toString(), c.toBuilder().get().toString());
  }

  @Test
  void settersRejectBadValuesNamingThem() {
    FeedbackConfig.Builder b = FeedbackConfig.builder();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.setHalfLife(0));
    assertTrue(
        e.getMessage().contains("(0)") && e.getMessage().contains("setDrift(false)"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.setDriftBatch(0));
    assertThrows(IllegalArgumentException.class, () -> b.setEventTypes(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> b.setEventTypes(List.of()));
    assertThrows(IllegalArgumentException.class, () -> b.setMaxFutureSkew(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.setListenerQueueCapacity(0));
  }

  @Test
  void eventTypesAreRequired() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FeedbackConfig.builder().get());
    assertTrue(e.getMessage().contains("setEventTypes"), e.getMessage());
  }
}
