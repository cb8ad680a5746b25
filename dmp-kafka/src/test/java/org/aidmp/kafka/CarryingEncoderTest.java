package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.feedback.LiveUser;
import org.aidmp.profile.Event;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class CarryingEncoderTest {
  /** After a model switch the encoder sees carried + live counts, as if there were no switch. */
  @Test
  void encodesTheWholeHistory() {
    FeatureEncoder enc = FeatureEncoder.logCounts(new double[] {0, 0}, new double[] {1, 1});
    FeedbackConfig cfg = FeedbackConfig.builder().setEventTypes(List.of("a", "b")).get();
    FMatrixRMaj c = new FMatrixRMaj(1, 2);
    try (FeedbackUpdater whole =
            FeedbackUpdater.newBuilder().setConfig(cfg).setCentroids(c).setEncoder(enc).build();
        FeedbackUpdater first =
            FeedbackUpdater.newBuilder().setConfig(cfg).setCentroids(c).setEncoder(enc).build()) {
      for (int i = 0; i < 5; i++) {
        Event e = new Event("u", 1000 + i, i % 2 == 0 ? "a" : "b");
        whole.accept(e);
        first.accept(e);
      }
      LiveUser carried = first.snapshot().users().get(0);
      try (FeedbackUpdater second =
          FeedbackUpdater.newBuilder()
              .setConfig(cfg)
              .setCentroids(c)
              .setEncoder(new CarryingEncoder(enc, Map.of("u", carried)))
              .addUser("u", carried.row(), 0)
              .build()) {
        Event e = new Event("u", 2000, "a", null, null, 2.0);
        whole.accept(e);
        second.accept(e);
        LiveUser w = whole.snapshot().users().get(0);
        LiveUser s = second.snapshot().users().get(0);
        assertArrayEquals(w.row(), s.row(), "rows");
        LiveUser sum = CarryingEncoder.add(carried, s);
        assertArrayEquals(w.counts(), sum.counts());
        assertEquals(w.events(), sum.events());
        assertEquals(w.firstSeen(), sum.firstSeen());
        assertEquals(w.lastSeen(), sum.lastSeen());
      }
    }
  }
}
