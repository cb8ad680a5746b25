package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Origin;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.kmeans.KMeans;
import org.aidmp.knn.Lookalike;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.state.ForgetReceipt;
import org.aidmp.state.UserStatePart;
import org.junit.jupiter.api.Test;

/** One call forgets a user in every part of a pipeline result. */
class PipelineForgetTest {
  private static final Schema RAW = Schema.ofStrings(List.of("user", "ts", "type", "item"));
  private static final EventMapping MAPPING =
      EventMapping.builder()
          .setUserIdColumn("user")
          .setTimestampColumn("ts")
          .setTypeColumn("type")
          .setItemColumn("item")
          .get();
  private static final String TARGET = "user-to-forget-7f3a";

  /** 40 users with two tastes; the target also has one row with a bad time (quarantined). */
  private static Source events() {
    List<Record> rows = new ArrayList<>();
    int line = 2;
    for (int u = 0; u < 40; u++) {
      String id = u == 7 ? TARGET : "u" + u;
      String prefix = u % 2 == 0 ? "b" : "g";
      for (int i = 0; i < 4; i++) {
        if (i == u % 4) {
          continue;
        }
        rows.add(
            Record.of(
                RAW,
                new Origin("events.csv", line++),
                id,
                "2026-01-0" + (1 + i) + "T00:00:00Z",
                i == 3 ? "purchase" : "view",
                prefix + i));
      }
    }
    rows.add(Record.of(RAW, new Origin("events.csv", line), TARGET, "soon", "view", "b1"));
    return Source.of(RAW, "events.csv", rows);
  }

  private static PipelineResult run(Quarantine.InMemory rejected) {
    return Pipeline.builder()
        .events(events())
        .mapEvents(MAPPING)
        .badRecords(BadRecordPolicy.QUARANTINE, rejected)
        .features(FeatureSpec.DEFAULT)
        .segment(KMeans.builder().setK(2).setSeed(3).get())
        .recommend(RecommenderTrainer.itemKnn(5))
        .lookalike(Lookalike.builder().setTargetSize(5).get())
        .run();
  }

  private static byte[] bytesOf(UserStatePart part) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      part.writeTo(out);
    }
    return bytes.toByteArray();
  }

  private static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void everyPartHoldsTheUserBeforeAndNoPartAfter() throws IOException {
    Quarantine.InMemory rejected = Quarantine.inMemory();
    PipelineResult r = run(rejected);
    List<String> names =
        r.userStates().stream().map(UserStatePart::partName).collect(Collectors.toList());
    assertEquals(
        List.of("profiles", "matrix", "segments", "interactions", "index", "quarantine"), names);
    for (UserStatePart p : r.userStates()) {
      if (!p.partName().equals("segments")) { // labels only: ids live in the matrix part
        assertTrue(contains(bytesOf(p), TARGET), p.partName() + " should hold the user before");
      }
    }

    ForgetReceipt receipt = r.forget(TARGET);

    Map<String, Long> removed =
        receipt.parts().stream()
            .collect(
                Collectors.toMap(
                    ForgetReceipt.PartErasure::part, ForgetReceipt.PartErasure::removed));
    assertEquals(1L, removed.get("profiles"));
    assertEquals(1L, removed.get("matrix"));
    assertEquals(1L, removed.get("segments"));
    assertEquals(3L, removed.get("interactions"), "the target had three items");
    assertEquals(1L, removed.get("index"));
    assertEquals(1L, removed.get("quarantine"));
    assertEquals(8L, receipt.removed());
    assertFalse(receipt.toString().contains(TARGET), "a receipt names no user");
    for (UserStatePart p : r.userStates()) {
      assertFalse(contains(bytesOf(p), TARGET), p.partName() + " still holds the user");
    }
  }

  @Test
  void aForgottenUserIsUnknownEverywhereAndGetsTheNonPersonalisedList() {
    PipelineResult r = run(Quarantine.inMemory());
    List<Recommendation> before = r.recommender().orElseThrow().recommend(TARGET, 3);
    r.forget(TARGET);

    assertFalse(r.profiles().contains(TARGET));
    assertEquals(-1, r.matrix().orElseThrow().rowOf(TARGET));
    assertThrows(
        IllegalArgumentException.class, () -> r.segmentation().orElseThrow().segmentOf(TARGET));
    assertFalse(r.lookalikes().orElseThrow().index().contains(TARGET));
    assertEquals(-1, r.recommender().orElseThrow().interactions().userIndex(TARGET));
    long sized = 0;
    for (long s : r.segmentation().orElseThrow().sizes()) {
      sized += s;
    }
    assertEquals(39, sized, "segment sizes leave the forgotten user out");

    List<Recommendation> after = r.recommender().orElseThrow().recommend(TARGET, 3);
    List<Recommendation> stranger = r.recommender().orElseThrow().recommend("never-seen", 3);
    assertEquals(3, after.size());
    assertEquals(stranger, after, "a forgotten user is answered like a stranger");
    assertFalse(before.equals(after) && before.isEmpty());
  }

  @Test
  void forgettingTwiceRemovesNothingTheSecondTime() {
    PipelineResult r = run(Quarantine.inMemory());
    assertTrue(r.forget(TARGET).removed() > 0);
    ForgetReceipt again = r.forget(TARGET);
    assertEquals(0, again.removed());
    assertEquals(0, r.forget("nobody").removed());
  }
}
