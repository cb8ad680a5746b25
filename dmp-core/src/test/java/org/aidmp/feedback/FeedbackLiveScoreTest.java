package org.aidmp.feedback;

import static org.aidmp.feedback.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.aidmp.predict.linear.LogisticRegression;
import org.aidmp.predict.tree.GradientBoosting;
import org.aidmp.profile.Event;
import org.aidmp.stage.ScoreModel;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Scoring users' live rows with a logistic or tree model. */
class FeedbackLiveScoreTest {
  private static final int TYPES = 6;

  /** Rows shaped like the encoder's log-count rows, with a label driven by two of the types. */
  private static FMatrixRMaj rows(double[] labels, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    FMatrixRMaj x = new FMatrixRMaj(labels.length, TYPES);
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < TYPES; j++) {
        x.data[i * TYPES + j] = (float) (r.nextGaussian() * 1.2);
      }
      double z = x.data[i * TYPES] - 0.7 * x.data[i * TYPES + 3];
      labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return x;
  }

  private static List<ScoreModel> models() {
    double[] y = new double[2000];
    FMatrixRMaj x = rows(y, 7);
    return List.of(
        LogisticRegression.DEFAULT.fit(x, y),
        GradientBoosting.builder()
            .setMaxIterations(20)
            .setMaxDepth(4)
            .setValidationFraction(0)
            .get()
            .fit(x, y));
  }

  private static FeedbackUpdater.Builder updater() {
    return FeedbackUpdater.newBuilder()
        .setConfig(FeedbackConfig.builder().setEventTypes(Fixtures.types(TYPES)).get())
        .setCentroids(Fixtures.centroids(4, TYPES, 3))
        .setEncoder(Fixtures.encoder(TYPES))
        .setClock(CLOCK);
  }

  @Test
  void aUsersScoreIsTheModelsScoreOfTheirLiveRow() {
    for (ScoreModel model : models()) {
      try (FeedbackUpdater u = updater().setScoreModel(model).build()) {
        Set<String> users = new HashSet<>();
        for (Event e : Fixtures.events(2000, 40, TYPES, 11)) {
          double s = u.acceptAndScore(e);
          users.add(e.userId());
          assertEquals(
              model.score(u.profile(e.userId()).row(), 0),
              s,
              0,
              model + ": the score after an event is the score of the row it made");
        }
        double min = 1;
        double max = 0;
        for (String id : users) {
          double s = u.score(id);
          assertEquals(model.score(u.profile(id).row(), 0), s, 0);
          min = Math.min(min, s);
          max = Math.max(max, s);
        }
        assertTrue(max - min > 0.05, model + " gives users different scores: " + min + ".." + max);
        assertTrue(Double.isNaN(u.score("never-seen")));
        u.forget("u3");
        assertTrue(Double.isNaN(u.score("u3")), "a forgotten user has no live score");
        assertTrue(u.scoreModel().isPresent());
      }
    }
  }

  @Test
  void aRejectedEventScoresNaN() {
    ScoreModel model = models().get(0);
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(
                FeedbackConfig.builder()
                    .setEventTypes(Fixtures.types(TYPES))
                    .setBadEventPolicy(org.aidmp.data.BadRecordPolicy.SKIP)
                    .get())
            .setCentroids(Fixtures.centroids(4, TYPES, 3))
            .setEncoder(Fixtures.encoder(TYPES))
            .setClock(CLOCK)
            .setScoreModel(model)
            .build()) {
      assertTrue(Double.isNaN(u.acceptAndScore(new Event("u1", Fixtures.NOW, "no-such-type"))));
      assertFalse(Double.isNaN(u.acceptAndScore(new Event("u1", Fixtures.NOW, "t1"))));
    }
  }

  @Test
  void withoutAModelScoringIsRefusedAndIntakeIsUnchanged() {
    try (FeedbackUpdater u = updater().build()) {
      assertTrue(u.accept(new Event("u1", Fixtures.NOW, "t1")));
      assertTrue(u.scoreModel().isEmpty());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> u.score("u1"));
      assertTrue(e.getMessage().contains("setScoreModel"));
      assertThrows(
          IllegalStateException.class, () -> u.acceptAndScore(new Event("u1", Fixtures.NOW, "t1")));
    }
  }

  @Test
  void aModelOfAnotherWidthIsRefusedAtBuild() {
    double[] y = new double[200];
    FMatrixRMaj x = rows(y, 3);
    FMatrixRMaj wider = new FMatrixRMaj(200, TYPES + 1);
    for (int i = 0; i < 200; i++) {
      System.arraycopy(x.data, i * TYPES, wider.data, i * (TYPES + 1), TYPES);
    }
    ScoreModel model = LogisticRegression.DEFAULT.fit(wider, y);
    FeedbackUpdater.Builder b = updater().setScoreModel(model);
    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertTrue(e.getMessage().contains("encoder"), e.getMessage());
  }
}
