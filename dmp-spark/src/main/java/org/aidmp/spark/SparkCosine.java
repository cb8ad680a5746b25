package org.aidmp.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Lookalike;
import org.aidmp.knn.Neighbor;
import org.aidmp.knn.SearchOptions;
import org.aidmp.spark.internal.Blocks;
import org.aidmp.spark.internal.FloatBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.FMatrixRMaj;

/**
 * Exact top-k cosine on Spark: lookalike audiences of a seed set against every user, and the k
 * nearest neighbours of every row (items for item-kNN, users for user-kNN). Scores and order are
 * those of the one-JVM {@link CosineIndex} and {@link Lookalike}: rows are unit-scaled as the index
 * stores them, candidates are re-scored in double, equal scores go by id.
 *
 * <pre>{@code
 * SparkCosine.Audience a = SparkCosine.lookalike(users, "user_id", "features", seedIds,
 *     Lookalike.Scoring.NEAREST_SEED, 50_000, Double.NaN, "consent_ads");
 * a.members().write().parquet("s3a://bucket/audiences/spring");
 * Dataset<Row> nn = SparkCosine.neighbours(items, "item_id", "features", 20);
 * }</pre>
 *
 * <p>How it runs. Lookalike: the seeds' vectors are collected (a seed set is small next to the
 * users) and broadcast; each partition scores its own users against a seed index with dmp's panel
 * kernels and keeps its best {@code targetSize}; the global merge takes the best {@code targetSize}
 * of those, which is exact because every user of the global top is in its partition's top.
 * Neighbours: the whole row set is broadcast as one index (rows × d floats must fit an executor's
 * memory: 10⁶ × 64 is 256 MB) and every partition searches its own rows as queries.
 */
public final class SparkCosine {
  /** Rows scored per batch inside a partition, as in the one-JVM lookalike. */
  static final int CHUNK = 65_536;

  private SparkCosine() {}

  /** A lookalike audience: the members as a Dataset and the seed counts. */
  public static final class Audience {
    private final Dataset<Row> members;
    private final int seedCount;
    private final int unknownSeedCount;

    Audience(Dataset<Row> members, int seedCount, int unknownSeedCount) {
      this.members = members;
      this.seedCount = seedCount;
      this.unknownSeedCount = unknownSeedCount;
    }

    /** (user_id string, score float), best first, equal scores by id. */
    public Dataset<Row> members() {
      return members;
    }

    /** Seeds found among the users. */
    public int seedCount() {
      return seedCount;
    }

    /** Seed ids not found among the users (ignored). */
    public int unknownSeedCount() {
      return unknownSeedCount;
    }

    @Override
    public String toString() {
      return "Audience[seeds=" + seedCount + ", unknown seeds=" + unknownSeedCount + "]";
    }
  }

  /** The schema of lookalike members. */
  public static final StructType MEMBER_SCHEMA =
      new StructType()
          .add("user_id", DataTypes.StringType, false)
          .add("score", DataTypes.FloatType, false);

  /** The schema of neighbour lists: one row per (id, neighbour). */
  public static final StructType NEIGHBOUR_SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType, false)
          .add("neighbour", DataTypes.StringType, false)
          .add("score", DataTypes.FloatType, false)
          .add("rank", DataTypes.IntegerType, false);

  /**
   * Expands {@code seeds} over the users of {@code users}, as {@link Lookalike#expand} does over a
   * {@link CosineIndex} of the same rows: every user who is not a seed and passes {@code
   * allowedColumn} is scored; the audience is the best {@code targetSize} (ties by id), or all at
   * or above {@code minSimilarity}, or the best that many above it when both are set.
   *
   * @param targetSize the largest audience, or 0 for no limit
   * @param minSimilarity the lowest similarity admitted, or NaN for none
   * @param allowedColumn a boolean column (consent for the purpose), or null to allow everyone;
   *     null values count as refused
   * @throws IllegalArgumentException if there are no seeds, none is among the users, neither a size
   *     nor a threshold is set, or a column is missing or mistyped
   */
  public static Audience lookalike(
      Dataset<Row> users,
      String idColumn,
      String vectorColumn,
      Collection<String> seeds,
      Lookalike.Scoring scoring,
      int targetSize,
      double minSimilarity,
      String allowedColumn) {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(seeds, "seeds");
    Objects.requireNonNull(scoring, "scoring");
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("the seed audience is empty; pass at least one user id");
    }
    if (targetSize < 0) {
      throw new IllegalArgumentException(
          "targetSize is " + targetSize + "; use 0 (no limit) or more");
    }
    if (targetSize == 0 && Double.isNaN(minSimilarity)) {
      throw new IllegalArgumentException(
          "neither a target size nor a minimum similarity is set; set one or both");
    }
    int d = Blocks.dimension(users, vectorColumn);
    int ii = Blocks.columnIndex(users, idColumn);
    int vi = Blocks.vectorColumn(users, vectorColumn);
    int ai = allowedColumn == null ? -1 : Blocks.columnIndex(users, allowedColumn);
    SparkSession spark = users.sparkSession();
    Set<String> seedSet = new LinkedHashSet<>(seeds);
    Dataset<Row> seedIds =
        spark.createDataset(new ArrayList<>(seedSet), Encoders.STRING()).toDF("__seed_id");
    List<Row> seedRows =
        users
            .join(seedIds, users.col(idColumn).equalTo(seedIds.col("__seed_id")), "left_semi")
            .select(idColumn, vectorColumn)
            .collectAsList();
    Set<String> known = new HashSet<>();
    List<String> seedOrder = new ArrayList<>();
    List<float[]> seedVectors = new ArrayList<>();
    for (Row r : seedRows) {
      String id = r.get(0).toString();
      if (!known.add(id)) {
        throw new IllegalArgumentException(
            "a seed id appears on two user rows; user ids must be unique");
      }
      seedOrder.add(id);
      seedVectors.add(unitRow(r.getList(1), d));
    }
    if (known.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the " + seedSet.size() + " seed ids is among the users; check the id column");
    }
    // The seed index as the one-JVM lookalike builds it: stored (unit) vectors put again, or
    // their mean under CENTROID; serialised once and rebuilt per partition.
    CosineIndex seedIndex = CosineIndex.create(d);
    if (scoring == Lookalike.Scoring.CENTROID) {
      double[] sum = new double[d];
      java.util.Map<String, float[]> byId = new java.util.HashMap<>();
      for (int s = 0; s < seedOrder.size(); s++) {
        byId.put(seedOrder.get(s), seedVectors.get(s));
      }
      for (String s : sortedInSeedOrder(seedSet, known)) {
        float[] v = byId.get(s);
        for (int j = 0; j < d; j++) {
          sum[j] += v[j];
        }
      }
      float[] centroid = new float[d];
      for (int j = 0; j < d; j++) {
        centroid[j] = (float) (sum[j] / known.size());
      }
      seedIndex.put("centroid", centroid);
    } else {
      for (int s = 0; s < seedOrder.size(); s++) {
        seedIndex.put(seedOrder.get(s), seedVectors.get(s));
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> index = jsc.broadcast(bytes(seedIndex));
    Broadcast<Set<String>> seedBc = jsc.broadcast(new HashSet<>(seedSet));
    int top = targetSize;
    double min = minSimilarity;
    JavaRDD<Scored> perPartition =
        users
            .toJavaRDD()
            .mapPartitions(
                rows -> {
                  CosineIndex seedsHere = index(index.value());
                  Set<String> skip = seedBc.value();
                  SearchOptions top1 = SearchOptions.builder().setK(1).get();
                  Keeper keep = new Keeper(top, min);
                  List<String> ids = new ArrayList<>();
                  FMatrixRMaj q = new FMatrixRMaj(CHUNK, d);
                  while (rows.hasNext()) {
                    ids.clear();
                    int n = 0;
                    while (rows.hasNext() && n < CHUNK) {
                      Row r = rows.next();
                      String id = r.isNullAt(ii) ? null : r.get(ii).toString();
                      if (id == null
                          || skip.contains(id)
                          || (ai >= 0 && (r.isNullAt(ai) || !r.getBoolean(ai)))) {
                        continue;
                      }
                      if (r.isNullAt(vi)) {
                        throw new IllegalArgumentException(
                            "a user row has no vector; drop or impute it first");
                      }
                      float[] v = unitRow(r.getList(vi), d);
                      System.arraycopy(v, 0, q.data, n * d, d);
                      ids.add(id);
                      n++;
                    }
                    if (n == 0) {
                      continue;
                    }
                    q.reshape(n, d, true);
                    List<List<Neighbor>> best = seedsHere.searchBatch(q, top1);
                    for (int c = 0; c < n; c++) {
                      List<Neighbor> b = best.get(c);
                      keep.offer(new Scored(ids.get(c), b.isEmpty() ? 0f : b.get(0).score()));
                    }
                    q.reshape(CHUNK, d, false);
                  }
                  return keep.drain().iterator();
                });
    Dataset<Row> members;
    if (top > 0) {
      List<Scored> best = perPartition.takeOrdered(top, Scored.ORDER);
      List<Row> rows = new ArrayList<>(best.size());
      for (Scored s : best) {
        rows.add(RowFactory.create(s.id, s.score));
      }
      members = spark.createDataFrame(rows, MEMBER_SCHEMA);
    } else {
      JavaRDD<Row> sorted =
          perPartition
              .sortBy(s -> s, true, perPartition.getNumPartitions())
              .map(s -> RowFactory.create(s.id, s.score));
      members = spark.createDataFrame(sorted, MEMBER_SCHEMA);
    }
    return new Audience(members, known.size(), seedSet.size() - known.size());
  }

  /** The known seeds in the caller's order, as the one-JVM lookalike sums them. */
  private static List<String> sortedInSeedOrder(Set<String> seedSet, Set<String> known) {
    List<String> out = new ArrayList<>();
    for (String s : seedSet) {
      if (known.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The {@code k} nearest rows of every row by cosine, itself excluded: the answer of {@link
   * CosineIndex#searchLike} on an index of all rows, for each row. Rows are (id, neighbour, score,
   * rank from 1) with {@link #NEIGHBOUR_SCHEMA}; a zero row has no neighbours.
   *
   * @throws IllegalArgumentException if k &lt; 1, an id repeats, or a column is missing or mistyped
   */
  public static Dataset<Row> neighbours(
      Dataset<Row> rows, String idColumn, String vectorColumn, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + "; ask for 1 or more neighbours");
    }
    int d = Blocks.dimension(rows, vectorColumn);
    SparkSession spark = rows.sparkSession();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<FloatBlock> blocks = Blocks.of(rows, idColumn, vectorColumn, null, d, CHUNK, false);
    try {
      List<String> ids = new ArrayList<>();
      List<FloatBlock> all = blocks.collect();
      int n = 0;
      for (FloatBlock b : all) {
        n += b.rows;
      }
      FMatrixRMaj m = new FMatrixRMaj(n, d);
      int at = 0;
      for (FloatBlock b : all) {
        for (int i = 0; i < b.rows; i++) {
          if (b.ids[i] == null) {
            throw new IllegalArgumentException(
                "row " + (b.start + i) + " has no id; every row needs one");
          }
          ids.add(b.ids[i]);
        }
        System.arraycopy(b.x, 0, m.data, at * d, b.rows * d);
        at += b.rows;
      }
      Broadcast<byte[]> index = jsc.broadcast(bytes(CosineIndex.of(ids, m)));
      JavaRDD<Row> out =
          blocks.mapPartitions(
              it -> {
                CosineIndex idx = index(index.value());
                SearchOptions opts = SearchOptions.builder().setK(k).get();
                List<Row> res = new ArrayList<>();
                while (it.hasNext()) {
                  FloatBlock b = it.next();
                  for (int i = 0; i < b.rows; i++) {
                    List<Neighbor> nb = idx.searchLike(b.ids[i], opts);
                    for (int r = 0; r < nb.size(); r++) {
                      res.add(
                          RowFactory.create(b.ids[i], nb.get(r).id(), nb.get(r).score(), r + 1));
                    }
                  }
                }
                return res.iterator();
              });
      return spark.createDataFrame(out, NEIGHBOUR_SCHEMA).localCheckpoint(true);
    } finally {
      blocks.unpersist(false);
    }
  }

  /** A row scaled to unit length as {@link CosineIndex} stores it (zero rows stay zero). */
  static float[] unitRow(List<Object> v, int d) {
    if (v.size() != d) {
      throw new IllegalArgumentException(
          "a row has " + v.size() + " values but the first row has " + d + "; pass one length");
    }
    float[] x = new float[d];
    double s = 0;
    for (int j = 0; j < d; j++) {
      Object e = v.get(j);
      float f = e == null ? Float.NaN : ((Number) e).floatValue();
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException(
            "a row holds a non-finite value at position "
                + j
                + "; impute or drop non-finite features first");
      }
      x[j] = f;
      s += (double) f * f;
    }
    double norm = Math.sqrt(s);
    for (int j = 0; j < d; j++) {
      x[j] = norm == 0 ? 0f : (float) (x[j] / norm);
    }
    return x;
  }

  static byte[] bytes(CosineIndex index) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      index.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static CosineIndex index(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return CosineIndex.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scored id, ordered best first: higher score, then smaller id. */
  static final class Scored implements Serializable, Comparable<Scored> {
    private static final long serialVersionUID = 1L;
    static final Comparator<Scored> ORDER = new ScoredOrder();
    final String id;
    final float score;

    Scored(String id, float score) {
      this.id = id;
      this.score = score;
    }

    @Override
    public int compareTo(Scored o) {
      return ORDER.compare(this, o);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scored s && s.id.equals(id) && s.score == score;
    }

    @Override
    public int hashCode() {
      return id.hashCode() * 31 + Float.hashCode(score);
    }
  }

  private static final class ScoredOrder implements Comparator<Scored>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Scored a, Scored b) {
      int c = Float.compare(b.score, a.score);
      return c != 0 ? c : a.id.compareTo(b.id);
    }
  }

  /** A partition's survivors: the best {@code top} (a bounded heap) above the threshold. */
  private static final class Keeper {
    private final int top;
    private final double min;
    private final PriorityQueue<Scored> heap;
    private final List<Scored> all = new ArrayList<>();

    Keeper(int top, double min) {
      this.top = top;
      this.min = min;
      this.heap = top > 0 ? new PriorityQueue<>(Scored.ORDER.reversed()) : null;
    }

    void offer(Scored s) {
      if (!Double.isNaN(min) && s.score < min) {
        return;
      }
      if (heap == null) {
        all.add(s);
        return;
      }
      if (heap.size() < top) {
        heap.add(s);
      } else if (Scored.ORDER.compare(s, heap.peek()) < 0) {
        heap.poll();
        heap.add(s);
      }
    }

    List<Scored> drain() {
      return heap == null ? all : new ArrayList<>(heap);
    }
  }
}
