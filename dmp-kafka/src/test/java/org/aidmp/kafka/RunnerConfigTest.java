package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.feedback.FeedbackConfig;
import org.junit.jupiter.api.Test;

class RunnerConfigTest {
  static RunnerConfig.Builder minimal() {
    return RunnerConfig.builder()
        .setBootstrapServers("127.0.0.1:9092")
        .setGroupId("g")
        .setTopics(List.of("events"))
        .setSnapshotFolder(Path.of("state"))
        .setFeedback(FeedbackConfig.builder().setEventTypes(List.of("view")).get());
  }

  @Test
  void defaults() {
    RunnerConfig c = minimal().get();
    assertEquals("events.dlq", c.deadLetterTopic());
    assertEquals(Delivery.AT_LEAST_ONCE, c.delivery());
    assertEquals(50_000, c.snapshotEvery());
    assertEquals(EventFormat.JSON, c.decoder().format());
    assertEquals(8, c.instanceId().length());
  }

  @Test
  void missingSettingsNameTheSetter() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> RunnerConfig.builder().get());
    assertTrue(e.getMessage().contains("setBootstrapServers"), e.getMessage());
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThrows(IllegalStateException.class, () -> minimal().setDecisionTopic("d").get());
    assertThrows(IllegalStateException.class, () -> minimal().setSegmentTopic("events").get());
    assertThrows(
        IllegalStateException.class,
        () ->
            minimal()
                .setFeedback(
                    FeedbackConfig.builder()
                        .setEventTypes(List.of("view"))
                        .setBadEventPolicy(BadRecordPolicy.FAIL)
                        .get())
                .get());
    assertThrows(IllegalArgumentException.class, () -> minimal().setSnapshotEvery(0));
    assertThrows(IllegalArgumentException.class, () -> minimal().setTopics(List.of()));
    assertThrows(IllegalArgumentException.class, () -> minimal().setThreads(0));
  }
}
