package org.aidmp.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aidmp.internal.linalg.SymmetricInverse;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.spark.internal.Blocks;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Batch recommendations on Spark with an item–item model broadcast to every partition: EASE (Steck
 * 2019, as {@link RecommenderTrainer#ease(double, int)}) fitted from the Gram matrix that Spark
 * aggregates, then the top-N unseen items of every user, ranked as the one-JVM {@link
 * org.aidmp.recommend.Recommender} ranks them (equal scores by item id).
 *
 * <pre>{@code
 * SparkRecommend.ItemItem model = SparkRecommend.fitEase(interactions, "user_id", "item_id",
 *     "weight", 250);
 * Dataset<Row> top = SparkRecommend.recommend(model, interactions, "user_id", "item_id",
 *     "weight", 10);                       // (user_id, item_id, score, rank)
 * }</pre>
 *
 * <p>Interactions are (user, item, weight) rows; several rows for one pair add up, as {@link
 * org.aidmp.recommend.Interactions.Combine#SUM} does. The Gram matrix XᵀX is a Spark aggregation of
 * each user's item pairs; only it (items × items) comes to the driver, where it is inverted in
 * double; B (items² floats) is broadcast, so catalogues are limited to {@link
 * RecommenderTrainer#EASE_MAX_ITEMS}.
 */
public final class SparkRecommend {
  private SparkRecommend() {}

  /** Recommendations: one row per (user, item) with the rank from 1. */
  public static final StructType SCHEMA =
      new StructType()
          .add("user_id", DataTypes.StringType, false)
          .add("item_id", DataTypes.StringType, false)
          .add("score", DataTypes.FloatType, false)
          .add("rank", DataTypes.IntegerType, false);

  /** A dense item–item model: score of item j for a user = Σ over their items i of w_i·B[i][j]. */
  public static final class ItemItem implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String[] items;
    private final float[] b;

    /**
     * A model over {@code items} (copied) with the row-major items × items weights {@code b}
     * (copied).
     */
    public ItemItem(List<String> items, float[] b) {
      this.items = items.toArray(new String[0]);
      if (b.length != this.items.length * this.items.length) {
        throw new IllegalArgumentException(
            b.length + " weights for " + items.size() + " items; pass items × items weights");
      }
      this.b = b.clone();
    }

    /** The catalogue, in model order. */
    public List<String> items() {
      return List.of(items);
    }

    /** The weight of item i's history on item j's score. */
    public float weight(int i, int j) {
      return b[i * items.length + j];
    }
  }

  /**
   * Fits EASE with regularisation {@code lambda} on the interactions.
   *
   * @throws IllegalArgumentException if there are no interactions, more than {@link
   *     RecommenderTrainer#EASE_MAX_ITEMS} items, or lambda is not positive
   */
  public static ItemItem fitEase(
      Dataset<Row> interactions,
      String userColumn,
      String itemColumn,
      String weightColumn,
      double lambda) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException(
          "lambda (" + lambda + ") must be positive and finite; 100 to 1000 is usual");
    }
    Dataset<Row> x = pairs(interactions, userColumn, itemColumn, weightColumn).cache();
    try {
      List<String> items = new ArrayList<>();
      for (Row r : x.select("i").distinct().collectAsList()) {
        items.add(r.getString(0));
      }
      if (items.isEmpty()) {
        throw new IllegalArgumentException("no interactions to learn from; add events first");
      }
      if (items.size() > RecommenderTrainer.EASE_MAX_ITEMS) {
        throw new IllegalArgumentException(
            "EASE inverts an items x items matrix; "
                + items.size()
                + " items exceed "
                + RecommenderTrainer.EASE_MAX_ITEMS
                + "; keep the most popular items");
      }
      items.sort(null);
      int n = items.size();
      Map<String, Integer> at = new HashMap<>();
      for (int i = 0; i < n; i++) {
        at.put(items.get(i), i);
      }
      Dataset<Row> a = x.toDF("u", "ia", "wa");
      Dataset<Row> b = x.toDF("u", "ib", "wb");
      List<Row> gram =
          a.join(b, "u")
              .groupBy("ia", "ib")
              .agg(sum(col("wa").cast("double").multiply(col("wb").cast("double"))).as("g"))
              .collectAsList();
      double[] g = new double[n * n];
      for (Row r : gram) {
        g[at.get(r.getString(0)) * n + at.get(r.getString(1))] = r.getDouble(2);
      }
      for (int i = 0; i < n; i++) {
        g[i * n + i] += lambda;
      }
      // The driver inverts with the one-JVM EASE's blocked inverse, several times faster than
      // EJML's invertSPD on this machine; p is then the inverse.
      double[] p = g;
      try {
        SymmetricInverse.invertInPlace(p, n, Runtime.getRuntime().availableProcessors());
      } catch (ArithmeticException e) {
        throw new IllegalStateException(
            "XᵀX + λI (λ = " + lambda + ") could not be inverted; raise lambda", e);
      }
      float[] bw = new float[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          bw[i * n + j] = i == j ? 0f : (float) (-p[i * n + j] / p[j * n + j]);
        }
      }
      return new ItemItem(items, bw);
    } finally {
      x.unpersist(false);
    }
  }

  /** (u, i, w) with one row per pair, weights added as floats. */
  private static Dataset<Row> pairs(
      Dataset<Row> interactions, String userColumn, String itemColumn, String weightColumn) {
    Blocks.columnIndex(interactions, userColumn);
    Blocks.columnIndex(interactions, itemColumn);
    Blocks.columnIndex(interactions, weightColumn);
    return interactions
        .where(col(userColumn).isNotNull().and(col(itemColumn).isNotNull()))
        .select(
            col(userColumn).cast("string").as("u"),
            col(itemColumn).cast("string").as("i"),
            col(weightColumn).cast("float").as("w"))
        .groupBy("u", "i")
        .agg(sum("w").cast("float").as("w"));
  }

  /**
   * The best {@code n} items each user has not interacted with, by the broadcast model; users with
   * no known item get none. Rows are (user_id, item_id, score, rank) with {@link #SCHEMA}.
   */
  public static Dataset<Row> recommend(
      ItemItem model,
      Dataset<Row> interactions,
      String userColumn,
      String itemColumn,
      String weightColumn,
      int n) {
    Objects.requireNonNull(model, "model");
    if (n < 1) {
      throw new IllegalArgumentException("n is " + n + "; ask for 1 or more items per user");
    }
    JavaSparkContext jsc =
        JavaSparkContext.fromSparkContext(interactions.sparkSession().sparkContext());
    Broadcast<ItemItem> bc = jsc.broadcast(model);
    Dataset<Row> histories =
        pairs(interactions, userColumn, itemColumn, weightColumn)
            .groupBy("u")
            .agg(collect_list(struct(col("i"), col("w"))).as("h"));
    JavaRDD<Row> out =
        histories
            .toJavaRDD()
            .mapPartitions(
                rows -> {
                  ItemItem m = bc.value();
                  int items = m.items.length;
                  Map<String, Integer> at = new HashMap<>();
                  for (int i = 0; i < items; i++) {
                    at.put(m.items[i], i);
                  }
                  float[] scores = new float[items];
                  List<Row> res = new ArrayList<>();
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    List<Row> h = r.getList(1);
                    Arrays.fill(scores, 0f);
                    List<Integer> seen = new ArrayList<>();
                    for (Row e : h) {
                      Integer i = at.get(e.getString(0));
                      if (i == null) {
                        continue;
                      }
                      seen.add(i);
                      float w = e.getFloat(1);
                      int row = i * items;
                      for (int j = 0; j < items; j++) {
                        scores[j] += w * m.b[row + j];
                      }
                    }
                    if (seen.isEmpty()) {
                      continue;
                    }
                    for (int i : seen) {
                      scores[i] = Float.NEGATIVE_INFINITY;
                    }
                    int[] top = top(scores, n, m.items);
                    for (int t = 0; t < top.length; t++) {
                      res.add(
                          RowFactory.create(
                              r.getString(0), m.items[top[t]], scores[top[t]], t + 1));
                    }
                  }
                  return res.iterator();
                });
    return interactions.sparkSession().createDataFrame(out, SCHEMA);
  }

  /** The at most k best finite scores, best first, equal scores by id. */
  static int[] top(float[] scores, int k, String[] ids) {
    List<Integer> c = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > Float.NEGATIVE_INFINITY) {
        c.add(i);
      }
    }
    c.sort(
        (a, b) -> {
          int cmp = Float.compare(scores[b], scores[a]);
          return cmp != 0 ? cmp : ids[a].compareTo(ids[b]);
        });
    int m = Math.min(k, c.size());
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      out[i] = c.get(i);
    }
    return out;
  }
}
