package org.aidmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aidmp.audience.Audience;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Lookalike;
import org.aidmp.knn.Neighbor;
import org.aidmp.knn.SearchOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkCosineTest {
  private static final int N = 3000;
  private static final int D = 12;
  private static final StructType SCHEMA =
      new StructType()
          .add("user_id", DataTypes.StringType)
          .add("v", DataTypes.createArrayType(DataTypes.FloatType))
          .add("ads", DataTypes.BooleanType);

  private static List<String> ids;
  private static FMatrixRMaj m;
  private static boolean[] consent;
  private static Dataset<Row> users;

  @BeforeAll
  static void data() {
    SplittableRandom r = new SplittableRandom(11);
    ids = new ArrayList<>();
    m = new FMatrixRMaj(N, D);
    consent = new boolean[N];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add(String.format("u%05d", (i * 7919) % N));
      Float[] v = new Float[D];
      for (int j = 0; j < D; j++) {
        // coarse values make exact score ties, so the order by id is exercised too
        float x = i % 97 == 0 ? 0f : (float) Math.round(r.nextGaussian() * 4) / 4f;
        m.data[i * D + j] = x;
        v[j] = x;
      }
      consent[i] = r.nextInt(10) > 0;
      rows.add(RowFactory.create(ids.get(i), v, consent[i]));
    }
    users = SparkTestSession.get().createDataFrame(rows, SCHEMA).repartition(3).cache();
  }

  private static List<String> seeds(int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> s = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      s.add(ids.get(r.nextInt(N)));
    }
    s.add("not-a-user");
    return s;
  }

  private static void assertSameAudience(Audience expected, SparkCosine.Audience got) {
    List<Row> rows = got.members().collectAsList();
    List<Audience.Member> want = expected.members();
    assertEquals(want.size(), rows.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).userId(), rows.get(i).getString(0), "member " + i);
      assertEquals(want.get(i).score(), rows.get(i).getFloat(1), "score of member " + i);
    }
    assertEquals(expected.seedCount(), got.seedCount());
    assertEquals(expected.unknownSeedCount(), got.unknownSeedCount());
  }

  @Test
  void nearestSeedTopKIsIdenticalToTheOneJvmLookalike() {
    List<String> seeds = seeds(40, 1);
    Audience one =
        Lookalike.builder().setTargetSize(150).get().expand(CosineIndex.of(ids, m), seeds);
    SparkCosine.Audience spark =
        SparkCosine.lookalike(
            users, "user_id", "v", seeds, Lookalike.Scoring.NEAREST_SEED, 150, Double.NaN, null);
    assertSameAudience(one, spark);
  }

  @Test
  void centroidScoringThresholdAndConsentAreIdentical() {
    List<String> seeds = seeds(25, 2);
    Map<String, Boolean> allowed = new HashMap<>();
    for (int i = 0; i < N; i++) {
      allowed.put(ids.get(i), consent[i]);
    }
    Audience one =
        Lookalike.builder()
            .setScoring(Lookalike.Scoring.CENTROID)
            .setMinSimilarity(0.3)
            .setAllowed(allowed::get)
            .get()
            .expand(CosineIndex.of(ids, m), seeds);
    SparkCosine.Audience spark =
        SparkCosine.lookalike(
            users, "user_id", "v", seeds, Lookalike.Scoring.CENTROID, 0, 0.3, "ads");
    assertTrue(one.size() > 50, "the threshold keeps a real audience: " + one.size());
    assertSameAudience(one, spark);
  }

  @Test
  void neighboursAreIdenticalToSearchLike() {
    SearchOptions five = SearchOptions.builder().setK(5).get();
    List<Row> keptRows = users.collectAsList().subList(0, 600);
    Dataset<Row> some = SparkTestSession.get().createDataFrame(keptRows, SCHEMA).repartition(2);
    Map<String, List<Row>> got = new HashMap<>();
    for (Row r : SparkCosine.neighbours(some, "user_id", "v", 5).collectAsList()) {
      got.computeIfAbsent(r.getString(0), x -> new ArrayList<>()).add(r);
    }
    List<String> kept = new ArrayList<>();
    FMatrixRMaj sub = new FMatrixRMaj(keptRows.size(), D);
    for (int i = 0; i < keptRows.size(); i++) {
      kept.add(keptRows.get(i).getString(0));
      List<Object> v = keptRows.get(i).getList(1);
      for (int j = 0; j < D; j++) {
        sub.data[i * D + j] = ((Number) v.get(j)).floatValue();
      }
    }
    CosineIndex small = CosineIndex.of(kept, sub);
    int checked = 0;
    for (String id : kept) {
      List<Neighbor> want = small.searchLike(id, five);
      List<Row> rows = new ArrayList<>(got.getOrDefault(id, List.of()));
      rows.sort((a, b) -> Integer.compare(a.getInt(3), b.getInt(3)));
      assertEquals(want.size(), rows.size(), "neighbours of a row");
      for (int r = 0; r < want.size(); r++) {
        assertEquals(want.get(r).id(), rows.get(r).getString(1));
        assertEquals(want.get(r).score(), rows.get(r).getFloat(2));
        checked++;
      }
    }
    assertTrue(checked > 2500, "neighbours checked: " + checked);
  }

  @Test
  void rejectsASeedSetWithNoKnownUser() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SparkCosine.lookalike(
                    users,
                    "user_id",
                    "v",
                    List.of("nobody"),
                    Lookalike.Scoring.NEAREST_SEED,
                    10,
                    Double.NaN,
                    null));
    assertTrue(e.getMessage().contains("none of the 1 seed ids"), e.getMessage());
  }
}
