package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.kmeans.Distance;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.profile.Event;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.junit.jupiter.api.Test;

class ProfileEncoderTest {
  private static final List<String> TYPES = List.of("view", "click", "purchase");
  private static final long DAY = 86_400_000L;

  private static ProfileStore history(long seed) {
    ProfileStore store = ProfileStore.create();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      int u = r.nextInt(60);
      String type = TYPES.get(r.nextInt(3) == 0 ? r.nextInt(3) : u % 3);
      store.accept(
          new Event(
              "u" + u,
              Fixtures.NOW - 30 * DAY + r.nextInt(20) * DAY,
              type,
              "i" + r.nextInt(30),
              "c" + r.nextInt(4),
              type.equals("purchase") ? 5 + r.nextInt(50) : Double.NaN));
    }
    return store;
  }

  @Test
  void liveRowsAreTheBatchTransformOfTheSameEvents() {
    ProfileStore live = history(1);
    ProfileStore reference = history(1);
    ProfileMatrix m = FeatureSpec.builder().setEventTypes(TYPES).get().fit(live);
    FeatureTransform tf = m.transform();
    int d = tf.dimension();
    KMeansModel km = KMeans.builder().setK(3).setSeed(5).get().fit(m.matrix());
    int[] labels = km.labels();
    List<Event> fresh = new java.util.ArrayList<>();
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 400; i++) {
      // Known users and some brand-new ones, a day or two after the fitted as-of time.
      String user = "u" + r.nextInt(80);
      fresh.add(
          new Event(
              user,
              Fixtures.NOW - DAY + i * 1000L,
              TYPES.get(r.nextInt(3)),
              "i" + r.nextInt(30),
              "c" + r.nextInt(4),
              Double.NaN));
    }
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(FeedbackConfig.builder().setEventTypes(TYPES).get())
            .setModel(km)
            .setEncoder(ProfileEncoder.of(live, tf))
            .setClock(Fixtures.CLOCK)
            .addUsers(m.userIds(), m.matrix(), labels)
            .build()) {
      // Before any live event a training user holds exactly their training row.
      float[] row0 = java.util.Arrays.copyOfRange(m.matrix().data, 0, d);
      assertArrayEquals(row0, u.profile(m.userId(0)).row());
      // ... and the segment K-Means gave them, which the live assignment agrees with.
      assertEquals(km.predict(row0), u.segmentOf(m.userId(0)));
      for (Event e : fresh) {
        assertTrue(u.accept(e));
        reference.accept(
            new Event(e.userId(), e.timestamp(), e.type(), e.itemId(), e.category(), e.value()));
      }
      long lastTime = fresh.get(fresh.size() - 1).timestamp();
      int checked = 0;
      for (Event e : fresh) {
        LiveUser lu = u.profile(e.userId());
        // The live segment is the batch model's prediction for the live row (no drift published
        // yet: 400 events < one drift batch).
        assertEquals(km.predict(lu.row()), lu.segment(), "segment of " + e.userId());
        // Rows are measured at the user's own last event time; recompute that way.
        long t = Math.max(tf.asOf().toEpochMilli(), lastEventOf(fresh, e.userId()));
        float[] expected = new float[d];
        tf.transform(reference.get(e.userId()).orElseThrow(), t, expected, 0);
        assertArrayEquals(expected, lu.row(), "user " + e.userId());
        checked++;
      }
      assertEquals(fresh.size(), checked);
      assertTrue(lastTime > tf.asOf().toEpochMilli());
      assertEquals(live.eventCount(), reference.eventCount());
    }
  }

  private static long lastEventOf(List<Event> events, String user) {
    long t = Long.MIN_VALUE;
    for (Event e : events) {
      if (e.userId().equals(user)) {
        t = e.timestamp();
      }
    }
    return t;
  }

  @Test
  void cosineModelsAreRefusedWithTheFix() {
    ProfileMatrix m = FeatureSpec.builder().setEventTypes(TYPES).get().fit(history(3));
    KMeansModel cos = KMeans.builder().setK(2).setDistance(Distance.COSINE).get().fit(m.matrix());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> FeedbackUpdater.newBuilder().setModel(cos));
    assertTrue(e.getMessage().contains("EUCLIDEAN"), e.getMessage());
  }

  @Test
  void anEncoderThatThrowsIsCountedNotThrown() {
    FeatureEncoder throwing =
        (e, t, p, row) -> {
          throw new IllegalArgumentException("unseen category");
        };
    try (FeedbackUpdater u =
        FeedbackUpdater.newBuilder()
            .setConfig(FeedbackConfig.builder().setEventTypes(TYPES).get())
            .setCentroids(Fixtures.centroids(2, 3, 1))
            .setEncoder(throwing)
            .setClock(Fixtures.CLOCK)
            .build()) {
      assertEquals(false, u.accept(new Event("a", Fixtures.NOW, "view")));
      assertEquals(1, u.stats().rejected().get(BadEventReason.ENCODING_FAILED));
      assertEquals(-1, u.segmentOf("a"));
    }
  }
}
