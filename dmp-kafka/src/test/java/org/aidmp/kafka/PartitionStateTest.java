package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.aidmp.campaign.CampaignConfig;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.campaign.Choice;
import org.aidmp.campaign.Outcome;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.profile.Event;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class PartitionStateTest {
  private static FeedbackSnapshot feedback() {
    FeatureEncoder enc = FeatureEncoder.logCounts(new double[] {0, 0}, new double[] {1, 1});
    FeedbackConfig cfg = FeedbackConfig.builder().setEventTypes(List.of("a", "b")).get();
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(cfg)
            .setCentroids(new FMatrixRMaj(1, 2))
            .setEncoder(enc)
            .build()) {
      u.accept(new Event("u", 1000, "a"));
      return u.snapshot();
    }
  }

  private static List<Choice> serve(CampaignOptimizer o, int requests) {
    List<Choice> out = new java.util.ArrayList<>();
    for (int i = 0; i < requests; i++) {
      Choice c = o.choose(i % 2, "user-" + i);
      o.record(c, Outcome.IMPRESSION);
      if (i % 7 == 0) {
        o.record(c, Outcome.CLICK);
      }
      out.add(c);
    }
    return out;
  }

  @Test
  void theCampaignComesBackAndContinuesTheSameSequence() throws Exception {
    CampaignOptimizer live =
        CampaignOptimizer.create(
            CampaignConfig.builder()
                .setArms(List.of("a", "b", "c"))
                .setSegments(2)
                .setSeed(5)
                .get());
    serve(live, 300);
    PartitionState saved =
        new PartitionState(
            42, 3, new PartitionState.Account(10, 8, 1, 1), feedback(), List.of(), live.copy());
    byte[] bytes = saved.toBytes();

    PartitionState back = PartitionState.fromBytes(bytes);

    assertEquals(42, back.nextOffset());
    assertEquals(saved.account(), back.account());
    assertArrayEquals(bytes, back.toBytes(), "the state reads back to the same bytes");
    assertEquals(serve(live, 200), serve(back.campaign(), 200));
  }

  @Test
  void aPartitionWithoutCampaignHasNone() throws Exception {
    PartitionState saved =
        new PartitionState(
            7, 1, new PartitionState.Account(0, 0, 0, 0), feedback(), List.of(), null);
    assertNull(PartitionState.fromBytes(saved.toBytes()).campaign());
  }
}
