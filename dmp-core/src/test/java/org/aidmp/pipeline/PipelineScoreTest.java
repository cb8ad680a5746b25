package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.predict.ScoreAudience;
import org.aidmp.predict.ScoreStage;
import org.aidmp.predict.Scores;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.stage.ScoreModel;
import org.aidmp.stage.StageRecord;
import org.aidmp.state.ForgetReceipt;
import org.junit.jupiter.api.Test;

/** The score stage: scores per purpose on the result, read by audiences, cleared by forget. */
class PipelineScoreTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type"));
  private static final Schema ATTRS =
      Schema.ofStrings(
          List.of("user", "consent_analytics", "consent_personalisation", "consent_advertising"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .get();

  private static Source events() {
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 8; u++) {
      for (int i = 0; i <= u % 4; i++) {
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", rows.size() + 2),
                "u" + u,
                "2026-01-0" + (1 + i) + "T00:00:00Z",
                i % 2 == 0 ? "view" : "purchase"));
      }
    }
    return Source.of(RAW, "events.csv", rows);
  }

  /** u0–u5 allow analytics; u0–u2 personalisation; u0, u3, u7 advertising; u6 refuses all. */
  private static Source attributes() {
    String[][] answers = {
      {"yes", "yes", "yes"},
      {"yes", "yes", "no"},
      {"yes", "yes", "no"},
      {"yes", "no", "yes"},
      {"yes", "no", "no"},
      {"yes", "no", "no"},
      {"no", "no", "no"},
      {"no", "no", "yes"}
    };
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < answers.length; u++) {
      rows.add(
          Record.of(
              ATTRS,
              new Origin("users.csv", u + 2),
              "u" + u,
              answers[u][0],
              answers[u][1],
              answers[u][2]));
    }
    return Source.of(ATTRS, "users.csv", rows);
  }

  private static Pipeline.Builder base() {
    return Pipeline.builder()
        .events(events())
        .mapEvents(MAPPING)
        .attributes(attributes(), "user")
        .features(FeatureSpec.DEFAULT)
        .consent(ConsentPolicy.DEFAULT);
  }

  private static ScoreModel weighted(int d) {
    return new ScoreModel() {
      @Override
      public int dimensions() {
        return d;
      }

      @Override
      public double score(float[] row, int offset) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (j + 1) * row[offset + j];
        }
        return s;
      }
    };
  }

  @Test
  void scoresEveryUserAllowedForEachStagesPurposeAndOnlyThem() {
    int d = base().run().matrix().orElseThrow().cols();
    ScoreModel model = weighted(d);
    PipelineResult r =
        base()
            .score(ScoreStage.builder("propensity", model).get())
            .score(ScoreStage.builder("ads", model).setPurpose(Purpose.ADVERTISING).get())
            .run();
    Scores p = r.scores("propensity").orElseThrow();
    Scores ads = r.scores("ads").orElseThrow();
    assertEquals(Set.of("u0", "u1", "u2"), Set.copyOf(p.userIds()), "personalisation");
    assertEquals(
        Set.of("u0", "u3", "u7"),
        Set.copyOf(ads.userIds()),
        "advertising, u7 too though not in the analytics matrix");
    assertTrue(r.scores("churn").isEmpty());
    assertEquals(List.of(p, ads), r.scores());
    ProfileMatrix m = r.matrix().orElseThrow();
    for (String id : List.of("u0", "u1", "u2")) {
      assertEquals(
          model.score(m.matrix().data, m.rowOf(id) * d),
          p.scoreOf(id).orElseThrow(),
          0,
          "a scored row is the feature row the matrix holds");
    }
    StageRecord stage = r.provenance().stage("score propensity");
    assertEquals(3, stage.rowsOut());
  }

  @Test
  void forgettingAUserRemovesTheirScoresAndAudiencesNoLongerHoldThem() {
    int d = base().run().matrix().orElseThrow().cols();
    PipelineResult r =
        base()
            .score(ScoreStage.builder("ads", weighted(d)).setPurpose(Purpose.ADVERTISING).get())
            .run();
    Scores ads = r.scores("ads").orElseThrow();
    ScoreAudience rule = ScoreAudience.builder().setMinGroupSize(1).get();
    assertTrue(rule.top(ads, 1.0).userIds().contains("u0"));
    ForgetReceipt receipt = r.forget("u0");
    ForgetReceipt.PartErasure part =
        receipt.parts().stream()
            .filter(x -> x.part().equals("scores:ads"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, part.removed());
    assertTrue(ads.scoreOf("u0").isEmpty());
    assertFalse(rule.top(ads, 1.0).userIds().contains("u0"));
    assertFalse(rule.above(ads, Double.NEGATIVE_INFINITY).userIds().contains("u0"));
    assertEquals(2, ads.size());
  }

  @Test
  void aScoreWithoutFeaturesOrTransformIsRefusedAtBuild() {
    ScoreModel model = weighted(3);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(MAPPING)
                    .score(ScoreStage.builder("p", model).get())
                    .build());
    assertTrue(e.getMessage().contains("features"), e.getMessage());
  }

  @Test
  void twoScoresOfOneNameAreRefused() {
    ScoreModel model = weighted(3);
    Pipeline.Builder b = base().score(ScoreStage.builder("p", model).get());
    assertThrows(IllegalStateException.class, () -> b.score(ScoreStage.builder("p", model).get()));
  }

  @Test
  void aModelOfAnotherWidthFailsTheRunWithAFix() {
    int d = base().run().matrix().orElseThrow().cols();
    Pipeline p = base().score(ScoreStage.builder("p", weighted(d + 2)).get()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::run);
    assertTrue(e.getMessage().contains("feature spec"), e.getMessage());
  }

  @Test
  void expiryThatEmptiesAUserRemovesTheirScore() {
    Pipeline.Builder noConsent =
        Pipeline.builder().events(events()).mapEvents(MAPPING).features(FeatureSpec.DEFAULT);
    int d = noConsent.run().matrix().orElseThrow().cols();
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .features(FeatureSpec.DEFAULT)
            .score(ScoreStage.builder("p", weighted(d)).get())
            .run();
    Scores p = r.scores("p").orElseThrow();
    assertEquals(8, p.size());
    // u0 and u4 only viewed; everyone else also bought, which this policy keeps.
    r.expire(
        org.aidmp.privacy.RetentionPolicy.builder()
            .setEventTtl("view", java.time.Duration.ofDays(90))
            .get(),
        java.time.Instant.parse("2026-06-30T00:00:00Z"));
    assertTrue(p.scoreOf("u0").isEmpty());
    assertTrue(p.scoreOf("u4").isEmpty());
    assertTrue(p.scoreOf("u1").isPresent(), "a user who keeps a profile keeps the score");
    assertEquals(6, p.size());
  }
}
