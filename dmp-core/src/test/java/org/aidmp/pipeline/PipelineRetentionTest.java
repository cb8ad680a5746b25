package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.privacy.RetentionPolicy;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.state.ExpiryReceipt;
import org.aidmp.state.UserStatePart;
import org.junit.jupiter.api.Test;

/**
 * Retention through a pipeline result with a live updater on the shared store: data past its TTL
 * leaves the store, the live state and the next snapshot; data within its TTL stays.
 */
class PipelineRetentionTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "item"));
  private static final Schema ATTRS = Schema.ofStrings(List.of("user", "tier", "nickname"));
  private static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

  /** "stale-user-51d0" only viewed, in January; the others viewed in January and bought in June. */
  private static final String STALE = "stale-user-51d0";

  private static Source events() {
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 20; u++) {
      String id = u == 7 ? STALE : "u" + u;
      for (int i = 0; i < 3; i++) {
        rows.add(row(rows.size(), id, "2026-01-0" + (1 + i) + "T00:00:00Z", "view", "i" + i));
      }
      if (u != 7) {
        rows.add(row(rows.size(), id, "2026-06-2" + (u % 9) + "T00:00:00Z", "buy", "i" + u % 4));
      }
    }
    return Source.of(RAW, "events.csv", rows);
  }

  private static Record row(int n, String... fields) {
    return Record.of(RAW, new Origin("events.csv", n + 2), (Object[]) fields);
  }

  private static Source attributes() {
    List<Record> rows = new ArrayList<>();
    for (int u = 0; u < 20; u++) {
      String id = u == 7 ? STALE : "u" + u;
      rows.add(
          Record.of(
              ATTRS,
              new Origin("users.csv", u + 2),
              id,
              u % 2 == 0 ? "gold" : "blue",
              "nick-" + u + "-e7"));
    }
    return Source.of(ATTRS, "users.csv", rows);
  }

  private static boolean holds(UserStatePart part, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      part.writeTo(out);
    }
    return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1).contains(text);
  }

  private static boolean holds(FeedbackSnapshot snap, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      snap.write(out);
    }
    return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1).contains(text);
  }

  @Test
  void expiredDataLeavesStoreLiveStateAndTheNextSnapshot() throws IOException {
    PipelineResult result =
        Pipeline.builder()
            .events(events())
            .mapEvents(
                EventMapping.builder()
                    .setUserIdColumn("user")
                    .setTimestampColumn("ts")
                    .setTypeColumn("type")
                    .setItemColumn("item")
                    .get())
            .attributes(attributes(), "user")
            .allowAttributes("tier", "nickname")
            .features(FeatureSpec.DEFAULT)
            .segment(KMeans.builder().setK(2).setSeed(3).get())
            .run();
    ProfileMatrix matrix = result.matrix().orElseThrow();
    KMeansModel model = result.segmentation().orElseThrow().kMeans().orElseThrow();
    RetentionPolicy retention =
        RetentionPolicy.builder()
            .setEventTtl("view", Duration.ofDays(90))
            .setAttributeTtl("nickname", Duration.ofDays(30))
            .get();
    try (FeedbackUpdater live =
        FeedbackUpdater.newBuilder()
            .setConfig(FeedbackConfig.builder().setEventTypes(List.of("view", "buy")).get())
            .setCentroids(model.centroids())
            .setProfileStore(result.profiles())
            .setEncoder(FeatureEncoder.ofProfiles(result.profiles(), matrix.transform()))
            .addUsers(matrix.userIds(), matrix.matrix(), model.labels())
            .build()) {
      List<UserStatePart> everything = new ArrayList<>(result.userStates());
      everything.add(live);
      assertNotNull(live.profile("u3"));
      assertNotNull(live.profile(STALE));
      assertTrue(holds(live.snapshot(), STALE), "the live snapshot holds the user before");
      assertTrue(holds(result.profiles(), "nick-3-e7"));

      ExpiryReceipt r = result.expire(retention, NOW);

      // The store: January views are past 90 days; June buys and tiers (no TTL) stay.
      assertEquals(0, result.profiles().get("u3").orElseThrow().count("view"));
      assertEquals(1, result.profiles().get("u3").orElseThrow().count("buy"));
      assertEquals("blue", result.profiles().get("u3").orElseThrow().attribute("tier"));
      assertEquals(
          "nick-3-e7",
          result.profiles().get("u3").orElseThrow().attribute("nickname"),
          "u3 bought within 30 days: the nickname stays");
      // The stale user had only views: their nickname (TTL) goes with them; the tier has no TTL.
      assertFalse(result.profiles().get(STALE).orElseThrow().hasEvents());
      assertNull(result.profiles().get(STALE).orElseThrow().attribute("nickname"));
      assertEquals(19 * 3 + 3, r.eventsByType().get("view"));
      assertEquals(1, r.attributesByName().get("nickname"));
      assertEquals(20, r.usersTrimmed());

      // The live state: rows computed from the expired views are gone for every trimmed user.
      assertNull(live.profile("u3"), "u3's live row was computed from expired views");
      assertEquals(-1, live.segmentOf(STALE));
      FeedbackSnapshot after = live.snapshot();
      assertFalse(holds(after, STALE), "the next live snapshot holds the stale user");
      assertEquals(0, after.users().size());
      // ...and the next event rebuilds a row from what is left.
      live.accept(new org.aidmp.profile.Event("u3", NOW.toEpochMilli(), "buy", "i1", null, 1));
      assertNotNull(live.profile("u3"));
      assertEquals(0, live.profile("u3").counts()[0], "no expired view counted again");
      assertEquals(2, live.profile("u3").counts()[1]);

      // The next store snapshot: the nickname past its TTL is not in it, the kept one is.
      assertFalse(holds(result.profiles(), "nick-7-e7"));
      assertTrue(holds(result.profiles(), "nick-3-e7"));
      assertTrue(everything.size() > 2);
    }
  }

  @Test
  void usersLeftWithNothingAreForgottenInEveryPart() throws IOException {
    PipelineResult result =
        Pipeline.builder()
            .events(events())
            .mapEvents(
                EventMapping.builder()
                    .setUserIdColumn("user")
                    .setTimestampColumn("ts")
                    .setTypeColumn("type")
                    .setItemColumn("item")
                    .get())
            .features(FeatureSpec.DEFAULT)
            .segment(KMeans.builder().setK(2).setSeed(3).get())
            .run();
    assertTrue(holds(result.matrix().orElseThrow(), STALE));

    ExpiryReceipt r =
        result.expire(
            RetentionPolicy.builder().setEventTtl("view", Duration.ofDays(90)).get(), NOW);

    assertEquals(1, r.usersEmptied(), "only the stale user had nothing but views");
    assertFalse(result.profiles().contains(STALE));
    for (UserStatePart p : result.userStates()) {
      assertFalse(holds(p, STALE), p.partName() + " still holds the emptied user");
    }
    assertEquals(1L, r.partsRemoved().get("profiles"));
    assertEquals(1L, r.partsRemoved().get("matrix"));
    assertEquals(-1, result.matrix().orElseThrow().rowOf(STALE));
    assertTrue(result.matrix().orElseThrow().rowOf("u3") >= 0, "trimmed users keep their row");
  }

  @Test
  void withinTheirTtlNothingIsRemoved() {
    PipelineResult result =
        Pipeline.builder()
            .events(events())
            .mapEvents(
                EventMapping.builder()
                    .setUserIdColumn("user")
                    .setTimestampColumn("ts")
                    .setTypeColumn("type")
                    .get())
            .run();
    ExpiryReceipt r =
        result.expire(
            RetentionPolicy.builder().setEventTtl("view", Duration.ofDays(365)).get(), NOW);
    assertFalse(r.any());
    assertEquals(20, result.profiles().size());
    assertEquals(3, result.profiles().get("u3").orElseThrow().count("view"));
  }

  @Test
  void theLiveUpdaterAppliesAPassToItsStoreAndItself() {
    long now = NOW.toEpochMilli();
    long day = 86_400_000L;
    try (FeedbackUpdater live =
        FeedbackUpdater.newBuilder()
            .setConfig(FeedbackConfig.builder().setEventTypes(List.of("view", "buy")).get())
            .setCentroids(new org.ejml.data.FMatrixRMaj(2, 2, true, 0, 0, 3, 3))
            .setEncoder(
                org.aidmp.feedback.FeatureEncoder.logCounts(new double[2], new double[] {1, 1}))
            .build()) {
      live.accept(new org.aidmp.profile.Event("old", now - 200 * day, "view"));
      live.accept(new org.aidmp.profile.Event("mixed", now - 200 * day, "view"));
      live.accept(new org.aidmp.profile.Event("mixed", now - day, "buy"));
      live.accept(new org.aidmp.profile.Event("fresh", now - day, "view"));
      assertEquals(3, live.size());

      ExpiryReceipt r =
          live.expire(
              RetentionPolicy.builder().setEventTtl("view", Duration.ofDays(90)).get().at(NOW));

      assertEquals(2, r.eventsRemoved());
      assertEquals(1, r.usersEmptied());
      assertFalse(live.profileStore().contains("old"), "nothing left: forgotten");
      assertNull(live.profile("old"));
      assertNull(live.profile("mixed"), "the row built on the expired view is dropped");
      assertEquals(1, live.profileStore().get("mixed").orElseThrow().count("buy"));
      assertNotNull(live.profile("fresh"), "within its TTL: untouched");
      assertEquals(1, live.size());
      assertEquals(1, live.snapshot().users().size());
    }
  }
}
