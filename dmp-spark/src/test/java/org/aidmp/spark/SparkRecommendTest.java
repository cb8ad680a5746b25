package org.aidmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkRecommendTest {
  @Test
  void easeTopNIsTheOneJvmModels() {
    SplittableRandom r = new SplittableRandom(5);
    Interactions.Builder one = Interactions.builder();
    List<Row> rows = new ArrayList<>();
    Set<String> pairs = new HashSet<>();
    for (int e = 0; e < 900; e++) {
      String u = "u" + r.nextInt(80);
      // a skewed catalogue, so that scores differ clearly
      String i = "i" + (int) Math.floor(Math.pow(r.nextDouble(), 2) * 40);
      if (pairs.add(u + "/" + i)) {
        one.add(u, i, "view", 0L);
        rows.add(RowFactory.create(u, i, 1.0f));
      }
    }
    Recommender model = RecommenderTrainer.ease(20).fit(one.build());
    StructType schema =
        new StructType()
            .add("user_id", DataTypes.StringType)
            .add("item_id", DataTypes.StringType)
            .add("weight", DataTypes.FloatType);
    Dataset<Row> x = SparkTestSession.get().createDataFrame(rows, schema).repartition(2);
    SparkRecommend.ItemItem b = SparkRecommend.fitEase(x, "user_id", "item_id", "weight", 20);
    Map<String, List<Row>> got = new HashMap<>();
    for (Row row :
        SparkRecommend.recommend(b, x, "user_id", "item_id", "weight", 5).collectAsList()) {
      got.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row);
    }
    assertEquals(model.interactions().userCount(), got.size());
    for (String u : model.interactions().userIds()) {
      List<Recommendation> want = model.recommend(u, 5);
      List<Row> have = new ArrayList<>(got.get(u));
      have.sort((p, q) -> Integer.compare(p.getInt(3), q.getInt(3)));
      assertEquals(want.size(), have.size());
      for (int t = 0; t < want.size(); t++) {
        assertEquals(want.get(t).itemId(), have.get(t).getString(1), "rank " + (t + 1));
        assertEquals(want.get(t).score(), have.get(t).getFloat(2), 1e-4);
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkRecommend.fitEase(x, "user_id", "item_id", "weight", 0));
  }
}
