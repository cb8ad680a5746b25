package org.aidmp.bench.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansIterations;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Lookalike;
import org.aidmp.spark.SparkCosine;
import org.aidmp.spark.SparkKMeans;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Lloyd iteration on n × d = 1M × 64, k = 256, by dmp on Spark {@code local[2]}, by Spark
 * MLlib's K-Means ({@code maxIterations} 1 from the same initial centroids through {@code
 * setInitialModel}) on the same cached rows, and by dmp in one JVM on two threads; and one exact
 * lookalike of 10,000 seeds against the 1M users on Spark, with the one-JVM lookalike as reference.
 * Each call is one timed shot.
 *
 * <p>Rows are seeded Gaussian blobs (row i drawn from its own seed, so Spark makes them inside the
 * partitions); the start centroids are the first k rows. Every peer reads data already cached in
 * memory in its own form (dmp: float blocks; MLlib: an RDD of dense vectors; one JVM: an
 * FMatrixRMaj), so the shot times the iteration, not the input conversion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules",
      "jdk.incubator.vector",
      "-Xmx10g",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false",
      "-Dio.netty.tryReflectionSetAccessible=true"
    })
@Timeout(time = 60, timeUnit = TimeUnit.MINUTES)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class SparkBenchmark {
  /** Rows. */
  @Param({"1000000"})
  public int n;

  /** Values per row. */
  @Param({"64"})
  public int d;

  /** Clusters. */
  @Param({"256"})
  public int k;

  /** Seeds of the lookalike. */
  @Param({"10000"})
  public int seeds;

  private SparkSession spark;
  private FMatrixRMaj x;
  private FMatrixRMaj start;
  private Dataset<Row> users;
  private SparkKMeans.Iterations dmpSpark;
  private KMeansIterations dmpOne;
  private JavaRDD<Vector> vectors;
  private KMeansModel mllibStart;
  private List<String> seedIds;
  private CosineIndex index;

  /** Builds the data once for all benchmarks. */
  @Setup(Level.Trial)
  public void setUp() {
    x = blobs(n, d, CLUSTERS, SEED);
    start = new FMatrixRMaj(k, d);
    System.arraycopy(x.data, 0, start.data, 0, k * d);
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("dmp-spark-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
    StructType schema =
        new StructType()
            .add("user_id", DataTypes.StringType, false)
            .add("v", DataTypes.createArrayType(DataTypes.FloatType, false), false);
    // The rows are made inside the partitions, each from its own index, so the driver never
    // holds a million Row objects; the one-JVM copy above holds the same values.
    int dims = d;
    float[][] blobCentres = centres(d, CLUSTERS, SEED);
    users =
        spark
            .range(0, n, 1, 4)
            .map(
                (MapFunction<Long, Row>)
                    i -> {
                      float[] v = new float[dims];
                      blobRow(i, blobCentres, v);
                      Float[] boxed = new Float[dims];
                      for (int j = 0; j < dims; j++) {
                        boxed[j] = v[j];
                      }
                      return RowFactory.create("u" + i, boxed);
                    },
                Encoders.row(schema))
            .persist(StorageLevel.MEMORY_ONLY());
    users.count();
    dmpSpark = SparkKMeans.builder().setK(k).get().iterations(users, "v", start);
    dmpOne = KMeans.builder().setK(k).setThreads(2).get().iterations(x, start);
    vectors =
        users
            .toJavaRDD()
            .map(
                r -> {
                  List<Object> v = r.getList(1);
                  double[] a = new double[v.size()];
                  for (int j = 0; j < a.length; j++) {
                    a[j] = ((Number) v.get(j)).doubleValue();
                  }
                  return Vectors.dense(a);
                });
    vectors.persist(StorageLevel.MEMORY_ONLY());
    vectors.count();
    Vector[] centres = new Vector[k];
    for (int c = 0; c < k; c++) {
      double[] a = new double[d];
      for (int j = 0; j < d; j++) {
        a[j] = start.data[c * d + j];
      }
      centres[c] = Vectors.dense(a);
    }
    mllibStart = new KMeansModel(centres);
    SplittableRandom r = new SplittableRandom(7);
    seedIds = new ArrayList<>(seeds);
    for (int s = 0; s < seeds; s++) {
      seedIds.add("u" + r.nextInt(n));
    }
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add("u" + i);
    }
    index = CosineIndex.of(ids, x);
  }

  /** Releases Spark. */
  @TearDown(Level.Trial)
  public void tearDown() {
    dmpSpark.close();
    dmpOne.close();
    spark.stop();
  }

  /** Every Lloyd shot starts from the same centroids. */
  @Setup(Level.Invocation)
  public void restart() {
    dmpSpark.restart(start);
  }

  /** One Lloyd iteration of dmp on Spark local[2]. */
  @Benchmark
  public double dmpOnSparkLloydIteration() {
    return dmpSpark.step();
  }

  /** One Lloyd iteration of Spark MLlib from the same centroids. */
  @Benchmark
  public double mllibLloydIteration() {
    return new org.apache.spark.mllib.clustering.KMeans()
        .setK(k)
        .setMaxIterations(1)
        .setInitialModel(mllibStart)
        .setSeed(1)
        .run(vectors.rdd())
        .trainingCost();
  }

  /** One Lloyd iteration of dmp in one JVM on two threads. */
  @Benchmark
  public double dmpOneJvmLloydIteration() {
    return dmpOne.step();
  }

  /** One exact lookalike of the seeds against every user, on Spark local[2]. */
  @Benchmark
  public long dmpOnSparkLookalike() {
    return SparkCosine.lookalike(
            users,
            "user_id",
            "v",
            seedIds,
            Lookalike.Scoring.NEAREST_SEED,
            100_000,
            Double.NaN,
            null)
        .members()
        .count();
  }

  /** The same lookalike in one JVM on two threads. */
  @Benchmark
  public int dmpOneJvmLookalike() {
    return Lookalike.builder()
        .setTargetSize(100_000)
        .setThreads(2)
        .get()
        .expand(index, seedIds)
        .size();
  }

  private static final int CLUSTERS = 64;
  private static final long SEED = 42;

  /** n rows around `clusters` Gaussian centres; row i depends only on the seed and i. */
  static FMatrixRMaj blobs(int n, int d, int clusters, long seed) {
    float[][] centres = centres(d, clusters, seed);
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    float[] v = new float[d];
    for (int i = 0; i < n; i++) {
      blobRow(i, centres, v);
      System.arraycopy(v, 0, x.data, i * d, d);
    }
    return x;
  }

  static float[][] centres(int d, int clusters, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][d];
    for (float[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = (float) (r.nextDouble() * 20 - 10);
      }
    }
    return centres;
  }

  static void blobRow(long i, float[][] centres, float[] out) {
    SplittableRandom r = new SplittableRandom(SEED * 0x9E3779B97F4A7C15L + i);
    float[] c = centres[r.nextInt(centres.length)];
    for (int j = 0; j < out.length; j++) {
      out[j] = c[j] + (float) r.nextGaussian();
    }
  }
}
