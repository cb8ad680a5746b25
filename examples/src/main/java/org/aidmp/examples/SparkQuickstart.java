package org.aidmp.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.aidmp.fixtures.SampleData;
import org.aidmp.fixtures.SampleSchema;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.knn.Lookalike;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.FeatureSpec.FeatureGroup;
import org.aidmp.spark.SparkCosine;
import org.aidmp.spark.SparkKMeans;
import org.aidmp.spark.SparkOutputs;
import org.aidmp.spark.SparkProfiles;
import org.aidmp.spark.SparkRecommend;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The dmp flow on Spark: events → quarantine and profiles → features → K-Means segments → a
 * lookalike audience → EASE recommendations → consent and group-size filtered Parquet outputs.
 *
 * <pre>
 * java ... org.aidmp.examples.SparkQuickstart                 # generated sample data
 * java ... org.aidmp.examples.SparkQuickstart ../shared/data/online-retail-uci-2010-12
 * spark-submit --class org.aidmp.examples.SparkQuickstart examples/target/dmp-examples.jar DIR
 * </pre>
 *
 * <p>Without arguments it writes the quickstart's sample data ({@code events.csv}, {@code
 * users.csv}) and runs on it; with a folder of the UCI Online Retail CSV files it runs on those (an
 * invoice line is a purchase, a negative quantity a return, the customer id the user; lines without
 * a customer go to the quarantine). Outputs go to {@code target/dmp-spark-quickstart}. The master
 * is the one spark-submit gives, else {@code local[2]}.
 */
public final class SparkQuickstart {
  private SparkQuickstart() {}

  /** Runs the flow; see the class description for the arguments. */
  public static void main(String[] args) {
    Path work = Path.of("target", "dmp-spark-quickstart").toAbsolutePath();
    SparkConf conf = new SparkConf().setIfMissing("spark.master", "local[2]");
    conf.setIfMissing("spark.ui.enabled", "false");
    // A local run listens on the loopback address only.
    conf.setIfMissing("spark.driver.host", "127.0.0.1");
    conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    SparkSession spark =
        SparkSession.builder().appName("dmp-spark-quickstart").config(conf).getOrCreate();
    try {
      run(spark, args.length == 0 ? null : Path.of(args[0]), SampleData.builder().get(), work);
    } finally {
      spark.stop();
    }
  }

  /**
   * What one run produced, for the caller to check.
   *
   * @param read rows read from the source
   * @param accepted rows that became events
   * @param quarantined rows kept in the quarantine with a reason
   * @param skipped rows dropped by the policy
   * @param users users with a profile (rows of the feature table)
   * @param clusterSizes users per segment
   * @param seeds seeds of the lookalike found among the users
   * @param audience members of the lookalike audience
   * @param items items in the EASE model
   * @param recommendations recommendation rows written after consent and the group-size filter
   * @param maxPerUser the most recommendations any one user received
   */
  record Summary(
      long read,
      long accepted,
      long quarantined,
      long skipped,
      long users,
      long[] clusterSizes,
      int seeds,
      long audience,
      int items,
      long recommendations,
      long maxPerUser) {}

  /**
   * Runs the flow on the retail folder, or on {@code sample} when {@code retail} is null, writing
   * into {@code work}.
   */
  static Summary run(SparkSession spark, Path retail, SampleData sample, Path work) {
    Dataset<Row> raw;
    Dataset<Row> consent;
    EventMapping mapping;
    if (retail == null) {
      SampleData.Written files = sample.writeTo(work.resolve("input"));
      raw = spark.read().option("header", "true").csv(files.events().toString());
      mapping = SampleSchema.EVENT_MAPPING;
      consent =
          spark
              .read()
              .option("header", "true")
              .csv(files.users().toString())
              .select(
                  col("user_id"),
                  lower(trim(col("consent"))).isin("yes", "y", "true").as("personalisation"))
              // The attribute file repeats some users: a user counts as consenting only when
              // every one of their rows says so.
              .groupBy("user_id")
              .agg(min("personalisation").as("personalisation"));
      System.out.println("sample data: " + files.events());
    } else {
      raw =
          spark
              .read()
              .option("header", "true")
              .csv(retail.resolve("*.csv").toString())
              .select(
                  when(col("CustomerID").isNotNull(), col("CustomerID").cast("double").cast("long"))
                      .cast("string")
                      .as("user_id"),
                  to_timestamp(col("InvoiceDate"), "yyyy-MM-dd HH:mm:ss").as("timestamp"),
                  when(col("Quantity").cast("int").lt(0), lit("return"))
                      .otherwise(lit("purchase"))
                      .as("event_type"),
                  col("StockCode").as("item_id"),
                  col("Country").as("category"),
                  col("Quantity")
                      .cast("double")
                      .multiply(col("UnitPrice").cast("double"))
                      .as("amount"));
      mapping =
          SampleSchema.EVENT_MAPPING.toBuilder()
              .setAllowedTypes(List.of("purchase", "return"))
              .get();
      // The retail data carry no consent: every customer counts as consenting in this demo.
      consent = raw.select(col("user_id"), lit(true).as("personalisation")).distinct();
      System.out.println("retail data: " + retail);
    }

    // 1. Events → typed events, quarantine, the row account.
    SparkProfiles profiles =
        SparkProfiles.builder().setAffinityWeight("purchase", 5).setDistinctItemLimit(1000).get();
    SparkProfiles.Ingest in = profiles.ingest(raw, mapping, "events");
    System.out.printf(
        "read %,d rows: %,d events, %,d quarantined, %,d skipped%n",
        in.read(), in.accepted(), in.quarantined(), in.skipped());
    SparkOutputs.write(in.quarantine(), "parquet", work.resolve("quarantine").toString());

    // 2. Profiles and features; the transform is the one-JVM FeatureTransform.
    long asOf = SparkProfiles.latest(in.events());
    Dataset<Row> users = profiles.profiles(in.events(), asOf);
    FeatureSpec spec =
        FeatureSpec.builder()
            .setGroups(
                EnumSet.of(
                    FeatureGroup.RECENCY,
                    FeatureGroup.FREQUENCY,
                    FeatureGroup.MONETARY,
                    FeatureGroup.DISTINCT_ITEMS,
                    FeatureGroup.CATEGORY_AFFINITY))
            .setTopCategories(8)
            .get();
    SparkProfiles.Features features = profiles.features(users, spec, asOf);
    Dataset<Row> rows = features.rows().cache();
    System.out.println("features: " + features.transform().featureNames());

    // 3. Segments with dmp's kernels inside the partitions.
    SparkKMeans.Result km = SparkKMeans.builder().setK(6).setSeed(42).get().fit(rows, "features");
    KMeansModel model = km.model();
    System.out.printf(
        "K-Means: %d segments in %d iterations, sizes %s%n",
        model.k(), model.iterations(), java.util.Arrays.toString(km.clusterSizes()));
    Dataset<Row> segments = SparkKMeans.predict(model, rows, "features", "segment");

    // 4. A lookalike of the smallest segment.
    int smallest = 0;
    long[] sizes = km.clusterSizes();
    for (int c = 1; c < sizes.length; c++) {
      if (sizes[c] > 0 && (sizes[smallest] == 0 || sizes[c] < sizes[smallest])) {
        smallest = c;
      }
    }
    List<String> seeds = new ArrayList<>();
    for (Row r :
        segments
            .where(col("segment").equalTo(smallest))
            .select("user_id")
            .limit(500)
            .collectAsList()) {
      seeds.add(r.getString(0));
    }
    SparkCosine.Audience audience =
        SparkCosine.lookalike(
            segments.join(consent, "user_id"),
            "user_id",
            "features",
            seeds,
            Lookalike.Scoring.NEAREST_SEED,
            1000,
            Double.NaN,
            "personalisation");
    System.out.printf(
        "lookalike of segment %d: %d seeds, %,d members%n",
        smallest, audience.seedCount(), audience.members().count());

    // 5. EASE recommendations for every user, then consent and a minimum group of 10 users.
    Dataset<Row> interactions =
        in.events()
            .where(col("item_id").isNotNull())
            .select(
                col("user_id"),
                col("item_id"),
                when(col("type").equalTo("purchase"), lit(5f))
                    .when(col("type").equalTo("cart"), lit(3f))
                    .when(col("type").equalTo("click"), lit(2f))
                    .when(col("type").equalTo("view"), lit(1f))
                    .otherwise(lit(0f))
                    .as("weight"))
            .where(col("weight").gt(0));
    SparkRecommend.ItemItem ease =
        SparkRecommend.fitEase(interactions, "user_id", "item_id", "weight", 250);
    Dataset<Row> recs =
        SparkRecommend.recommend(ease, interactions, "user_id", "item_id", "weight", 5);
    Dataset<Row> safe =
        SparkOutputs.privacyFilter(recs, "user_id", consent, "personalisation", "item_id", 10);
    SparkOutputs.write(safe, "parquet", work.resolve("recommendations").toString());
    SparkOutputs.write(
        SparkOutputs.privacyFilter(
            segments.select("user_id", "segment"),
            "user_id",
            consent,
            "personalisation",
            "segment",
            10),
        "parquet",
        work.resolve("segments").toString());
    Dataset<Row> written = spark.read().parquet(work.resolve("recommendations").toString());
    long recommendationCount = written.count();
    long maxPerUser =
        recommendationCount == 0
            ? 0
            : written.groupBy("user_id").count().agg(max("count")).first().getLong(0);
    System.out.printf(
        "EASE over %,d items: %,d recommendations written (after consent and groups of 10)%n",
        ease.items().size(), recommendationCount);
    System.out.println("outputs: " + work);
    Summary summary =
        new Summary(
            in.read(),
            in.accepted(),
            in.quarantined(),
            in.skipped(),
            rows.count(),
            km.clusterSizes(),
            audience.seedCount(),
            audience.members().count(),
            ease.items().size(),
            recommendationCount,
            maxPerUser);
    rows.unpersist();
    features.release();
    in.release();
    return summary;
  }
}
