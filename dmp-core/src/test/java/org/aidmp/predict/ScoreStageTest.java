package org.aidmp.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.aidmp.stage.ScoreModel;
import org.junit.jupiter.api.Test;

class ScoreStageTest {
  /** A model whose score is a fixed weighted sum of the row, so expected values can be computed. */
  static ScoreModel linear(int d) {
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

  private static ProfileStore store() {
    ProfileStore store = ProfileStore.create();
    long t0 = 1_700_000_000_000L;
    for (int u = 0; u < 6; u++) {
      for (int e = 0; e <= u; e++) {
        store.accept(new Event("u" + u, t0 + e * 3_600_000L, e % 2 == 0 ? "view" : "purchase"));
      }
    }
    return store;
  }

  @Test
  void scoresEveryAllowedUserWithTheTransformsRows() {
    ProfileStore store = store();
    ProfileMatrix m = FeatureSpec.DEFAULT.fit(store);
    ScoreModel model = linear(m.cols());
    ScoreStage stage = ScoreStage.builder("value", model).setTransform(m.transform()).get();
    Scores s = stage.score(store, p -> !p.userId().equals("u2"), null);
    assertEquals(5, s.size());
    assertTrue(s.scoreOf("u2").isEmpty(), "a user not allowed is not scored");
    for (String id : Set.of("u0", "u1", "u3", "u4", "u5")) {
      double expected = model.score(m.matrix().data, m.rowOf(id) * m.cols());
      assertEquals(expected, s.scoreOf(id).orElseThrow(), 0, "the matrix row's score");
    }
    assertEquals(0, s.unscored());
  }

  @Test
  void usesTheFallbackTransformWhenTheStageHasNone() {
    ProfileStore store = store();
    FeatureTransform t = FeatureSpec.DEFAULT.fit(store).transform();
    ScoreStage stage = ScoreStage.builder("value", linear(t.dimension())).get();
    assertEquals(6, stage.score(store, p -> true, t).size());
    assertThrows(IllegalStateException.class, () -> stage.score(store, p -> true, null));
    assertEquals(Purpose.PERSONALISATION, stage.purpose());
  }

  @Test
  void nanScoresAreCountedNotKept() {
    ProfileStore store = store();
    FeatureTransform t = FeatureSpec.DEFAULT.fit(store).transform();
    ScoreModel nan =
        new ScoreModel() {
          @Override
          public int dimensions() {
            return t.dimension();
          }

          @Override
          public double score(float[] row, int offset) {
            return Double.NaN;
          }
        };
    Scores s =
        ScoreStage.builder("broken", nan).setTransform(t).get().score(store, p -> true, null);
    assertEquals(0, s.size());
    assertEquals(6, s.unscored());
  }

  @Test
  void aModelOfAnotherWidthIsRefused() {
    ProfileStore store = store();
    FeatureTransform t = FeatureSpec.DEFAULT.fit(store).transform();
    ScoreModel wrong = linear(t.dimension() + 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreStage.builder("x", wrong).setTransform(t).get());
    assertTrue(e.getMessage().contains("transform"), e.getMessage());
    ScoreStage noTransform = ScoreStage.builder("x", wrong).get();
    assertThrows(IllegalArgumentException.class, () -> noTransform.score(store, p -> true, t));
  }
}
