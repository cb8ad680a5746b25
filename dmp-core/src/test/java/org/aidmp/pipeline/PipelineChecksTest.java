package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.knn.Lookalike;
import org.aidmp.profile.EventMapping;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.RecommenderTrainer;
import org.junit.jupiter.api.Test;

class PipelineChecksTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "item"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .get();

  private static Pipeline.Builder pipeline() {
    return Pipeline.builder().events(Source.of(RAW, "events.csv", List.of())).mapEvents(MAPPING);
  }

  private static void refused(Pipeline.Builder b, String named) {
    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertTrue(e.getMessage().contains(named), e.getMessage());
  }

  @Test
  void aStageWithoutTheInputItNeedsIsRefusedNamingTheFix() {
    refused(
        pipeline().lookalike(Lookalike.builder().setTargetSize(10).get()),
        "features(FeatureSpec...)");
    refused(pipeline().interactions(Interactions::builder), "call recommend(...) too");
    refused(pipeline().recommend(RecommenderTrainer.itemKnn(50)), "setItemColumn");
    refused(pipeline().profileOnly("view"), "no recommender");
  }

  @Test
  void aConsistentConfigurationBuilds() {
    EventMapping withItems = MAPPING.toBuilder().setItemColumn("item").get();
    Pipeline p =
        Pipeline.builder()
            .events(Source.of(RAW, "events.csv", List.of()))
            .mapEvents(withItems)
            .recommend(RecommenderTrainer.itemKnn(50))
            .build();
    assertTrue(p.keptAttributes().isEmpty(), "no features and no consent keep no attribute");
  }
}
