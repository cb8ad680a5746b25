package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.clean.Cleaners;
import org.aidmp.clean.Cleaning;
import org.aidmp.clean.ConvertTypes;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Origin;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.kmeans.KMeans;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.stage.Provenance;
import org.aidmp.stage.StageRecord;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "amount"));
  private static final Schema TYPED =
      Schema.builder()
          .add("user", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("type", ColumnType.CATEGORY)
          .add("amount", ColumnType.DOUBLE)
          .build();
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .setValueColumn("amount")
          .setAllowedTypes(List.of("view", "purchase"))
          .get();

  private static Source events(String... rows) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      records.add(
          Record.of(RAW, new Origin("events.csv", i + 2), (Object[]) rows[i].split(",", -1)));
    }
    return Source.of(RAW, "events.csv", records);
  }

  private static Cleaning typing(BadRecordPolicy policy, Quarantine q) {
    Cleaning.Builder b =
        Cleaning.builder()
            .add("types", ConvertTypes.to(TYPED))
            .add("non-negative", Cleaners.range("amount", 0, 1e9))
            .setPolicy(policy);
    return q == null ? b.get() : b.setQuarantine(q).get();
  }

  @Test
  void foldsCleanEventsIntoProfilesAndAccountsForEveryRow() {
    Quarantine.InMemory q = Quarantine.inMemory();
    PipelineResult r =
        Pipeline.builder()
            .events(
                events(
                    "a,2026-01-01T00:00:00Z,view,",
                    "a,2026-01-02T00:00:00Z,purchase,10.5",
                    "b,not a time,view,",
                    "b,2026-01-03T00:00:00Z,purchase,-3",
                    "c,2026-01-03T00:00:00Z,hover,"))
            .cleanEvents(typing(BadRecordPolicy.QUARANTINE, q))
            .mapEvents(MAPPING)
            .badRecords(BadRecordPolicy.QUARANTINE, q)
            .run();

    assertEquals(5, r.eventCleaning().read());
    assertEquals(2, r.eventCleaning().quarantined(), "bad time and negative amount");
    assertEquals(1, r.eventMapping().quarantined(), "unknown event type");
    PipelineResult.RowAccount account = r.eventAccount();
    assertEquals(new PipelineResult.RowAccount(5, 2, 3, 0), account);
    assertTrue(account.balanced());
    assertEquals(3, q.size());
    List<Long> lines = q.records().stream().map(QuarantinedRecord::line).sorted().toList();
    assertEquals(List.of(4L, 5L, 6L), lines);

    UserProfile a = r.profiles().get("a").orElseThrow();
    assertEquals(2, a.eventCount());
    assertEquals(10.5, a.value("purchase"), 1e-9);
    assertFalse(r.profiles().contains("b"));
    assertTrue(r.matrix().isEmpty(), "no feature spec, no matrix");
  }

  @Test
  void failPolicyStopsAtTheFirstBadRowWithItsLine() {
    Pipeline p =
        Pipeline.builder()
            .events(events("a,2026-01-01T00:00:00Z,view,", "b,2026-01-01T00:00:00Z,hover,"))
            .mapEvents(MAPPING)
            .build();
    BadRecordException e = assertThrows(BadRecordException.class, p::run);
    assertEquals(3, e.line());
    assertEquals("events.csv", e.source());
  }

  @Test
  void joinsAttributesAndBuildsFeatures() {
    Schema attrs = Schema.builder().add("id", ColumnType.STRING).add("age", ColumnType.INT).build();
    Source users =
        Source.of(
            attrs, "users.csv", List.of(Record.of(attrs, "a", 30), Record.of(attrs, "b", 50)));
    PipelineResult r =
        Pipeline.builder()
            .events(events("a,2026-01-01T00:00:00Z,view,", "b,2026-01-02T00:00:00Z,purchase,5"))
            .cleanEvents(typing(BadRecordPolicy.FAIL, null))
            .mapEvents(MAPPING)
            .attributes(users, "id")
            .features(FeatureSpec.builder().setNumericAttributes(List.of("age")).get())
            .seed(7)
            .run();

    assertEquals(30, r.profiles().get("a").orElseThrow().attribute("age"));
    assertEquals(2, r.attributeJoin().orElseThrow().accepted());
    assertEquals(2, r.matrix().orElseThrow().rows());
    assertTrue(r.matrix().orElseThrow().featureNames().contains("attr:age"));
    Provenance prov = r.provenance();
    assertEquals(7, prov.seed());
    assertEquals(List.of("users.csv", "events.csv"), prov.inputs());
    assertEquals(
        List.of("clean+join attributes", "clean+profile events", "features"),
        prov.stages().stream().map(StageRecord::name).toList());
    assertEquals(2, prov.stage("features").rowsOut());
    assertFalse(prov.kernels().isEmpty());
    assertTrue(prov.format().contains("seed 7"));
  }

  @Test
  void segmentsUsersAndDescribesPersonas() {
    List<String> rows = new ArrayList<>();
    for (int u = 0; u < 20; u++) {
      boolean buyer = u % 2 == 0;
      for (int e = 0; e < (buyer ? 6 : 2); e++) {
        rows.add(
            "u"
                + u
                + ",2026-01-0"
                + (1 + e % 5)
                + "T00:00:00Z,"
                + (buyer ? "purchase,20" : "view,"));
      }
    }
    PipelineResult r =
        Pipeline.builder()
            .events(events(rows.toArray(new String[0])))
            .cleanEvents(typing(BadRecordPolicy.FAIL, null))
            .mapEvents(MAPPING)
            .features(FeatureSpec.DEFAULT)
            .segment(KMeans.builder().setK(2).setSeed(3).get())
            .run();

    Segmentation s = r.segmentation().orElseThrow();
    assertEquals(2, s.k());
    int buyers = s.segmentOf("u0");
    int viewers = s.segmentOf("u1");
    assertTrue(buyers != viewers);
    for (int u = 0; u < 20; u++) {
      assertEquals(u % 2 == 0 ? buyers : viewers, s.segmentOf("u" + u), "user u" + u);
    }
    assertEquals(2, s.personas().size());
    assertEquals(10, s.personas().get(0).size());
    assertFalse(s.personas().get(0).traits().isEmpty());
    assertEquals(20, r.provenance().stage("segment").rowsIn());
    assertThrows(IllegalArgumentException.class, () -> s.segmentOf("nobody"));
  }

  @Test
  void segmentingNeedsFeatures() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(MAPPING)
                    .segment(KMeans.builder().setK(2).get())
                    .build());
    assertTrue(e.getMessage().contains("features"), e.getMessage());
  }

  @Test
  void eachOptionCanBeSetOnlyOnce() {
    Pipeline.Builder b = Pipeline.builder().events(events()).seed(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.events(events()));
    assertTrue(e.getMessage().contains("events was already set"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> b.seed(2));
  }

  @Test
  void missingRequiredPartsAreNamed() {
    IllegalStateException noEvents =
        assertThrows(
            IllegalStateException.class, () -> Pipeline.builder().mapEvents(MAPPING).build());
    assertTrue(noEvents.getMessage().contains("events(source)"), noEvents.getMessage());
    IllegalStateException noMapping =
        assertThrows(
            IllegalStateException.class, () -> Pipeline.builder().events(events()).build());
    assertTrue(noMapping.getMessage().contains("mapEvents"), noMapping.getMessage());
    IllegalStateException noQuarantine =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(events())
                    .mapEvents(MAPPING)
                    .badRecords(BadRecordPolicy.QUARANTINE, null)
                    .build());
    assertTrue(noQuarantine.getMessage().contains("quarantine"), noQuarantine.getMessage());
  }

  @Test
  void aMappingThatDoesNotFitTheCleanedSchemaFailsBeforeReading() {
    EventMapping wrong = MAPPING.toBuilder().setUserIdColumn("customer").get();
    assertThrows(
        IllegalArgumentException.class,
        () -> Pipeline.builder().events(events()).mapEvents(wrong).build());
  }

  @Test
  void aPipelineRunsTwiceWithFreshProfiles() {
    Pipeline p =
        Pipeline.builder()
            .events(events("a,2026-01-01T00:00:00Z,view,"))
            .mapEvents(MAPPING)
            .build();
    PipelineResult first = p.run();
    PipelineResult second = p.run();
    assertEquals(1, first.profiles().get("a").orElseThrow().eventCount());
    assertEquals(1, second.profiles().get("a").orElseThrow().eventCount());
    assertTrue(!second.provenance().started().isBefore(first.provenance().started()));
    assertTrue(first.provenance().started().isBefore(Instant.now().plusSeconds(1)));
  }

  private static final Schema ITEM_EVENTS = Schema.ofStrings(List.of("user", "ts", "type", "item"));

  /** Six users viewing and buying items; every user also has one event of {@code extraType}. */
  private static Source itemEvents(String extraType) {
    List<Record> rows = new ArrayList<>();
    int line = 2;
    for (int u = 0; u < 6; u++) {
      for (int i = 0; i < 3; i++) {
        String type = i == 2 ? "purchase" : "view";
        rows.add(
            Record.of(
                ITEM_EVENTS,
                new Origin("events.csv", line++),
                "u" + u,
                "2026-01-0" + (1 + i) + "T00:00:00Z",
                type,
                "i" + ((u + i) % 4)));
      }
      rows.add(
          Record.of(
              ITEM_EVENTS,
              new Origin("events.csv", line++),
              "u" + u,
              "2026-01-05T00:00:00Z",
              extraType,
              "x" + u));
    }
    return Source.of(ITEM_EVENTS, "events.csv", rows);
  }

  private static EventMapping itemMapping(List<String> allowedTypes) {
    EventMapping.Builder b =
        EventMapping.builder()
            .setUserIdColumn("user")
            .setTimestampColumn("ts")
            .setTypeColumn("type")
            .setItemColumn("item");
    return allowedTypes == null ? b.get() : b.setAllowedTypes(allowedTypes).get();
  }

  @Test
  void anAllowedTypeWithoutARecommenderWeightFailsTheBuildNotTheRun() {
    EventMapping mapping = itemMapping(List.of("view", "purchase", "pageview"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Pipeline.builder()
                    .events(itemEvents("pageview"))
                    .mapEvents(mapping)
                    .recommend(RecommenderTrainer.itemKnn(3))
                    .build());
    assertTrue(e.getMessage().contains("'pageview'"), e.getMessage());
    assertTrue(e.getMessage().contains("profileOnly"), e.getMessage());

    // a weight makes it count in the interactions
    PipelineResult weighed =
        Pipeline.builder()
            .events(itemEvents("pageview"))
            .mapEvents(mapping)
            .recommend(RecommenderTrainer.itemKnn(3))
            .interactions(() -> Interactions.builder().setWeight("pageview", 0.5f))
            .run();
    assertEquals(24, weighed.provenance().stage("recommend").rowsIn());
  }

  @Test
  void aProfileOnlyTypeStaysInProfilesAndOutOfRecommendations() {
    PipelineResult r =
        Pipeline.builder()
            .events(itemEvents("pageview"))
            .mapEvents(itemMapping(List.of("view", "purchase", "pageview")))
            .recommend(RecommenderTrainer.itemKnn(3))
            .profileOnly("pageview")
            .run();
    assertEquals(1, r.profiles().get("u0").orElseThrow().count("pageview"));
    assertEquals(4, r.profiles().get("u0").orElseThrow().eventCount());
    // 6 users × 3 view/purchase pairs; the 6 page views stay out
    assertEquals(18, r.provenance().stage("recommend").rowsIn());
  }

  @Test
  void profileOnlyMustNameAnAllowedTypeAndNeedsARecommender() {
    assertThrows(
        IllegalStateException.class,
        () ->
            Pipeline.builder()
                .events(itemEvents("pageview"))
                .mapEvents(itemMapping(List.of("view", "purchase", "pageview")))
                .recommend(RecommenderTrainer.itemKnn(3))
                .profileOnly("pageveiw")
                .build());
    assertThrows(
        IllegalStateException.class,
        () ->
            Pipeline.builder()
                .events(itemEvents("pageview"))
                .mapEvents(itemMapping(null))
                .profileOnly("pageview")
                .build());
  }

  @Test
  void withoutATypeListAnUnweightedTypeIsKeptForProfilesOnlyAndTheRunCompletes() {
    PipelineResult r =
        Pipeline.builder()
            .events(itemEvents("wishlist"))
            .mapEvents(itemMapping(null))
            .recommend(RecommenderTrainer.itemKnn(3))
            .run();
    assertEquals(1, r.profiles().get("u3").orElseThrow().count("wishlist"));
    assertEquals(18, r.provenance().stage("recommend").rowsIn());
    assertFalse(r.recommender().orElseThrow().recommend("u3", 3).isEmpty());
  }
}
