package org.aidmp.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.kmeans.Distance;
import org.aidmp.kmeans.EmptyClusterPolicy;
import org.aidmp.kmeans.Initialization;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.spark.internal.Blocks;
import org.aidmp.spark.internal.Centroids;
import org.aidmp.spark.internal.FixedOrder;
import org.aidmp.spark.internal.FloatBlock;
import org.aidmp.spark.internal.Partial;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.FMatrixRMaj;
import scala.Tuple2;

/**
 * K-Means on a Spark {@code Dataset<Row>} with dmp's fused assignment kernel inside the partitions.
 * Returns the library's own {@link KMeansModel}, so personas, prediction and saving work as after a
 * one-JVM fit.
 *
 * <pre>{@code
 * SparkKMeans kMeans = SparkKMeans.builder().setK(8).setSeed(42).get();
 * SparkKMeans.Result r = kMeans.fit(users, "features");      // array<float> column
 * KMeansModel model = r.model();
 * Dataset<Row> labelled = SparkKMeans.predict(model, users, "features", "segment");
 * }</pre>
 *
 * <p>How it runs: the rows are cut once into float blocks per partition and cached. Each Lloyd
 * iteration broadcasts the centroids in the kernel's transposed layout, assigns every block with
 * {@link VectorKernels#nearestCentroids} and accumulates weighted sums in double per partition; the
 * partial sums are merged in partition order ({@link FixedOrder}), so one seed on one partitioning
 * gives one model. The update, the empty-cluster policy, cosine re-normalisation and the stopping
 * rule (squared centroid shift at most {@code tolerance × mean feature variance}) follow {@link
 * KMeans} with {@link org.aidmp.kmeans.Algorithm#LLOYD}; given the same initial centroids the
 * centroids agree with a one-JVM fit to float rounding (the sums are added in another order).
 *
 * <p>Initialisation: {@link Initialization#GIVEN}, {@link Initialization#RANDOM} (k distinct rows
 * drawn by weight) or {@link Initialization#K_MEANS_PARALLEL} (the default: k-means‖ with five
 * rounds of oversampling ℓ = 2k, its candidates weighted by the rows nearest to them and reduced to
 * k centres by a weighted one-JVM {@link KMeans} on the driver). Greedy k-means++ needs one pass
 * per centre and is refused here.
 */
public final class SparkKMeans implements Serializable {
  private static final long serialVersionUID = 1L;

  /** k-means‖ rounds, as in the one-JVM seeding. */
  public static final int PARALLEL_ROUNDS = 5;

  /** Lloyd iterations of the driver-side fit that reduces the k-means‖ candidates to k. */
  public static final int CANDIDATE_ITERATIONS = 30;

  /** k = 8, k-means‖, 300 iterations, tolerance 1e-4, seed 42, Euclidean, 4,096-row blocks. */
  public static final SparkKMeans DEFAULT = new Builder().get();

  private final int k;
  private final Initialization initialization;
  private final float[] initialCentroids;
  private final int initialCols;
  private final int maxIterations;
  private final double tolerance;
  private final long seed;
  private final Distance distance;
  private final EmptyClusterPolicy emptyClusterPolicy;
  private final int blockRows;

  private SparkKMeans(Builder b) {
    this.k = b.k;
    this.initialization = b.initialization;
    this.initialCentroids = b.initialCentroids == null ? null : b.initialCentroids.data.clone();
    this.initialCols = b.initialCentroids == null ? 0 : b.initialCentroids.numCols;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.seed = b.seed;
    this.distance = b.distance;
    this.emptyClusterPolicy = b.emptyClusterPolicy;
    this.blockRows = b.blockRows;
    if (initialization == Initialization.GIVEN && initialCentroids == null) {
      throw new IllegalArgumentException(
          "initialization GIVEN needs centroids; call setInitialCentroids(matrix)");
    }
    if (initialization != Initialization.GIVEN && initialCentroids != null) {
      throw new IllegalArgumentException(
          "initial centroids are set but initialization is "
              + initialization
              + "; use setInitialization(Initialization.GIVEN) or drop the centroids");
    }
  }

  /** A builder with the {@link #DEFAULT} settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.k = k;
    b.initialization = initialization;
    if (initialCentroids != null) {
      b.initialCentroids = new FMatrixRMaj(k, initialCols);
      System.arraycopy(initialCentroids, 0, b.initialCentroids.data, 0, initialCentroids.length);
    }
    b.maxIterations = maxIterations;
    b.tolerance = tolerance;
    b.seed = seed;
    b.distance = distance;
    b.emptyClusterPolicy = emptyClusterPolicy;
    b.blockRows = blockRows;
    return b;
  }

  /** The number of clusters. */
  public int k() {
    return k;
  }

  /** How the starting centroids are chosen. */
  public Initialization initialization() {
    return initialization;
  }

  /** Iterations at most. */
  public int maxIterations() {
    return maxIterations;
  }

  /** Convergence tolerance, relative to the mean feature variance. */
  public double tolerance() {
    return tolerance;
  }

  /** The seed of every random choice. */
  public long seed() {
    return seed;
  }

  /** The geometry. */
  public Distance distance() {
    return distance;
  }

  /** What happens to a centroid no row chose. */
  public EmptyClusterPolicy emptyClusterPolicy() {
    return emptyClusterPolicy;
  }

  /** Rows per float block inside a partition. */
  public int blockRows() {
    return blockRows;
  }

  /** A fitted model with the counts that live on the cluster. */
  public static final class Result {
    private final KMeansModel model;
    private final long[] clusterSizes;
    private final double[] clusterWeights;
    private final long rows;

    Result(KMeansModel model, long[] clusterSizes, double[] clusterWeights, long rows) {
      this.model = model;
      this.clusterSizes = clusterSizes;
      this.clusterWeights = clusterWeights;
      this.rows = rows;
    }

    /**
     * The library's model: centroids, inertia (exact, in double, with the final centroids),
     * iterations, convergence and history. Its {@link KMeansModel#labels()} are empty: labels are a
     * column, from {@link SparkKMeans#predict}.
     */
    public KMeansModel model() {
      return model;
    }

    /** Rows per cluster under the final centroids. */
    public long[] clusterSizes() {
      return clusterSizes.clone();
    }

    /** Weight per cluster under the final centroids. */
    public double[] clusterWeights() {
      return clusterWeights.clone();
    }

    /** Rows fitted. */
    public long rows() {
      return rows;
    }

    @Override
    public String toString() {
      return "SparkKMeans.Result[" + model + ", rows=" + rows + "]";
    }
  }

  /** Fits unweighted rows. See {@link #fit(Dataset, String, String)}. */
  public Result fit(Dataset<Row> data, String vectorColumn) {
    return fit(data, vectorColumn, null);
  }

  /**
   * Clusters the vectors of {@code vectorColumn} (array of float or double, one length).
   *
   * @param weightColumn a numeric column of non-negative weights, or null for weight 1
   * @throws IllegalArgumentException on a missing or mistyped column, NaN or infinite values or
   *     weights (naming partition and row), vectors of different lengths, k &gt; rows, or all
   *     weights 0
   */
  public Result fit(Dataset<Row> data, String vectorColumn, String weightColumn) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(vectorColumn, "vectorColumn");
    int d = Blocks.dimension(data, vectorColumn);
    if (initialCentroids != null && initialCols != d) {
      throw new IllegalArgumentException(
          "initial centroids have "
              + initialCols
              + " columns but the vectors have "
              + d
              + "; pass k × "
              + d
              + " centroids");
    }
    JavaRDD<FloatBlock> blocks =
        Blocks.of(data, null, vectorColumn, weightColumn, d, blockRows, cosine());
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
      Stats stats = Stats.of(blocks, d);
      if (k > stats.rows) {
        throw new IllegalArgumentException(
            "k (" + k + ") exceeds the number of rows (" + stats.rows + "); lower k or add rows");
      }
      if (!(stats.weight > 0)) {
        throw new IllegalArgumentException("all weights are 0; give some row a positive weight");
      }
      double tolAbs = tolerance * stats.meanVariance();
      SplittableRandom rnd = new SplittableRandom(seed);
      float[] init = initialCentroids(jsc, blocks, d, stats.rows, rnd);
      Lloyd lloyd = new Lloyd(jsc, blocks, k, d, cosine(), emptyClusterPolicy, init);
      double[] history = new double[maxIterations];
      int iterations = 0;
      boolean converged = false;
      while (iterations < maxIterations) {
        double shift = lloyd.step();
        history[iterations++] = lloyd.lastInertia;
        if (shift <= tolAbs) {
          converged = true;
          break;
        }
      }
      Partial fin = lloyd.finalPass();
      FMatrixRMaj c = new FMatrixRMaj(k, d);
      System.arraycopy(lloyd.c, 0, c.data, 0, k * d);
      KMeansModel model =
          KMeansModel.fromCentroids(
              c,
              distance,
              fin.exactInertia,
              iterations,
              converged,
              seed,
              VectorKernelsProvider.get().name(),
              Arrays.copyOf(history, iterations));
      return new Result(model, fin.counts, fin.weights, stats.rows);
    } finally {
      blocks.unpersist(false);
    }
  }

  /**
   * A handle that runs single Lloyd iterations from given centroids over cached blocks, for
   * benchmarks and callers who drive the loop. Close it to release the cached blocks.
   *
   * @param start k × d starting centroids; not modified
   */
  public Iterations iterations(Dataset<Row> data, String vectorColumn, FMatrixRMaj start) {
    int d = Blocks.dimension(data, vectorColumn);
    if (start.numRows != k || start.numCols != d) {
      throw new IllegalArgumentException(
          "start centroids are "
              + start.numRows
              + " × "
              + start.numCols
              + " but must be k × d = "
              + k
              + " × "
              + d);
    }
    JavaRDD<FloatBlock> blocks = Blocks.of(data, null, vectorColumn, null, d, blockRows, cosine());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    float[] c = Arrays.copyOf(start.data, k * d);
    if (cosine()) {
      for (int i = 0; i < k; i++) {
        Blocks.normalise(c, i * d, d);
      }
    }
    return new Iterations(new Lloyd(jsc, blocks, k, d, cosine(), emptyClusterPolicy, c), blocks);
  }

  /** Single Lloyd iterations over cached blocks; see {@link SparkKMeans#iterations}. */
  public static final class Iterations implements AutoCloseable {
    private final Lloyd lloyd;
    private final JavaRDD<FloatBlock> blocks;

    private Iterations(Lloyd lloyd, JavaRDD<FloatBlock> blocks) {
      this.lloyd = lloyd;
      this.blocks = blocks;
    }

    /**
     * Sets the current centroids (k × d, copied; unit-scaled under cosine), to time or run again
     * from a known start.
     */
    public void restart(FMatrixRMaj centroids) {
      if (centroids.numRows != lloyd.k || centroids.numCols != lloyd.d) {
        throw new IllegalArgumentException(
            "centroids are "
                + centroids.numRows
                + " × "
                + centroids.numCols
                + " but must be "
                + lloyd.k
                + " × "
                + lloyd.d);
      }
      System.arraycopy(centroids.data, 0, lloyd.c, 0, lloyd.k * lloyd.d);
      if (lloyd.cosine) {
        for (int i = 0; i < lloyd.k; i++) {
          Blocks.normalise(lloyd.c, i * lloyd.d, lloyd.d);
        }
      }
    }

    /** One assignment and update; returns the squared centroid shift. */
    public double step() {
      return lloyd.step();
    }

    /** The inertia of the last assignment (kernel distances, summed in double). */
    public double lastInertia() {
      return lloyd.lastInertia;
    }

    /** A copy of the current centroids. */
    public FMatrixRMaj centroids() {
      FMatrixRMaj m = new FMatrixRMaj(lloyd.k, lloyd.d);
      System.arraycopy(lloyd.c, 0, m.data, 0, lloyd.k * lloyd.d);
      return m;
    }

    /** Releases the cached blocks. */
    @Override
    public void close() {
      blocks.unpersist(false);
    }
  }

  /**
   * {@code data} with an int column {@code labelColumn} holding each row's nearest centroid of
   * {@code model} (rows unit-scaled first under cosine), computed by the fused kernel in blocks.
   * Rows with a missing vector get a null label.
   */
  public static Dataset<Row> predict(
      KMeansModel model, Dataset<Row> data, String vectorColumn, String labelColumn) {
    Objects.requireNonNull(model, "model");
    int vi = Blocks.vectorColumn(data, vectorColumn);
    int d = model.dimensions();
    int k = model.k();
    boolean cosine = model.distance() == Distance.COSINE;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
    Broadcast<Centroids> bc = jsc.broadcast(new Centroids(model.centroids().data, k, d));
    StructType schema = data.schema().add(labelColumn, DataTypes.IntegerType, true);
    int chunk = 1024;
    return data.mapPartitions(
        (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>)
            rows -> {
              VectorKernels kern = VectorKernelsProvider.get();
              Centroids cs = bc.value();
              List<Row> out = new ArrayList<>();
              float[] x = new float[chunk * d];
              List<Row> pending = new ArrayList<>(chunk);
              int[] lab = new int[chunk];
              float[] dist = new float[chunk];
              while (rows.hasNext() || !pending.isEmpty()) {
                pending.clear();
                List<Row> nulls = new ArrayList<>();
                while (rows.hasNext() && pending.size() < chunk) {
                  Row r = rows.next();
                  if (r.isNullAt(vi)) {
                    nulls.add(r);
                    continue;
                  }
                  List<Object> v = r.getList(vi);
                  if (v.size() != d) {
                    throw new IllegalArgumentException(
                        "a row has " + v.size() + " values; the model has " + d + " features");
                  }
                  int o = pending.size() * d;
                  for (int j = 0; j < d; j++) {
                    x[o + j] = ((Number) v.get(j)).floatValue();
                  }
                  if (cosine) {
                    Blocks.normalise(x, o, d);
                  }
                  pending.add(r);
                }
                int n = pending.size();
                if (n > 0) {
                  kern.nearestCentroids(x, 0, n, d, cs.ct, cs.ks, cs.cn, cs.k, lab, 0, dist, 0);
                }
                for (int i = 0; i < n; i++) {
                  out.add(append(pending.get(i), lab[i]));
                }
                for (Row r : nulls) {
                  out.add(append(r, null));
                }
                if (n == 0 && !rows.hasNext()) {
                  break;
                }
              }
              return out.iterator();
            },
        ExpressionEncoder.apply(schema));
  }

  private static Row append(Row r, Object v) {
    Object[] vals = new Object[r.length() + 1];
    for (int i = 0; i < r.length(); i++) {
      vals[i] = r.get(i);
    }
    vals[r.length()] = v;
    return RowFactory.create(vals);
  }

  private boolean cosine() {
    return distance == Distance.COSINE;
  }

  private float[] initialCentroids(
      JavaSparkContext jsc, JavaRDD<FloatBlock> blocks, int d, long n, SplittableRandom rnd) {
    switch (initialization) {
      case GIVEN:
        {
          float[] c = Arrays.copyOf(initialCentroids, k * d);
          if (cosine()) {
            for (int i = 0; i < k; i++) {
              Blocks.normalise(c, i * d, d);
            }
          }
          return c;
        }
      case RANDOM:
        return randomRows(blocks, k, d, rnd.nextLong());
      case K_MEANS_PARALLEL:
        return kMeansParallel(jsc, blocks, d, rnd);
      case K_MEANS_PLUS_PLUS:
      default:
        throw new IllegalArgumentException(
            "greedy k-means++ needs one pass over the data per centre; on Spark use"
                + " Initialization.K_MEANS_PARALLEL (the default) or RANDOM");
    }
  }

  /** k distinct rows drawn by weight: the k smallest keys −ln(u)/w (Efraimidis–Spirakis). */
  static float[] randomRows(JavaRDD<FloatBlock> blocks, int k, int d, long seed) {
    List<Pick> picks =
        blocks
            .flatMap(
                b -> {
                  List<Pick> out = new ArrayList<>();
                  for (int i = 0; i < b.rows; i++) {
                    double w = b.weight(i);
                    if (w > 0) {
                      double key = -Math.log(1 - uniform(seed, -1, b.start + i)) / w;
                      out.add(
                          new Pick(key, b.start + i, Arrays.copyOfRange(b.x, i * d, i * d + d)));
                    }
                  }
                  return out.iterator();
                })
            .takeOrdered(k, Pick.ORDER);
    float[] out = new float[k * d];
    for (int c = 0; c < k; c++) {
      Pick p = picks.get(Math.min(c, picks.size() - 1));
      System.arraycopy(p.x, 0, out, c * d, d);
    }
    return out;
  }

  /** A row picked by a key; ordered by key, then position. */
  static final class Pick implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Comparator<Pick> ORDER = new PickOrder();
    final double key;
    final long index;
    final float[] x;

    Pick(double key, long index, float[] x) {
      this.key = key;
      this.index = index;
      this.x = x;
    }
  }

  private static final class PickOrder implements Comparator<Pick>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Pick a, Pick b) {
      int c = Double.compare(a.key, b.key);
      return c != 0 ? c : Long.compare(a.index, b.index);
    }
  }

  /**
   * k-means‖: each round updates every row's squared distance to the newest candidates (kept per
   * block between rounds) and keeps a row with probability min(1, 2k·w·D²/φ), by a uniform fixed by
   * (seed, round, row position); the candidates, weighted by the rows nearest to them, are reduced
   * to k by a weighted one-JVM fit.
   */
  private float[] kMeansParallel(
      JavaSparkContext jsc, JavaRDD<FloatBlock> blocks, int d, SplittableRandom rnd) {
    long sampleSeed = rnd.nextLong();
    float[] first = randomRows(blocks, 1, d, sampleSeed);
    List<float[]> cand = new ArrayList<>();
    cand.add(first);
    double ell = 2.0 * k;
    JavaRDD<Tuple2<FloatBlock, double[]>> closest =
        blocks.map(
            b -> {
              double[] m = new double[b.rows];
              Arrays.fill(m, Double.POSITIVE_INFINITY);
              return new Tuple2<>(b, m);
            });
    int from = 0;
    for (int round = 0; round <= PARALLEL_ROUNDS; round++) {
      float[] fresh = new float[(cand.size() - from) * d];
      for (int t = from; t < cand.size(); t++) {
        System.arraycopy(cand.get(t), 0, fresh, (t - from) * d, d);
      }
      Broadcast<Centroids> bc = jsc.broadcast(new Centroids(fresh, cand.size() - from, d));
      JavaRDD<Tuple2<FloatBlock, double[]>> prev = closest;
      closest =
          prev.map(
              t -> {
                FloatBlock b = t._1;
                double[] m = t._2.clone();
                int[] lab = new int[b.rows];
                float[] dist = new float[b.rows];
                bc.value().assign(VectorKernelsProvider.get(), b, lab, dist);
                for (int i = 0; i < b.rows; i++) {
                  m[i] = Math.min(m[i], dist[i]);
                }
                return new Tuple2<>(b, m);
              });
      closest.persist(StorageLevel.MEMORY_ONLY());
      double pot =
          FixedOrderSum.of(
              closest.map(
                  t -> {
                    double s = 0;
                    for (int i = 0; i < t._1.rows; i++) {
                      s += t._1.weight(i) * t._2[i];
                    }
                    return s;
                  }));
      prev.unpersist(false);
      bc.unpersist(false);
      from = cand.size();
      if (round == PARALLEL_ROUNDS || !(pot > 0)) {
        break;
      }
      final int r = round;
      final double phi = pot;
      List<Pick> picked =
          closest
              .flatMap(
                  t -> {
                    FloatBlock b = t._1;
                    List<Pick> out = new ArrayList<>();
                    for (int i = 0; i < b.rows; i++) {
                      double p = ell * b.weight(i) * t._2[i] / phi;
                      if (p > 0 && uniform(sampleSeed, r, b.start + i) < p) {
                        out.add(
                            new Pick(0, b.start + i, Arrays.copyOfRange(b.x, i * d, i * d + d)));
                      }
                    }
                    return out.iterator();
                  })
              .collect();
      List<Pick> sorted = new ArrayList<>(picked);
      sorted.sort(Pick.ORDER);
      for (Pick p : sorted) {
        cand.add(p.x);
      }
    }
    closest.unpersist(false);
    int cc = cand.size();
    float[] cx = new float[cc * d];
    for (int t = 0; t < cc; t++) {
      System.arraycopy(cand.get(t), 0, cx, t * d, d);
    }
    if (cc <= k) {
      float[] out = new float[k * d];
      System.arraycopy(cx, 0, out, 0, cc * d);
      float[] extra = randomRows(blocks, k, d, rnd.nextLong());
      System.arraycopy(extra, cc * d, out, cc * d, (k - cc) * d);
      return out;
    }
    // Weight each candidate by the rows nearest to it, with the fused kernel.
    Broadcast<Centroids> all = jsc.broadcast(new Centroids(cx, cc, d));
    double[] cw;
    try {
      cw =
          FixedOrder.reduce(
              blocks
                  .mapPartitionsWithIndex(
                      (p, it) -> {
                        double[] w = new double[cc];
                        Centroids cs = all.value();
                        VectorKernels kern = VectorKernelsProvider.get();
                        while (it.hasNext()) {
                          FloatBlock b = it.next();
                          int[] lab = new int[b.rows];
                          cs.assign(kern, b, lab, new float[b.rows]);
                          for (int i = 0; i < b.rows; i++) {
                            w[lab[i]] += b.weight(i);
                          }
                        }
                        return List.of(new Tuple2<>(p, w)).iterator();
                      },
                      true)
                  .mapToPair(t -> t),
              (a, b) -> {
                for (int i = 0; i < a.length; i++) {
                  a[i] += b[i];
                }
                return a;
              });
    } catch (Exception e) {
      throw new IllegalStateException("weighting the k-means|| candidates failed", e);
    } finally {
      all.unpersist(false);
    }
    FMatrixRMaj cm = new FMatrixRMaj(cc, d);
    System.arraycopy(cx, 0, cm.data, 0, cc * d);
    KMeansModel reduced =
        KMeans.builder()
            .setK(k)
            .setSeed(rnd.nextLong())
            .setMaxIterations(CANDIDATE_ITERATIONS)
            .get()
            .fit(cm, cw);
    return reduced.centroids().data;
  }

  /** A uniform in [0, 1) fixed by (seed, round, row position). */
  static double uniform(long seed, int round, long i) {
    long z = seed + 0x9E3779B97F4A7C15L * (((long) round << 40) + i + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** Sums one double per partition in partition order. */
  static final class FixedOrderSum {
    private FixedOrderSum() {}

    static double of(JavaRDD<Double> perBlock) {
      try {
        double[] s =
            FixedOrder.reduce(
                perBlock
                    .mapPartitionsWithIndex(
                        (p, it) -> {
                          double acc = 0;
                          while (it.hasNext()) {
                            acc += it.next();
                          }
                          return List.of(new Tuple2<>(p, new double[] {acc})).iterator();
                        },
                        true)
                    .mapToPair(t -> t),
                (a, b) -> {
                  a[0] += b[0];
                  return a;
                });
        return s == null ? 0 : s[0];
      } catch (Exception e) {
        throw new IllegalStateException("summing per partition failed", e);
      }
    }
  }

  /** Row count, total weight and per-column mean and M2 (Chan's merge), in partition order. */
  static final class Stats implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;
    double weight;
    final double[] mean;
    final double[] m2;

    Stats(int d) {
      mean = new double[d];
      m2 = new double[d];
    }

    double meanVariance() {
      double total = 0;
      for (int j = 0; j < mean.length; j++) {
        total += rows == 0 ? 0 : m2[j] / rows;
      }
      return total / mean.length;
    }

    Stats merge(Stats o) {
      if (o.rows == 0) {
        return this;
      }
      long n = rows + o.rows;
      for (int j = 0; j < mean.length; j++) {
        double delta = o.mean[j] - mean[j];
        mean[j] += delta * o.rows / n;
        m2[j] += o.m2[j] + delta * delta * ((double) rows * o.rows / n);
      }
      rows = n;
      weight += o.weight;
      return this;
    }

    static Stats of(JavaRDD<FloatBlock> blocks, int d) {
      try {
        return FixedOrder.reduce(
            blocks
                .mapPartitionsWithIndex(
                    (p, it) -> {
                      Stats s = new Stats(d);
                      while (it.hasNext()) {
                        FloatBlock b = it.next();
                        for (int i = 0; i < b.rows; i++) {
                          s.rows++;
                          s.weight += b.weight(i);
                          for (int j = 0; j < d; j++) {
                            double v = b.x[i * d + j];
                            double delta = v - s.mean[j];
                            s.mean[j] += delta / s.rows;
                            s.m2[j] += delta * (v - s.mean[j]);
                          }
                        }
                      }
                      return List.of(new Tuple2<>(p, s)).iterator();
                    },
                    true)
                .mapToPair(t -> t),
            Stats::merge);
      } catch (Exception e) {
        throw new IllegalStateException("the statistics pass failed", e);
      }
    }
  }

  /** The Lloyd loop's state on the driver: the centroids and the last step's figures. */
  static final class Lloyd {
    final JavaSparkContext jsc;
    final JavaRDD<FloatBlock> blocks;
    final int k;
    final int d;
    final boolean cosine;
    final EmptyClusterPolicy policy;
    final float[] c;
    double lastInertia;

    Lloyd(
        JavaSparkContext jsc,
        JavaRDD<FloatBlock> blocks,
        int k,
        int d,
        boolean cosine,
        EmptyClusterPolicy policy,
        float[] init) {
      this.jsc = jsc;
      this.blocks = blocks;
      this.k = k;
      this.d = d;
      this.cosine = cosine;
      this.policy = policy;
      this.c = init.clone();
    }

    /** Assigns every row with the current centroids and merges the partials in fixed order. */
    Partial pass(Centroids cs, boolean exact) {
      Broadcast<Centroids> bc = jsc.broadcast(cs);
      int kk = k;
      int dd = d;
      try {
        return FixedOrder.reduce(
            blocks
                .mapPartitionsWithIndex(
                    (p, it) -> {
                      Centroids b = bc.value();
                      VectorKernels kern = VectorKernelsProvider.get();
                      Partial part = new Partial(kk, dd);
                      int[] lab = new int[0];
                      float[] dist = new float[0];
                      while (it.hasNext()) {
                        FloatBlock blk = it.next();
                        if (lab.length < blk.rows) {
                          lab = new int[blk.rows];
                          dist = new float[blk.rows];
                        }
                        b.assign(kern, blk, lab, dist);
                        accumulate(blk, lab, dist, b.c, part, exact);
                      }
                      return List.of(new Tuple2<>(p, part)).iterator();
                    },
                    true)
                .mapToPair(t -> t),
            Partial::add);
      } catch (Exception e) {
        throw new IllegalStateException("a K-Means pass failed", e);
      } finally {
        bc.unpersist(false);
      }
    }

    static void accumulate(
        FloatBlock b, int[] lab, float[] dist, float[] c, Partial part, boolean exact) {
      int d = b.d;
      double[] sums = part.sums;
      for (int i = 0; i < b.rows; i++) {
        int l = lab[i];
        double wi = b.weight(i);
        int o = l * d;
        int xo = i * d;
        if (b.w == null) {
          for (int j = 0; j < d; j++) {
            sums[o + j] += b.x[xo + j];
          }
        } else {
          for (int j = 0; j < d; j++) {
            sums[o + j] += wi * b.x[xo + j];
          }
        }
        part.weights[l] += wi;
        part.counts[l]++;
        part.inertia += wi * dist[i];
        if (exact) {
          double t = 0;
          for (int j = 0; j < d; j++) {
            double u = (double) b.x[xo + j] - c[o + j];
            t += u * u;
          }
          part.exactInertia += wi * t;
        }
      }
    }

    /** One Lloyd iteration; returns the squared centroid shift. */
    double step() {
      Centroids cs = new Centroids(c, k, d);
      Partial p = pass(cs, false);
      lastInertia = p.inertia;
      float[] old = c.clone();
      boolean anyEmpty = false;
      for (int cc = 0; cc < k; cc++) {
        anyEmpty |= p.weights[cc] <= 0;
      }
      if (anyEmpty && policy == EmptyClusterPolicy.RELOCATE_FARTHEST) {
        relocate(cs, p);
      }
      for (int cc = 0; cc < k; cc++) {
        double cw = p.weights[cc];
        if (cw > 0) {
          for (int j = 0; j < d; j++) {
            c[cc * d + j] = (float) (p.sums[cc * d + j] / cw);
          }
        }
        if (cosine) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            s += (double) c[cc * d + j] * c[cc * d + j];
          }
          if (s == 0) {
            System.arraycopy(old, cc * d, c, cc * d, d);
          } else {
            double inv = 1.0 / Math.sqrt(s);
            for (int j = 0; j < d; j++) {
              c[cc * d + j] = (float) (c[cc * d + j] * inv);
            }
          }
        }
      }
      double shift = 0;
      for (int t = 0; t < k * d; t++) {
        double u = (double) c[t] - old[t];
        shift += u * u;
      }
      return shift;
    }

    /**
     * Each empty cluster, in index order, takes the weighted row farthest from its centre (ties:
     * lowest position) that no other empty cluster took; the row leaves its old cluster's sums
     * unless it was the only member there. As the one-JVM engine does.
     */
    private void relocate(Centroids cs, Partial p) {
      int empties = 0;
      for (int cc = 0; cc < k; cc++) {
        if (p.weights[cc] <= 0) {
          empties++;
        }
      }
      Broadcast<Centroids> bc = jsc.broadcast(cs);
      int dd = d;
      List<Far> far;
      try {
        far =
            blocks
                .flatMap(
                    b -> {
                      int[] lab = new int[b.rows];
                      float[] dist = new float[b.rows];
                      bc.value().assign(VectorKernelsProvider.get(), b, lab, dist);
                      List<Far> out = new ArrayList<>();
                      for (int i = 0; i < b.rows; i++) {
                        if (b.weight(i) > 0) {
                          out.add(
                              new Far(
                                  dist[i],
                                  b.start + i,
                                  lab[i],
                                  b.weight(i),
                                  Arrays.copyOfRange(b.x, i * dd, i * dd + dd)));
                        }
                      }
                      return out.iterator();
                    })
                .takeOrdered(empties, Far.ORDER);
      } finally {
        bc.unpersist(false);
      }
      int next = 0;
      for (int cc = 0; cc < k; cc++) {
        if (p.weights[cc] > 0) {
          continue;
        }
        if (next >= far.size()) {
          continue; // fewer weighted rows than clusters: keep the previous centroid
        }
        Far f = far.get(next++);
        int old = f.label;
        if (p.weights[old] - f.w > 0) {
          for (int j = 0; j < d; j++) {
            p.sums[old * d + j] -= f.w * f.x[j];
          }
          p.weights[old] -= f.w;
        }
        for (int j = 0; j < d; j++) {
          p.sums[cc * d + j] = f.w * f.x[j];
        }
        p.weights[cc] = f.w;
      }
    }

    /** Counts, weights and exact inertia under the current centroids. */
    Partial finalPass() {
      return pass(new Centroids(c, k, d), true);
    }
  }

  /** A candidate row for an empty cluster; ordered by distance (largest first), then position. */
  static final class Far implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Comparator<Far> ORDER = new FarOrder();
    final float dist;
    final long index;
    final int label;
    final double w;
    final float[] x;

    Far(float dist, long index, int label, double w, float[] x) {
      this.dist = dist;
      this.index = index;
      this.label = label;
      this.w = w;
      this.x = x;
    }
  }

  private static final class FarOrder implements Comparator<Far>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Far a, Far b) {
      int c = Float.compare(b.dist, a.dist);
      return c != 0 ? c : Long.compare(a.index, b.index);
    }
  }

  @Override
  public String toString() {
    return "SparkKMeans{k="
        + k
        + ", init="
        + initialization
        + ", maxIterations="
        + maxIterations
        + ", tolerance="
        + tolerance
        + ", seed="
        + seed
        + ", distance="
        + distance
        + ", empty="
        + emptyClusterPolicy
        + ", blockRows="
        + blockRows
        + "}";
  }

  /** Mutable builder of {@link SparkKMeans}; setters reject bad values at once. */
  public static final class Builder {
    private int k = 8;
    private Initialization initialization = Initialization.K_MEANS_PARALLEL;
    private FMatrixRMaj initialCentroids;
    private int maxIterations = 300;
    private double tolerance = 1e-4;
    private long seed = 42;
    private Distance distance = Distance.EUCLIDEAN;
    private EmptyClusterPolicy emptyClusterPolicy = EmptyClusterPolicy.RELOCATE_FARTHEST;
    private int blockRows = 4096;

    private Builder() {}

    /** Number of clusters, 1 to 65,536. */
    public Builder setK(int k) {
      if (k < 1 || k > 65_536) {
        throw new IllegalArgumentException("k is " + k + "; use a value from 1 to 65536");
      }
      this.k = k;
      return this;
    }

    /** GIVEN, RANDOM or K_MEANS_PARALLEL (default); greedy k-means++ is refused on Spark. */
    public Builder setInitialization(Initialization initialization) {
      Objects.requireNonNull(initialization, "initialization");
      if (initialization == Initialization.K_MEANS_PLUS_PLUS) {
        throw new IllegalArgumentException(
            "greedy k-means++ needs one pass over the data per centre; on Spark use"
                + " K_MEANS_PARALLEL or RANDOM");
      }
      this.initialization = initialization;
      return this;
    }

    /** Starting centroids (k × d, copied); also sets k and {@link Initialization#GIVEN}. */
    public Builder setInitialCentroids(FMatrixRMaj centroids) {
      Objects.requireNonNull(centroids, "centroids");
      for (int i = 0; i < centroids.numRows * centroids.numCols; i++) {
        if (!Float.isFinite(centroids.data[i])) {
          throw new IllegalArgumentException(
              "initial centroid "
                  + i / centroids.numCols
                  + ", column "
                  + i % centroids.numCols
                  + " is not finite; pass finite centroids");
        }
      }
      setK(centroids.numRows);
      this.initialCentroids = centroids.copy();
      this.initialization = Initialization.GIVEN;
      return this;
    }

    /** Iterations at most; default 300. */
    public Builder setMaxIterations(int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations is " + maxIterations + "; use 1 or more");
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /** Stop when the squared centroid shift is at most this times the mean variance; 1e-4. */
    public Builder setTolerance(double tolerance) {
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException(
            "tolerance is " + tolerance + "; use a finite value ≥ 0, e.g. 1e-4");
      }
      this.tolerance = tolerance;
      return this;
    }

    /** Seed of all random choices; default 42. */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Euclidean (default) or cosine. */
    public Builder setDistance(Distance distance) {
      this.distance = Objects.requireNonNull(distance, "distance");
      return this;
    }

    /** What happens to a centroid no row chose; default relocate to the farthest row. */
    public Builder setEmptyClusterPolicy(EmptyClusterPolicy policy) {
      this.emptyClusterPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Rows per float block inside a partition, 16 to 1,048,576; default 4,096 (at d = 64, 1 MB: a
     * block and the centroids stay in cache while the kernel runs).
     */
    public Builder setBlockRows(int blockRows) {
      if (blockRows < 16 || blockRows > 1 << 20) {
        throw new IllegalArgumentException(
            "blockRows is " + blockRows + "; use a value from 16 to 1048576");
      }
      this.blockRows = blockRows;
      return this;
    }

    /** The configuration. */
    public SparkKMeans get() {
      return new SparkKMeans(this);
    }
  }
}
