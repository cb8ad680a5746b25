package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.aidmp.audience.Audience;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.knn.Lookalike;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.Scaling;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.junit.jupiter.api.Test;

/** The recommend and lookalike stages of the pipeline. */
class PipelineStagesTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "item"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .setItemColumn("item")
          .get();

  /**
   * Two tastes: even users view books b0..b3, odd users view games g0..g3; each user misses one
   * item of their taste, which is what a recommender should offer. One row has a bad time.
   */
  private static Source events() {
    List<Record> rows = new ArrayList<>();
    int line = 2;
    for (int u = 0; u < 12; u++) {
      String prefix = u % 2 == 0 ? "b" : "g";
      for (int i = 0; i < 4; i++) {
        if (i == u % 4) {
          continue;
        }
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", line++),
                "u" + u,
                "2026-01-0" + (1 + i) + "T00:00:00Z",
                "view",
                prefix + i));
      }
    }
    rows.add(Record.of(RAW, new Origin("events.csv", line), "u0", "soon", "view", "b9"));
    return Source.of(RAW, "events.csv", rows);
  }

  @Test
  void recommendStageTrainsOnTheSameEventsTheProfilesSaw() {
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .badRecords(org.aidmp.data.BadRecordPolicy.SKIP, null)
            .recommend(RecommenderTrainer.itemKnn(5))
            .run();

    Recommender model = r.recommender().orElseThrow();
    Interactions x = model.interactions();
    assertEquals(12, x.userCount());
    assertEquals(8, x.itemCount(), "the bad row's item b9 must not be in the catalogue");
    assertEquals(r.eventMapping().accepted(), x.nonZeros());
    List<Recommendation> recs = model.recommend("u0", 1);
    assertEquals("b0", recs.get(0).itemId(), "u0 has seen b1..b3 and misses b0");
    assertEquals(x.nonZeros(), r.provenance().stage("recommend").rowsIn());
  }

  @Test
  void interactionWeightsCanBeConfigured() {
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .badRecords(org.aidmp.data.BadRecordPolicy.SKIP, null)
            .recommend(RecommenderTrainer.itemKnn(5))
            .interactions(() -> Interactions.builder().setWeight("view", 7))
            .run();
    Interactions x = r.recommender().orElseThrow().interactions();
    assertEquals(7f, x.weight(x.userIndex("u1"), x.itemIndex("g0")));
  }

  @Test
  void lookalikeStageExpandsASeedAudience() {
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            // Items double as categories, so a user's affinities are their taste.
            .mapEvents(
                EventMapping.builder()
                    .setUserIdColumn("user")
                    .setTimestampColumn("ts")
                    .setTypeColumn("type")
                    .setCategoryColumn("item")
                    .get())
            .badRecords(org.aidmp.data.BadRecordPolicy.SKIP, null)
            .features(
                FeatureSpec.builder()
                    .setGroups(EnumSet.of(FeatureSpec.FeatureGroup.CATEGORY_AFFINITY))
                    .setScaling(Scaling.NONE)
                    .get())
            .lookalike(Lookalike.builder().setTargetSize(3).get())
            .run();
    Lookalikes lookalikes = r.lookalikes().orElseThrow();
    assertEquals(12, lookalikes.index().size());
    Audience audience = lookalikes.expand(List.of("u0"));
    assertEquals(3, audience.size());
    Set<String> members =
        audience.members().stream().map(Audience.Member::userId).collect(Collectors.toSet());
    assertFalse(members.contains("u0"), "seeds are excluded");
    for (String m : members) {
      assertEquals(0, Integer.parseInt(m.substring(1)) % 2, m + " should share u0's taste");
    }
    assertThrows(IllegalArgumentException.class, () -> lookalikes.expand(List.of()));
  }

  @Test
  void stagesThatNeedSomethingSayWhat() {
    IllegalStateException noFeatures =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(MAPPING)
                    .lookalike(Lookalike.builder().setTargetSize(3).get())
                    .build());
    assertTrue(noFeatures.getMessage().contains("features"), noFeatures.getMessage());
    EventMapping noItems =
        EventMapping.builder()
            .setUserIdColumn("user")
            .setTimestampColumn("ts")
            .setTypeColumn("type")
            .get();
    IllegalStateException noItem =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(noItems)
                    .recommend(RecommenderTrainer.itemKnn(50))
                    .build());
    assertTrue(noItem.getMessage().contains("setItemColumn"), noItem.getMessage());
    IllegalStateException unused =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(MAPPING)
                    .interactions(Interactions::builder)
                    .build());
    assertTrue(unused.getMessage().contains("recommend"), unused.getMessage());
  }

  @Test
  void usersWithoutConsentAreLeftOutOfEverythingLearnt() {
    Schema attrs = Schema.ofStrings(List.of("id", "consent"));
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      // u0..u3 opted out; u11 has no attribute row at all, and is judged by its events alone.
      if (u != 11) {
        rows.add(Record.of(attrs, "u" + u, u < 4 ? "no" : "yes"));
      }
    }
    Source users = Source.of(attrs, "users.csv", rows);
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(
                EventMapping.builder()
                    .setUserIdColumn("user")
                    .setTimestampColumn("ts")
                    .setTypeColumn("type")
                    .setItemColumn("item")
                    .get())
            .attributes(users, "id")
            .badRecords(org.aidmp.data.BadRecordPolicy.SKIP, null)
            .features(
                FeatureSpec.builder()
                    .setGroups(EnumSet.of(FeatureSpec.FeatureGroup.TYPE_COUNTS))
                    .get())
            .recommend(RecommenderTrainer.itemKnn(5))
            .lookalike(Lookalike.builder().setTargetSize(3).get())
            .consent(p -> !"no".equals(p.attribute("consent")))
            // A predicate's attributes are not known to the pipeline: keep the column it reads.
            .allowAttributes("consent")
            .run();

    Set<String> modelled = Set.of("u4", "u5", "u6", "u7", "u8", "u9", "u10", "u11");
    assertEquals(modelled, Set.copyOf(r.matrix().orElseThrow().userIds()));
    assertEquals(modelled, Set.copyOf(r.recommender().orElseThrow().interactions().userIds()));
    assertEquals(modelled, Set.copyOf(r.lookalikes().orElseThrow().index().ids()));
    assertEquals(12, r.profiles().size(), "profiles are kept for everyone");
    assertEquals(8, r.provenance().stage("features").rowsOut(), "only consenting users get a row");
    // u11, known to the store only through their events, counts with all of them.
    Interactions x = r.recommender().orElseThrow().interactions();
    assertEquals(3, x.userDegree(x.userIndex("u11")));
  }
}
