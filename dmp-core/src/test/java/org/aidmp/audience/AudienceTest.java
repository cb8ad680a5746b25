package org.aidmp.audience;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.junit.jupiter.api.Test;

class AudienceTest {
  private static List<Audience.Member> members(double... scores) {
    List<Audience.Member> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      out.add(new Audience.Member("u" + i, scores[i]));
    }
    return out;
  }

  @Test
  void aPlainListHasNoScoresAndCountsDistinctUsers() {
    Audience a = Audience.of("segment-3", List.of("u1", "u7", "u1"));
    assertEquals(3, a.size());
    assertEquals(2, a.distinctUsers());
    assertEquals(List.of("u1", "u7", "u1"), a.userIds());
    assertEquals(0, a.eligibleCount());
    assertTrue(Double.isNaN(a.cutoff()));
    assertTrue(Double.isNaN(a.members().get(0).score()));
    assertFalse(a.suppressed());
  }

  @Test
  void reachQuantilesAndHistogramReadTheEligibleScores() {
    Audience a =
        Audience.builder("look")
            .setMembers(members(0.9, 0.8, 0.7))
            .setEligibleScores(new double[] {0.1, 0.7, 0.9, -0.5, 0.8, Double.NaN, 0.2})
            .setSeeds(4, 1)
            .get();
    assertEquals(6, a.eligibleCount());
    assertEquals(3, a.reachAt(0.7));
    assertEquals(6, a.reachAt(-1));
    assertEquals(0, a.reachAt(0.95));
    assertEquals(0.9, a.quantile(1));
    assertEquals(0.7, a.quantile(0));
    assertEquals(0.8, a.quantile(0.5));
    assertEquals(0.7, a.cutoff());
    assertArrayEquals(new long[] {0, 1, 2, 3}, a.histogram(4, -1, 1));
    assertEquals(4, a.seedCount());
    assertEquals(1, a.unknownSeedCount());
    assertThrows(IllegalArgumentException.class, () -> a.quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> a.histogram(0, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> a.histogram(4, 1, 1));
  }

  @Test
  void underTheMinimumGroupSizeTheAudienceIsSuppressedButCounted() {
    Audience a = Audience.builder("small").setMembers(members(0.9, 0.5)).setMinGroupSize(3).get();
    assertTrue(a.suppressed());
    assertEquals(0, a.size());
    assertEquals(2, a.distinctUsers());
    assertEquals(0.5, a.cutoff());
    assertTrue(Double.isNaN(a.quantile(0.5)));
    assertFalse(
        Audience.builder("ok").setMembers(members(0.9, 0.5)).setMinGroupSize(2).get().suppressed());
  }

  @Test
  void renamingKeepsEverythingElse() {
    Audience a = Audience.ofMembers("lookalike", members(0.9, 0.4)).named("vip-lookalike");
    assertEquals("vip-lookalike", a.name());
    assertEquals(2, a.size());
    assertEquals(2, a.eligibleCount());
    assertThrows(IllegalArgumentException.class, () -> a.named(" "));
    assertThrows(IllegalArgumentException.class, () -> Audience.of("", List.of()));
  }

  @Test
  void theSourceListsMembersInOrder() throws Exception {
    Audience a = Audience.ofMembers("look", members(0.9, 0.4));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterator<Record> it = a.toSource().iterator()) {
      it.forEachRemaining(rows::add);
    }
    assertEquals(2, rows.size());
    assertEquals("u1", rows.get(1).getString("user_id"));
    assertEquals(0.4, rows.get(1).getDouble("score"));
  }

  @Test
  void toStringNeverShowsAMember() {
    Audience a = Audience.of("s", List.of("secret-user", "u2", "u3"));
    assertEquals("Audience[s, 3 members]", a.toString());
    assertFalse(new Audience.Member("secret-user", 1).toString().contains("secret"));
  }
}
