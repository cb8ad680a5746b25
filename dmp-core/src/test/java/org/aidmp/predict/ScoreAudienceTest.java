package org.aidmp.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.aidmp.audience.Audience;
import org.junit.jupiter.api.Test;

class ScoreAudienceTest {
  private static List<String> ids(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("u" + i);
    }
    return out;
  }

  @Test
  void topDecileTakesTheHighestScores() {
    double[] s = new double[100];
    for (int i = 0; i < 100; i++) {
      s[i] = i;
    }
    Audience a = ScoreAudience.builder().setMinGroupSize(5).get().top(ids(100), s, 0.1);
    assertEquals(10, a.userIds().size());
    assertEquals("u99", a.userIds().get(0));
    assertEquals(90, a.cutoff());
    assertEquals(100, a.eligibleCount());
  }

  @Test
  void consentAndNaNKeepUsersOut() {
    double[] s = {0.9, Double.NaN, 0.8, 0.7, 0.95};
    ScoreAudience rule =
        ScoreAudience.builder().setMinGroupSize(1).setConsent(id -> !id.equals("u4")).get();
    Audience a = rule.above(ids(5), s, 0.75);
    assertEquals(List.of("u0", "u2"), a.userIds());
    assertEquals(3, a.eligibleCount());
  }

  @Test
  void groupsUnderTheMinimumAreSuppressedCountingDistinctUsers() {
    List<String> ids = List.of("a", "a", "a", "b", "c");
    double[] s = {0.9, 0.9, 0.9, 0.8, 0.1};
    Audience a = ScoreAudience.builder().setMinGroupSize(3).get().above(ids, s, 0.5);
    assertTrue(a.suppressed());
    assertTrue(a.userIds().isEmpty());
    assertEquals(2, a.distinctUsers());
    assertThrows(IllegalArgumentException.class, () -> ScoreAudience.DEFAULT.top(ids, s, 0));
  }
}
