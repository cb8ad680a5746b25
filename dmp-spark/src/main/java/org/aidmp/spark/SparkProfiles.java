package org.aidmp.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Origin;
import org.aidmp.data.Schema;
import org.aidmp.profile.Event;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.FeatureSpec.FeatureGroup;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;
import org.aidmp.spark.internal.FixedOrder;
import org.aidmp.spark.internal.MappingConfig;
import org.aidmp.spark.internal.Records;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Profiles at scale: events from any Spark source become the per-user aggregates of a {@link
 * ProfileStore} (counts, latest time and value per type, first and last seen, RFM, decayed category
 * affinity, distinct items) as Spark SQL aggregations, and features fitted from those aggregates
 * give the library's own {@link FeatureTransform}, so a model trained on Spark scores users live in
 * one JVM. No user is collected to the driver; only per-feature statistics and vocabularies are.
 *
 * <pre>{@code
 * SparkProfiles profiles = SparkProfiles.builder()
 *     .setHalfLife(Duration.ofDays(14)).setAffinityWeight("purchase", 5).get();
 * SparkProfiles.Ingest in = profiles.ingest(spark.read().parquet("s3a://lake/events"), mapping,
 *     "events");                                  // typed events + quarantine + the account
 * long asOf = SparkProfiles.latest(in.events());
 * Dataset<Row> users = profiles.profiles(in.events(), asOf);
 * SparkProfiles.Features f = SparkProfiles.features(users, FeatureSpec.DEFAULT, asOf);
 * FeatureTransform t = f.transform();             // the one-JVM transform
 * }</pre>
 *
 * <p>Typing and validation are the one-JVM ones: each Spark row becomes a dmp record and goes
 * through {@link EventMapping#map}; a row it rejects is handled by the {@link BadRecordPolicy} and
 * read = accepted + quarantined + skipped holds. Sums are added in Spark's order, so they agree
 * with the store's to double rounding.
 */
public final class SparkProfiles implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double DAY_MILLIS = 86_400_000d;

  /** Typed events: the columns {@link #profiles} reads. */
  public static final StructType EVENT_SCHEMA =
      new StructType()
          .add("user_id", DataTypes.StringType, false)
          .add("timestamp", DataTypes.LongType, false)
          .add("type", DataTypes.StringType, false)
          .add("item_id", DataTypes.StringType, true)
          .add("category", DataTypes.StringType, true)
          .add("value", DataTypes.DoubleType, true);

  /** Quarantined rows: where, which column, why, and the row's values as text. */
  public static final StructType QUARANTINE_SCHEMA =
      new StructType()
          .add("source", DataTypes.StringType, false)
          .add("line", DataTypes.LongType, false)
          .add("column", DataTypes.StringType, true)
          .add("rule", DataTypes.StringType, false)
          .add("reason", DataTypes.StringType, false)
          .add(
              "row",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
              false);

  private static final StructType TAGGED = tagged();

  private final Duration halfLife;
  private final Map<String, Double> affinityWeights;
  private final int distinctItemLimit;
  private final BadRecordPolicy policy;

  private SparkProfiles(Builder b) {
    this.halfLife = b.halfLife;
    this.affinityWeights = new LinkedHashMap<>(b.affinityWeights);
    this.distinctItemLimit = b.distinctItemLimit;
    this.policy = b.policy;
  }

  /** A builder: 30-day half-life, weight 1 for every type, no item tracking, QUARANTINE. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.halfLife = halfLife;
    b.affinityWeights.putAll(affinityWeights);
    b.distinctItemLimit = distinctItemLimit;
    b.policy = policy;
    return b;
  }

  /** The half-life of category affinity. */
  public Duration halfLife() {
    return halfLife;
  }

  /** The affinity weight of an event type: as configured, else 1. */
  public double affinityWeight(String type) {
    return affinityWeights.getOrDefault(type, 1.0);
  }

  /** The most distinct items counted per user; 0 when items are not counted. */
  public int distinctItemLimit() {
    return distinctItemLimit;
  }

  /** What happens to rows that cannot be events. */
  public BadRecordPolicy policy() {
    return policy;
  }

  /** The result of {@link #ingest}: typed events, the quarantine and the row account. */
  public static final class Ingest {
    private final Dataset<Row> events;
    private final Dataset<Row> quarantine;
    private final long read;
    private final long accepted;
    private final long quarantined;
    private final long skipped;
    private final Dataset<Row> tagged;

    Ingest(
        Dataset<Row> tagged,
        Dataset<Row> events,
        Dataset<Row> quarantine,
        long read,
        long accepted,
        long quarantined,
        long skipped) {
      this.tagged = tagged;
      this.events = events;
      this.quarantine = quarantine;
      this.read = read;
      this.accepted = accepted;
      this.quarantined = quarantined;
      this.skipped = skipped;
    }

    /** The accepted rows as typed events, with {@link #EVENT_SCHEMA}; cached until release. */
    public Dataset<Row> events() {
      return events;
    }

    /** The rejected rows under QUARANTINE (empty otherwise), with {@link #QUARANTINE_SCHEMA}. */
    public Dataset<Row> quarantine() {
      return quarantine;
    }

    /** Rows read. */
    public long read() {
      return read;
    }

    /** Rows that became events. */
    public long accepted() {
      return accepted;
    }

    /** Rows sent to the quarantine. */
    public long quarantined() {
      return quarantined;
    }

    /** Rows dropped under SKIP. */
    public long skipped() {
      return skipped;
    }

    /** Releases the cached rows. */
    public void release() {
      tagged.unpersist(false);
    }

    @Override
    public String toString() {
      return "Ingest[read="
          + read
          + ", accepted="
          + accepted
          + ", quarantined="
          + quarantined
          + ", skipped="
          + skipped
          + "]";
    }
  }

  /**
   * Maps every row of {@code rows} to an event with {@code mapping}, as {@link ProfileStore#ingest}
   * does; rejected rows are handled by {@link #policy()}.
   *
   * @param description names the source in quarantine rows and errors (no row values)
   * @throws BadRecordException under FAIL, for the first bad row (by partition, then line)
   * @throws IllegalArgumentException if the schema does not fit the mapping
   */
  public Ingest ingest(Dataset<Row> rows, EventMapping mapping, String description) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(description, "description");
    Schema schema = Records.schema(rows.schema());
    mapping.check(schema);
    MappingConfig config = new MappingConfig(mapping);
    String[] names = rows.columns();
    StructType sparkSchema = rows.schema();
    JavaRDD<Row> tagged =
        rows.toJavaRDD()
            .mapPartitionsWithIndex(
                (p, it) -> {
                  EventMapping m = config.mapping();
                  Schema schemaHere = Records.schema(sparkSchema);
                  String source = description + " partition " + p;
                  List<Row> out = new ArrayList<>();
                  long line = 0;
                  while (it.hasNext()) {
                    Row r = it.next();
                    line++;
                    try {
                      Event e = m.map(Records.of(schemaHere, r, new Origin(source, line)));
                      out.add(
                          RowFactory.create(
                              true,
                              e.userId(),
                              e.timestamp(),
                              e.type(),
                              e.itemId(),
                              e.category(),
                              e.hasValue() ? e.value() : null,
                              p,
                              line,
                              null,
                              null,
                              null));
                    } catch (BadRecordException ex) {
                      Map<String, String> values = new HashMap<>();
                      for (int i = 0; i < names.length; i++) {
                        values.put(names[i], r.isNullAt(i) ? null : r.get(i).toString());
                      }
                      out.add(
                          RowFactory.create(
                              false,
                              null,
                              null,
                              null,
                              null,
                              null,
                              null,
                              p,
                              line,
                              ex.column(),
                              ex.reason(),
                              scala.jdk.javaapi.CollectionConverters.asScala(values)));
                    }
                  }
                  return out.iterator();
                },
                true);
    SparkSession spark = rows.sparkSession();
    Dataset<Row> all =
        spark.createDataFrame(tagged, TAGGED).persist(StorageLevel.MEMORY_AND_DISK());
    long read = 0;
    long good = 0;
    for (Row c : all.groupBy("_ok").count().collectAsList()) {
      read += c.getLong(1);
      if (c.getBoolean(0)) {
        good = c.getLong(1);
      }
    }
    long bad = read - good;
    if (bad > 0 && policy == BadRecordPolicy.FAIL) {
      Row first = all.where(col("_ok").equalTo(false)).orderBy("_partition", "_line").first();
      all.unpersist(false);
      throw new BadRecordException(
          description + " partition " + first.getInt(7),
          first.getLong(8),
          first.getString(9),
          first.getString(10));
    }
    Dataset<Row> events =
        all.where(col("_ok"))
            .select("user_id", "timestamp", "type", "item_id", "category", "value");
    Dataset<Row> quarantine =
        all.where(col("_ok").equalTo(false).and(lit(policy == BadRecordPolicy.QUARANTINE)))
            .select(
                functionsConcat(description),
                col("_line").as("line"),
                col("_column").as("column"),
                lit("event-mapping").as("rule"),
                col("_reason").as("reason"),
                col("_row").as("row"));
    return new Ingest(
        all,
        spark.createDataFrame(events.rdd(), EVENT_SCHEMA),
        spark.createDataFrame(quarantine.rdd(), QUARANTINE_SCHEMA),
        read,
        good,
        policy == BadRecordPolicy.QUARANTINE ? bad : 0,
        policy == BadRecordPolicy.SKIP ? bad : 0);
  }

  private static Column functionsConcat(String description) {
    return org.apache
        .spark
        .sql
        .functions
        .concat(lit(description + " partition "), col("_partition").cast("string"))
        .as("source");
  }

  private static StructType tagged() {
    return new StructType()
        .add("_ok", DataTypes.BooleanType, false)
        .add("user_id", DataTypes.StringType, true)
        .add("timestamp", DataTypes.LongType, true)
        .add("type", DataTypes.StringType, true)
        .add("item_id", DataTypes.StringType, true)
        .add("category", DataTypes.StringType, true)
        .add("value", DataTypes.DoubleType, true)
        .add("_partition", DataTypes.IntegerType, false)
        .add("_line", DataTypes.LongType, false)
        .add("_column", DataTypes.StringType, true)
        .add("_reason", DataTypes.StringType, true)
        .add(
            "_row",
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
            true);
  }

  /** The latest event time of typed events, 0 without events (the default as-of time). */
  public static long latest(Dataset<Row> events) {
    Row r = events.agg(max("timestamp")).first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }

  /**
   * One row per user with the store's aggregates, affinity measured at {@code asOfMillis}: user_id,
   * events, first_seen, last_seen, valued, total_value, type_counts (map type → count), type_last
   * (type → latest time), type_values (type → value sum), affinity (category → decayed score {@code
   * Σ w·2^(-(asOf - t)/h)}), distinct_items and distinct_items_saturated.
   *
   * @param events typed events with {@link #EVENT_SCHEMA} (from {@link #ingest})
   */
  public Dataset<Row> profiles(Dataset<Row> events, long asOfMillis) {
    double h = halfLife.toNanos() / 1e6;
    Column w = lit(1.0);
    for (Map.Entry<String, Double> e : affinityWeights.entrySet()) {
      w = when(col("type").equalTo(e.getKey()), lit(e.getValue())).otherwise(w);
    }
    Dataset<Row> base =
        events
            .groupBy("user_id")
            .agg(
                count(lit(1)).as("events"),
                min("timestamp").as("first_seen"),
                max("timestamp").as("last_seen"),
                count("value").as("valued"),
                coalesce(sum("value"), lit(0.0)).as("total_value"));
    Dataset<Row> byType =
        events
            .groupBy("user_id", "type")
            .agg(
                count(lit(1)).as("c"),
                max("timestamp").as("l"),
                coalesce(sum("value"), lit(0.0)).as("v"))
            .groupBy("user_id")
            .agg(
                map_from_entries(collect_list(struct(col("type"), col("c")))).as("type_counts"),
                map_from_entries(collect_list(struct(col("type"), col("l")))).as("type_last"),
                map_from_entries(collect_list(struct(col("type"), col("v")))).as("type_values"));
    Dataset<Row> affinity =
        events
            .where(col("category").isNotNull().and(w.gt(0)))
            .groupBy("user_id", "category")
            .agg(
                sum(w.multiply(
                        pow(lit(2.0), col("timestamp").minus(lit(asOfMillis)).divide(lit(h)))))
                    .as("a"))
            .groupBy("user_id")
            .agg(map_from_entries(collect_list(struct(col("category"), col("a")))).as("affinity"));
    Dataset<Row> out = base.join(byType, "user_id").join(affinity, usingUserId(), "left");
    out =
        out.withColumn(
            "affinity",
            coalesce(
                col("affinity"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .map()
                    .cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))));
    if (distinctItemLimit > 0) {
      Dataset<Row> items =
          events
              .where(col("item_id").isNotNull())
              .groupBy("user_id")
              .agg(count_distinct(col("item_id")).as("n"));
      out =
          out.join(items, usingUserId(), "left")
              .withColumn("n", coalesce(col("n"), lit(0L)))
              .withColumn(
                  "distinct_items", least(col("n"), lit((long) distinctItemLimit)).cast("int"))
              .withColumn("distinct_items_saturated", col("n").gt(distinctItemLimit))
              .drop("n");
    } else {
      out =
          out.withColumn("distinct_items", lit(0))
              .withColumn("distinct_items_saturated", lit(false));
    }
    return out.select(
        "user_id",
        "events",
        "first_seen",
        "last_seen",
        "valued",
        "total_value",
        "type_counts",
        "type_last",
        "type_values",
        "affinity",
        "distinct_items",
        "distinct_items_saturated");
  }

  private static scala.collection.immutable.Seq<String> usingUserId() {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of("user_id")).toList();
  }

  /** Fitted features: the one-JVM transform and the rows. */
  public static final class Features {
    private final FeatureTransform transform;
    private final Dataset<Row> rows;
    private final Dataset<Row> cached;

    Features(FeatureTransform transform, Dataset<Row> rows, Dataset<Row> cached) {
      this.transform = transform;
      this.rows = rows;
      this.cached = cached;
    }

    /** Releases the profiles cached while fitting (the rows are recomputed if read again). */
    public void release() {
      cached.unpersist(false);
    }

    /** The library's transform, fitted from the aggregated statistics. */
    public FeatureTransform transform() {
      return transform;
    }

    /** (user_id, features array&lt;float&gt;) per user, in the transform's column order. */
    public Dataset<Row> rows() {
      return rows;
    }
  }

  /**
   * Fits {@code spec} on the users of {@code profiles} (from {@link #profiles} at the same {@code
   * asOfMillis}) as {@link FeatureSpec#fit(ProfileStore)} does: columns, fill values and scaling
   * statistics come from distributed passes, the transform from {@link FeatureSpec#assemble}.
   *
   * @throws IllegalArgumentException if the spec lists attributes (attributes are not joined on
   *     Spark yet), asks for DISTINCT_ITEMS without item tracking, or gives no column
   */
  public Features features(Dataset<Row> profiles, FeatureSpec spec, long asOfMillis) {
    Objects.requireNonNull(spec, "spec");
    if (!spec.numericAttributes().isEmpty() || !spec.categoricalAttributes().isEmpty()) {
      throw new IllegalArgumentException(
          "the spec lists attributes "
              + spec.numericAttributes()
              + spec.categoricalAttributes()
              + "; on Spark only event features are built so far: drop the attributes or fit"
              + " them in one JVM");
    }
    if (spec.groups().contains(FeatureGroup.DISTINCT_ITEMS) && distinctItemLimit == 0) {
      throw new IllegalArgumentException(
          "DISTINCT_ITEMS needs item tracking; build with setDistinctItemLimit(n) or drop the"
              + " group");
    }
    long asOf = spec.asOf().map(i -> i.toEpochMilli()).orElse(asOfMillis);
    profiles = profiles.persist(StorageLevel.MEMORY_AND_DISK());
    List<String> types = spec.eventTypes();
    if (types.isEmpty() && spec.groups().contains(FeatureGroup.TYPE_COUNTS)) {
      types = new ArrayList<>();
      for (Row r :
          profiles
              .select(org.apache.spark.sql.functions.explode(col("type_counts")))
              .where(col("value").gt(0))
              .select("key")
              .distinct()
              .collectAsList()) {
        types.add(r.getString(0));
      }
      types.sort(Comparator.naturalOrder());
    }
    List<String> categories = new ArrayList<>();
    if (spec.groups().contains(FeatureGroup.CATEGORY_AFFINITY)) {
      List<Row> mass =
          profiles
              .select(org.apache.spark.sql.functions.explode(col("affinity")))
              .groupBy("key")
              .agg(sum("value").as("m"))
              .collectAsList();
      List<Tuple2<String, Double>> cats = new ArrayList<>();
      for (Row r : mass) {
        cats.add(new Tuple2<>(r.getString(0), r.getDouble(1)));
      }
      int top = spec.topCategories();
      if (top > 0 && cats.size() > top) {
        cats.sort(
            Comparator.comparingDouble((Tuple2<String, Double> t) -> -t._2)
                .thenComparing(t -> t._1));
        cats = cats.subList(0, top);
      }
      for (Tuple2<String, Double> t : cats) {
        categories.add(t._1);
      }
      categories.sort(Comparator.naturalOrder());
    }
    FeatureRows plan = new FeatureRows(spec, types, categories, asOf);
    int d = plan.d;
    JavaRDD<double[]> raw = profiles.toJavaRDD().map(plan::raw);
    raw.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // Fill values from the non-missing raw values.
      double[][] f =
          FixedOrder.reduce(
              raw.mapPartitionsWithIndex(
                      (p, it) -> {
                        double[][] s = newStats(d);
                        while (it.hasNext()) {
                          double[] v = it.next();
                          for (int j = 0; j < d; j++) {
                            if (!Double.isNaN(v[j])) {
                              s[0][j] += v[j];
                              s[1][j]++;
                              s[2][j] = Math.min(s[2][j], v[j]);
                              s[3][j] = Math.max(s[3][j], v[j]);
                            }
                          }
                        }
                        return List.of(new Tuple2<>(p, s)).iterator();
                      },
                      true)
                  .mapToPair(t -> t),
              SparkProfiles::mergeFill);
      double[] fill = new double[d];
      for (int j = 0; j < d; j++) {
        fill[j] =
            f[1][j] == 0
                ? 0
                : switch (spec.missingFill()) {
                  case MEAN -> f[0][j] / f[1][j];
                  case ZERO -> 0;
                  case MIN -> f[2][j];
                  case MAX -> f[3][j];
                };
      }
      // Scaling statistics of the filled values: count, mean, M2 (Chan's merge), min, max.
      double[][] s =
          FixedOrder.reduce(
              raw.mapPartitionsWithIndex(
                      (p, it) -> {
                        double[][] st = newScaling(d);
                        while (it.hasNext()) {
                          double[] v = it.next();
                          st[0][0]++;
                          for (int j = 0; j < d; j++) {
                            double x = Double.isNaN(v[j]) ? fill[j] : v[j];
                            double delta = x - st[1][j];
                            st[1][j] += delta / st[0][0];
                            st[2][j] += delta * (x - st[1][j]);
                            st[3][j] = Math.min(st[3][j], x);
                            st[4][j] = Math.max(st[4][j], x);
                          }
                        }
                        return List.of(new Tuple2<>(p, st)).iterator();
                      },
                      true)
                  .mapToPair(t -> t),
              SparkProfiles::mergeScaling);
      if (s == null || s[0][0] == 0) {
        throw new IllegalArgumentException(
            "there are no users to fit features on; ingest events first");
      }
      double n = s[0][0];
      double[] center = new double[d];
      double[] scale = new double[d];
      for (int j = 0; j < d; j++) {
        switch (spec.scaling()) {
          case STANDARD -> {
            center[j] = s[1][j];
            scale[j] = Math.sqrt(s[2][j] / n);
          }
          case MIN_MAX -> {
            center[j] = s[3][j];
            scale[j] = s[4][j] - s[3][j];
          }
          case NONE -> {
            center[j] = 0;
            scale[j] = 1;
          }
        }
      }
      FeatureTransform t = spec.assemble(asOf, types, categories, Map.of(), center, scale, fill);
      if (!t.featureNames().equals(plan.names)) {
        throw new IllegalStateException(
            "the Spark feature layout " + plan.names + " differs from " + t.featureNames());
      }
      int ui = profiles.schema().fieldIndex("user_id");
      JavaRDD<Row> rows =
          profiles
              .toJavaRDD()
              .map(
                  r -> {
                    double[] v = plan.raw(r);
                    Float[] out = new Float[d];
                    for (int j = 0; j < d; j++) {
                      double x = Double.isNaN(v[j]) ? fill[j] : v[j];
                      out[j] = (float) (scale[j] == 0 ? 0 : (x - center[j]) / scale[j]);
                    }
                    return RowFactory.create(r.getString(ui), out);
                  });
      StructType schema =
          new StructType()
              .add("user_id", DataTypes.StringType, false)
              .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
      return new Features(t, profiles.sparkSession().createDataFrame(rows, schema), profiles);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("fitting features failed", e);
    } finally {
      raw.unpersist(false);
    }
  }

  private static double[][] newStats(int d) {
    double[][] s = new double[4][d];
    java.util.Arrays.fill(s[2], Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(s[3], Double.NEGATIVE_INFINITY);
    return s;
  }

  private static double[][] mergeFill(double[][] a, double[][] b) {
    for (int j = 0; j < a[0].length; j++) {
      a[0][j] += b[0][j];
      a[1][j] += b[1][j];
      a[2][j] = Math.min(a[2][j], b[2][j]);
      a[3][j] = Math.max(a[3][j], b[3][j]);
    }
    return a;
  }

  private static double[][] newScaling(int d) {
    double[][] s = new double[5][];
    s[0] = new double[1];
    s[1] = new double[d];
    s[2] = new double[d];
    s[3] = new double[d];
    s[4] = new double[d];
    java.util.Arrays.fill(s[3], Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(s[4], Double.NEGATIVE_INFINITY);
    return s;
  }

  private static double[][] mergeScaling(double[][] a, double[][] b) {
    double na = a[0][0];
    double nb = b[0][0];
    if (nb == 0) {
      return a;
    }
    double n = na + nb;
    for (int j = 0; j < a[1].length; j++) {
      double delta = b[1][j] - a[1][j];
      a[1][j] += delta * nb / n;
      a[2][j] += b[2][j] + delta * delta * (na * nb / n);
      a[3][j] = Math.min(a[3][j], b[3][j]);
      a[4][j] = Math.max(a[4][j], b[4][j]);
    }
    a[0][0] = n;
    return a;
  }

  /**
   * The raw (unscaled, unfilled) feature values of one aggregate row, as {@link FeatureTransform}
   * computes them from a profile; NaN where missing.
   */
  static final class FeatureRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte COUNT = 0;
    private static final byte RECENCY = 1;
    private static final byte FREQUENCY = 2;
    private static final byte MONETARY = 3;
    private static final byte DISTINCT = 4;
    private static final byte AFFINITY = 5;
    final int d;
    final List<String> names = new ArrayList<>();
    private final byte[] kind;
    private final String[] key;
    private final String[] rfm;
    private final boolean log1p;
    private final boolean share;
    private final long asOf;

    FeatureRows(FeatureSpec spec, List<String> types, List<String> categories, long asOf) {
      List<Byte> k = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      if (spec.groups().contains(FeatureGroup.TYPE_COUNTS)) {
        for (String t : types) {
          k.add(COUNT);
          keys.add(t);
          names.add("count:" + t);
        }
      }
      if (spec.groups().contains(FeatureGroup.RECENCY)) {
        k.add(RECENCY);
        keys.add(null);
        names.add("recency_days");
      }
      if (spec.groups().contains(FeatureGroup.FREQUENCY)) {
        k.add(FREQUENCY);
        keys.add(null);
        names.add("frequency");
      }
      if (spec.groups().contains(FeatureGroup.MONETARY)) {
        k.add(MONETARY);
        keys.add(null);
        names.add("monetary");
      }
      if (spec.groups().contains(FeatureGroup.DISTINCT_ITEMS)) {
        k.add(DISTINCT);
        keys.add(null);
        names.add("distinct_items");
      }
      if (spec.groups().contains(FeatureGroup.CATEGORY_AFFINITY)) {
        for (String c : categories) {
          k.add(AFFINITY);
          keys.add(c);
          names.add("affinity:" + c);
        }
      }
      d = k.size();
      if (d == 0) {
        throw new IllegalArgumentException(
            "the spec gives no features on these profiles (no event types or categories); check"
                + " the groups and the data");
      }
      kind = new byte[d];
      for (int j = 0; j < d; j++) {
        kind[j] = k.get(j);
      }
      key = keys.toArray(new String[0]);
      rfm = spec.rfmTypes().toArray(new String[0]);
      log1p = spec.countTransform() == FeatureSpec.CountTransform.LOG1P;
      share = spec.affinityForm() == FeatureSpec.AffinityForm.SHARE;
      this.asOf = asOf;
    }

    private double counted(long c) {
      return log1p ? Math.log1p(c) : c;
    }

    double[] raw(Row r) {
      long events = r.getLong(r.fieldIndex("events"));
      Map<String, Long> counts = r.getJavaMap(r.fieldIndex("type_counts"));
      Map<String, Long> last = r.getJavaMap(r.fieldIndex("type_last"));
      Map<String, Double> values = r.getJavaMap(r.fieldIndex("type_values"));
      Map<String, Double> aff = r.getJavaMap(r.fieldIndex("affinity"));
      double total = 0;
      for (double a : aff.values()) {
        total += a;
      }
      double[] out = new double[d];
      for (int j = 0; j < d; j++) {
        out[j] =
            switch (kind[j]) {
              case COUNT -> counted(counts.getOrDefault(key[j], 0L));
              case RECENCY -> {
                long l = Long.MIN_VALUE;
                if (events > 0) {
                  if (rfm.length == 0) {
                    l = r.getLong(r.fieldIndex("last_seen"));
                  } else {
                    for (String t : rfm) {
                      if (counts.getOrDefault(t, 0L) > 0) {
                        l = Math.max(l, last.get(t));
                      }
                    }
                  }
                }
                yield l == Long.MIN_VALUE ? Double.NaN : Math.max(0, asOf - l) / DAY_MILLIS;
              }
              case FREQUENCY -> {
                long c = 0;
                if (rfm.length == 0) {
                  c = events;
                } else {
                  for (String t : rfm) {
                    c += counts.getOrDefault(t, 0L);
                  }
                }
                yield counted(c);
              }
              case MONETARY -> {
                double v = 0;
                if (rfm.length == 0) {
                  v = r.getDouble(r.fieldIndex("total_value"));
                } else {
                  for (String t : rfm) {
                    v += values.getOrDefault(t, 0.0);
                  }
                }
                yield v;
              }
              case DISTINCT -> counted(r.getInt(r.fieldIndex("distinct_items")));
              default -> {
                double a = aff.getOrDefault(key[j], 0.0);
                yield share ? (total > 0 ? a / total : 0) : a;
              }
            };
      }
      return out;
    }
  }

  /** Builds {@link SparkProfiles}; setters reject bad values at once. */
  public static final class Builder {
    private Duration halfLife = Duration.ofDays(30);
    private final Map<String, Double> affinityWeights = new LinkedHashMap<>();
    private int distinctItemLimit;
    private BadRecordPolicy policy = BadRecordPolicy.QUARANTINE;

    private Builder() {}

    /** The half-life of category affinity, positive; default 30 days (as {@link ProfileStore}). */
    public Builder setHalfLife(Duration halfLife) {
      Objects.requireNonNull(halfLife, "halfLife");
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException(
            "halfLife (" + halfLife + ") must be positive, e.g. Duration.ofDays(30)");
      }
      this.halfLife = halfLife;
      return this;
    }

    /** The affinity weight of an event type, finite and ≥ 0 (0: the type adds no affinity). */
    public Builder setAffinityWeight(String type, double weight) {
      Objects.requireNonNull(type, "type");
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "the affinity weight of a type is " + weight + "; use a finite value ≥ 0");
      }
      affinityWeights.put(type, weight);
      return this;
    }

    /** Count distinct items per user up to this many; 0 (default) turns counting off. */
    public Builder setDistinctItemLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("distinctItemLimit is " + limit + "; use 0 or more");
      }
      this.distinctItemLimit = limit;
      return this;
    }

    /** What happens to rows that cannot be events; default QUARANTINE. */
    public Builder setPolicy(BadRecordPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The configuration. */
    public SparkProfiles get() {
      return new SparkProfiles(this);
    }
  }
}
