package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Origin;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.profile.Event;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.state.ForgetReceipt;
import org.aidmp.state.UserStatePart;
import org.junit.jupiter.api.Test;

/**
 * A batch result and the live updater built from it share one profile store and one user-state
 * list: one call forgets a user in every part, no part's snapshot holds the id afterwards, and a
 * late live event starts a fresh profile instead of bringing the old one back.
 */
class PipelineLiveForgetTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "item"));
  private static final String TARGET = "late-user-9c41";

  private static Source events() {
    List<Record> rows = new ArrayList<>();
    int line = 2;
    for (int u = 0; u < 30; u++) {
      String id = u == 5 ? TARGET : "u" + u;
      for (int i = 0; i < 4; i++) {
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", line++),
                id,
                "2026-01-0" + (1 + i) + "T00:00:00Z",
                i % 2 == 0 ? "view" : "purchase",
                (u % 2 == 0 ? "b" : "g") + i));
      }
    }
    return Source.of(RAW, "events.csv", rows);
  }

  private static boolean holds(UserStatePart part, String id) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      part.writeTo(out);
    }
    return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1).contains(id);
  }

  @Test
  void oneCallForgetsTheUserInTheBatchPartsAndTheLiveState() throws IOException {
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
            .badRecords(BadRecordPolicy.QUARANTINE, Quarantine.inMemory())
            .features(FeatureSpec.DEFAULT)
            .segment(KMeans.builder().setK(2).setSeed(1).get())
            .recommend(RecommenderTrainer.itemKnn(3))
            .run();
    ProfileMatrix matrix = result.matrix().orElseThrow();
    KMeansModel model = result.segmentation().orElseThrow().kMeans().orElseThrow();
    try (FeedbackUpdater live =
        FeedbackUpdater.newBuilder()
            .setConfig(FeedbackConfig.builder().setEventTypes(List.of("view", "purchase")).get())
            .setCentroids(model.centroids())
            .setProfileStore(result.profiles())
            .setEncoder(FeatureEncoder.ofProfiles(result.profiles(), matrix.transform()))
            .addUsers(matrix.userIds(), matrix.matrix(), model.labels())
            .build()) {
      List<UserStatePart> everything = new ArrayList<>(result.userStates());
      everything.add(live);
      long t = 1_767_500_000_000L;
      assertTrue(live.accept(new Event(TARGET, t, "purchase", "b9", null, 12.5)));
      assertEquals(5, result.profiles().get(TARGET).orElseThrow().eventCount());
      for (UserStatePart p : everything) {
        // Labels carry no ids (the matrix does); the quarantine is empty in this run.
        if (!p.partName().equals("segments") && !p.partName().equals("quarantine")) {
          assertTrue(holds(p, TARGET), p.partName() + " should hold the user before");
        }
      }

      ForgetReceipt receipt = UserStatePart.forgetAll(everything, TARGET);

      assertTrue(receipt.removed() > 0);
      for (ForgetReceipt.PartErasure e : receipt.parts()) {
        // The live state goes with the shared store's forget (through its listener), before the
        // updater is asked itself; the quarantine was empty.
        if (!e.part().equals("quarantine") && !e.part().equals("live")) {
          assertTrue(e.removed() > 0, e.part() + " removed nothing");
        }
      }
      for (UserStatePart p : everything) {
        assertFalse(holds(p, TARGET), p.partName() + " still holds the user");
      }
      assertEquals(-1, live.segmentOf(TARGET), "no live segment after forgetting");
      assertEquals(null, live.profile(TARGET), "no live row after forgetting");

      assertTrue(live.accept(new Event(TARGET, t + 1000, "view")), "a late event is accepted");
      assertEquals(
          1,
          result.profiles().get(TARGET).orElseThrow().eventCount(),
          "the late event starts a fresh profile; the old four events stay forgotten");
    }
  }
}
