package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.knn.Lookalike;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.PseudonymKey;
import org.aidmp.privacy.Pseudonymizer;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.RecommenderTrainer;
import org.junit.jupiter.api.Test;

/** Consent per purpose reaches each stage; pseudonyms replace ids at intake. */
class PipelinePrivacyTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "item"));
  private static final Schema ATTRS =
      Schema.ofStrings(
          List.of("user", "consent_analytics", "consent_personalisation", "consent_advertising"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .setItemColumn("item")
          .get();

  private static Source events() {
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 8; u++) {
      for (int i = 0; i < 3; i++) {
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", rows.size() + 2),
                "u" + u,
                "2026-01-0" + (1 + i) + "T00:00:00Z",
                "view",
                "i" + ((u + i) % 5)));
      }
    }
    return Source.of(RAW, "events.csv", rows);
  }

  /** u0–u5 allow analytics; u0–u2 personalisation; u0, u3 advertising; u6 refuses; u7 silent. */
  private static Source attributes() {
    String[][] answers = {
      {"yes", "yes", "yes"},
      {"yes", "yes", "no"},
      {"true", "1", "0"},
      {"yes", "no", "yes"},
      {"yes", "", "maybe"},
      {"yes", "false", ""},
      {"no", "no", "no"},
      {"", "", ""}
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

  @Test
  void eachStageSeesOnlyTheUsersAllowedForItsPurposeAndUnknownIsNo() {
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .attributes(attributes(), "user")
            .features(FeatureSpec.DEFAULT)
            .recommend(RecommenderTrainer.itemKnn(2))
            .lookalike(Lookalike.builder().setTargetSize(2).get())
            .consent(ConsentPolicy.DEFAULT)
            .run();
    assertEquals(
        Set.of("u0", "u1", "u2", "u3", "u4", "u5"),
        Set.copyOf(r.matrix().orElseThrow().userIds()),
        "analytics");
    assertEquals(
        Set.of("u0", "u1", "u2"),
        Set.copyOf(r.recommender().orElseThrow().interactions().userIds()),
        "personalisation");
    assertEquals(Set.of("u0", "u3"), Set.copyOf(r.lookalikes().orElseThrow().index().ids()));
    assertEquals(8, r.profiles().size(), "everyone keeps a profile for consent given later");
  }

  @Test
  void pseudonymsReplaceIdsInProfilesAndModels() {
    Pseudonymizer p = Pseudonymizer.of(PseudonymKey.of("k1", new byte[32]));
    PipelineResult r =
        Pipeline.builder()
            .events(events())
            .mapEvents(MAPPING)
            .attributes(attributes(), "user")
            .features(FeatureSpec.DEFAULT)
            .recommend(RecommenderTrainer.itemKnn(2))
            .pseudonymize(p)
            // No feature or consent policy reads it, so it must be allowed to be kept.
            .allowAttributes("consent_analytics")
            .run();
    assertEquals(8, r.profiles().size());
    for (UserProfile u : r.profiles()) {
      assertTrue(p.isPseudonym(u.userId()), "not a pseudonym: " + u.userId().length() + " chars");
    }
    assertTrue(r.profiles().contains(p.pseudonym("u3")));
    assertFalse(r.profiles().contains("u3"));
    assertEquals(
        "yes",
        String.valueOf(
            r.profiles().get(p.pseudonym("u3")).orElseThrow().attribute("consent_analytics")),
        "attributes join the pseudonymised events");
    assertTrue(r.recommender().orElseThrow().interactions().userIndex(p.pseudonym("u0")) >= 0);
    assertEquals(-1, r.matrix().orElseThrow().rowOf("u0"));
  }
}
