package org.aidmp.kmeans;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.internal.parallel.WorkerPool;
import org.ejml.data.FMatrixRMaj;

/**
 * K-Means configuration, immutable; {@link #fit} runs it.
 *
 * <pre>{@code
 * KMeans kMeans = KMeans.builder().setK(8).setSeed(42).setThreads(2).get();
 * KMeansModel model = kMeans.fit(features);   // FMatrixRMaj, one row per user
 * int segment = model.predict(features, 0);
 * }</pre>
 *
 * <p>Each restart seeds with {@link #initialization()} and iterates with {@link #algorithm()} until
 * no label changes, the squared centroid shift falls to {@code tolerance × mean feature variance}
 * (scikit-learn's rule), or {@link #maxIterations()} is reached; the restart with the lowest
 * inertia wins. With {@link #swapTrials()} &gt; 0 a random-swap refinement follows (Fränti's random
 * swap): a random centroid jumps to a random row, the points repartition locally, two iterations
 * run, and the move is kept only if the inertia falls. A trial only revisits the points near the
 * centroids it moved, so it costs about the size of that neighbourhood rather than a pass over the
 * data; the refinement stops after {@link #swapTrials()} trials or after {@link #swapPatience()}
 * trials in a row without progress (see {@link #swapPatience(int)}), whichever comes first, and the
 * best result then iterates to convergence. One seed gives a bit-identical model on any thread
 * count and either kernel.
 *
 * <p>Rejected input: NaN or infinite values (the message names row and column), k larger than the
 * number of rows, weights that are negative, non-finite or all zero.
 */
public final class KMeans implements org.aidmp.stage.Segmenter {
  /** {@link Algorithm#AUTO} picks Hamerly up to this dimension: above it bounds rarely prune. */
  public static final int HAMERLY_MAX_DIMENSIONS = 32;

  /** Lloyd iterations run after each random-swap move before it is judged. */
  public static final int SWAP_ITERATIONS = 2;

  /** Automatic random-swap patience per cluster; see {@link #swapPatience(int)}. */
  public static final int SWAP_PATIENCE_PER_CLUSTER = 30;

  /** The least automatic random-swap patience; see {@link #swapPatience(int)}. */
  public static final int SWAP_PATIENCE_MIN = 200;

  /** k = 8, greedy k-means++, 1 restart, 300 iterations, tolerance 1e-4, seed 42, 1 thread. */
  public static final KMeans DEFAULT = new Builder().get();

  private final int k;
  private final Initialization initialization;
  private final FMatrixRMaj initialCentroids;
  private final int restarts;
  private final int maxIterations;
  private final double tolerance;
  private final long seed;
  private final int threads;
  private final Executor executor;
  private final Distance distance;
  private final Algorithm algorithm;
  private final int batchSize;
  private final EmptyClusterPolicy emptyClusterPolicy;
  private final int swapTrials;
  private final int swapPatience;
  private final VectorKernels kernels;

  private KMeans(Builder b) {
    this.k = b.k;
    this.initialization = b.initialization;
    this.initialCentroids = b.initialCentroids == null ? null : b.initialCentroids.copy();
    this.restarts = b.restarts;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.seed = b.seed;
    this.threads = b.threads;
    this.executor = b.executor;
    this.distance = b.distance;
    this.algorithm = b.algorithm;
    this.batchSize = b.batchSize;
    this.emptyClusterPolicy = b.emptyClusterPolicy;
    this.swapTrials = b.swapTrials;
    this.swapPatience = b.swapPatience;
    this.kernels = b.kernels;
    if (initialization == Initialization.GIVEN) {
      if (initialCentroids == null) {
        throw new IllegalArgumentException(
            "initialization GIVEN needs centroids; call setInitialCentroids(matrix)");
      }
      if (initialCentroids.numRows != k) {
        throw new IllegalArgumentException(
            "initial centroids have "
                + initialCentroids.numRows
                + " rows but k is "
                + k
                + "; pass k × d centroids or set k to "
                + initialCentroids.numRows);
      }
    } else if (initialCentroids != null) {
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

  /** This configuration with another seed. */
  @Override
  public KMeans reseeded(long seed) {
    return toBuilder().setSeed(seed).get();
  }

  /** A builder holding this configuration, to derive another. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The number of clusters. */
  public int k() {
    return k;
  }

  /** How the starting centroids are chosen. */
  public Initialization initialization() {
    return initialization;
  }

  /** A copy of the given starting centroids, or null unless {@link Initialization#GIVEN}. */
  public FMatrixRMaj initialCentroids() {
    return initialCentroids == null ? null : initialCentroids.copy();
  }

  /** Independent seedings run; the lowest inertia wins. */
  public int restarts() {
    return restarts;
  }

  /** Iterations per restart at most (batches, for mini-batch). */
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

  /** Parallel workers, the calling thread included. */
  public int threads() {
    return threads;
  }

  /** The caller's executor for the workers, or null for a pool owned by each fit. */
  public Executor executor() {
    return executor;
  }

  /** The geometry. */
  public Distance distance() {
    return distance;
  }

  /** The iteration. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** Rows per mini-batch. */
  public int batchSize() {
    return batchSize;
  }

  /** What happens to a centroid no point chose. */
  public EmptyClusterPolicy emptyClusterPolicy() {
    return emptyClusterPolicy;
  }

  /** Random-swap trials after the restarts at most; 0 turns the refinement off. */
  public int swapTrials() {
    return swapTrials;
  }

  /**
   * Random-swap trials in a row without progress before the refinement stops; 0 means the automatic
   * rule, {@link #swapPatience(int)} of k.
   */
  public int swapPatience() {
    return swapPatience;
  }

  /**
   * The automatic stopping rule of random swap: stop after {@value #SWAP_PATIENCE_PER_CLUSTER}·k
   * trials in a row (at least {@value #SWAP_PATIENCE_MIN}) without progress, progress being a kept
   * trial that lowers the inertia by at least inertia / (20·k). Moving a centroid from where it is
   * redundant to where one is missing gains about one cluster's share; boundary polish gains far
   * less and would keep the refinement going long after the last real fix. A trial helps only when
   * it takes a centroid from a crowded region and puts it in an uncovered cluster, so the trials a
   * fix takes grow with k. With 20·k, one of 20 runs on birch1 and birch2 (k = 100) stopped short.
   */
  public static int swapPatience(int k) {
    return Math.max(SWAP_PATIENCE_MIN, SWAP_PATIENCE_PER_CLUSTER * k);
  }

  private int patience() {
    return swapPatience > 0 ? swapPatience : swapPatience(k);
  }

  /** The kernels the fit uses. */
  VectorKernels kernels() {
    return kernels;
  }

  /** Fits unweighted rows. See {@link #fit(FMatrixRMaj, double[])}. */
  @Override
  public KMeansModel fit(FMatrixRMaj x) {
    return fit(x, null);
  }

  /**
   * Clusters the rows of {@code x}.
   *
   * @param x one row per point; not modified
   * @param weights one non-negative weight per row, or null for all 1; not modified
   * @return the model of the best restart, labels and inertia taken with its final centroids
   * @throws IllegalArgumentException on NaN or infinite values, k &gt; rows, or bad weights
   */
  public KMeansModel fit(FMatrixRMaj x, double[] weights) {
    Objects.requireNonNull(x, "x");
    int n = x.numRows;
    int d = x.numCols;
    KMeansData.check(x, weights, k);
    if (initialCentroids != null && initialCentroids.numCols != d) {
      throw new IllegalArgumentException(
          "initial centroids have "
              + initialCentroids.numCols
              + " columns but the data have "
              + d
              + "; pass k × "
              + d
              + " centroids");
    }
    float[] data = prepareData(x);
    double tolAbs = tolerance * KMeansData.meanVariance(data, n, d);
    Algorithm algo = resolvedAlgorithm(d);
    try (WorkerPool par = WorkerPool.create("kmeans", threads, executor)) {
      Engine e = new Engine(data, n, d, k, weights, kernels, par, cosine(), emptyClusterPolicy);
      SplittableRandom root = new SplittableRandom(seed);
      float[] best = null;
      double bestInertia = Double.POSITIVE_INFINITY;
      int bestIterations = 0;
      boolean bestConverged = false;
      double[] bestHistory = new double[0];
      int runs = initialization == Initialization.GIVEN ? 1 : restarts;
      for (int r = 0; r < runs; r++) {
        SplittableRandom rnd = root.split();
        float[] init = Seeding.start(initialization, initialCentroids, cosine(), e, k, rnd);
        IterationRun run = iterate(e, init, algo, tolAbs, maxIterations, rnd);
        double inertia = e.exactInertia();
        if (inertia < bestInertia || best == null) {
          best = e.c.clone();
          bestInertia = inertia;
          bestIterations = run.iterations;
          bestConverged = run.converged;
          bestHistory = run.history();
        }
      }
      if (swapTrials > 0) {
        SplittableRandom rnd = root.split();
        RandomSwap swap = new RandomSwap(e);
        best = swap.run(best, swapTrials, patience(), rnd);
        IterationRun run = iterate(e, best, algo, tolAbs, maxIterations, rnd);
        bestIterations = run.iterations;
        bestConverged = run.converged;
        bestHistory = run.history();
        best = e.c.clone();
      }
      e.setCentroids(best);
      e.assignOnly();
      double inertia = e.exactInertia();
      FMatrixRMaj centroids = new FMatrixRMaj(k, d);
      System.arraycopy(best, 0, centroids.data, 0, k * d);
      return new KMeansModel(
          centroids,
          e.labels.clone(),
          inertia,
          bestIterations,
          bestConverged,
          distance,
          seed,
          kernels.name(),
          bestHistory);
    }
  }

  /**
   * A handle that runs single Lloyd iterations from given centroids, for benchmarks and for callers
   * who drive the loop themselves. Close it to release its threads.
   *
   * @param x the rows; not modified (copied only under cosine)
   * @param start k × d starting centroids; not modified
   */
  public KMeansIterations iterations(FMatrixRMaj x, FMatrixRMaj start) {
    KMeansData.check(x, null, k);
    if (start.numRows != k || start.numCols != x.numCols) {
      throw new IllegalArgumentException(
          "start centroids are "
              + start.numRows
              + " × "
              + start.numCols
              + " but must be k × d = "
              + k
              + " × "
              + x.numCols);
    }
    float[] data = prepareData(x);
    WorkerPool par = WorkerPool.create("kmeans", threads, executor);
    Engine e =
        new Engine(data, x.numRows, x.numCols, k, null, kernels, par, cosine(), emptyClusterPolicy);
    float[] c = Arrays.copyOf(start.data, k * x.numCols);
    if (cosine()) {
      KMeansData.normaliseRows(c, k, x.numCols);
    }
    e.setCentroids(c);
    return new KMeansIterations(e, par);
  }

  private boolean cosine() {
    return distance == Distance.COSINE;
  }

  Algorithm resolvedAlgorithm(int d) {
    if (algorithm == Algorithm.AUTO) {
      return d <= HAMERLY_MAX_DIMENSIONS ? Algorithm.HAMERLY : Algorithm.LLOYD;
    }
    return algorithm;
  }

  private IterationRun iterate(
      Engine e, float[] init, Algorithm algo, double tolAbs, int maxIter, SplittableRandom rnd) {
    e.setCentroids(init);
    e.resetBounds();
    IterationRun run = new IterationRun();
    if (algo == Algorithm.MINI_BATCH) {
      MiniBatch.run(e, k, batchSize, cosine(), tolAbs, maxIter, rnd, run);
      return run;
    }
    while (run.iterations < maxIter) {
      run.iterations++;
      double shift = algo == Algorithm.HAMERLY ? e.hamerlyStep() : e.lloydStep();
      run.record(e.lastInertia);
      if ((run.iterations > 1 && e.lastChanged == 0) || shift <= tolAbs) {
        run.converged = true;
        break;
      }
    }
    e.assignOnly();
    return run;
  }

  private float[] prepareData(FMatrixRMaj x) {
    int n = x.numRows;
    int d = x.numCols;
    if (!cosine()) {
      return x.data;
    }
    float[] copy = Arrays.copyOf(x.data, n * d);
    KMeansData.normaliseRows(copy, n, d);
    return copy;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "KMeans{k=%d, init=%s, restarts=%d, maxIterations=%d, tolerance=%s, seed=%d, threads=%d,"
            + " distance=%s, algorithm=%s, batchSize=%d, empty=%s, swapTrials=%d,"
            + " swapPatience=%d, kernels=%s}",
        k,
        initialization,
        restarts,
        maxIterations,
        tolerance,
        seed,
        threads,
        distance,
        algorithm,
        batchSize,
        emptyClusterPolicy,
        swapTrials,
        swapPatience,
        kernels.name());
  }

  /**
   * Mutable builder of {@link KMeans}; each setter rejects a bad value at once, {@link #get()}
   * checks the rules that span fields.
   */
  public static final class Builder {
    private int k = 8;
    private Initialization initialization = Initialization.K_MEANS_PLUS_PLUS;
    private FMatrixRMaj initialCentroids;
    private int restarts = 1;
    private int maxIterations = 300;
    private double tolerance = 1e-4;
    private long seed = 42;
    private int threads = 1;
    private Executor executor;
    private Distance distance = Distance.EUCLIDEAN;
    private Algorithm algorithm = Algorithm.AUTO;
    private int batchSize = 1024;
    private EmptyClusterPolicy emptyClusterPolicy = EmptyClusterPolicy.RELOCATE_FARTHEST;
    private int swapTrials = 0;
    private int swapPatience = 0;
    private VectorKernels kernels = VectorKernelsProvider.get();

    private Builder() {}

    private Builder(KMeans m) {
      k = m.k;
      initialization = m.initialization;
      initialCentroids = m.initialCentroids;
      restarts = m.restarts;
      maxIterations = m.maxIterations;
      tolerance = m.tolerance;
      seed = m.seed;
      threads = m.threads;
      executor = m.executor;
      distance = m.distance;
      algorithm = m.algorithm;
      batchSize = m.batchSize;
      emptyClusterPolicy = m.emptyClusterPolicy;
      swapTrials = m.swapTrials;
      swapPatience = m.swapPatience;
      kernels = m.kernels;
    }

    /** Number of clusters, 1 to 2²⁴. */
    public Builder setK(int k) {
      if (k < 1 || k > (1 << 24)) {
        throw new IllegalArgumentException("k is " + k + "; use a value from 1 to 16777216");
      }
      this.k = k;
      return this;
    }

    /** How starting centroids are chosen; default greedy k-means++. */
    public Builder setInitialization(Initialization initialization) {
      this.initialization = Objects.requireNonNull(initialization, "initialization");
      return this;
    }

    /**
     * Starting centroids (k × d, copied) for {@link Initialization#GIVEN}; also sets k and that
     * initialization.
     */
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

    /** Independent seedings, the best kept; default 1. */
    public Builder setRestarts(int restarts) {
      if (restarts < 1) {
        throw new IllegalArgumentException("restarts is " + restarts + "; use 1 or more");
      }
      this.restarts = restarts;
      return this;
    }

    /** Iterations per restart at most; default 300. */
    public Builder setMaxIterations(int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations is " + maxIterations + "; use 1 or more");
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /**
     * Stop when the squared centroid shift is at most this times the mean feature variance; default
     * 1e-4, 0 means "until no label changes".
     */
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

    /** Parallel workers including the caller's thread; default 1. */
    public Builder setThreads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads is " + threads + "; use 1 to 1024");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Where the extra workers run; null (default) means a pool owned by each fit and shut down when
     * it ends. The executor is never shut down by this library.
     */
    public Builder setExecutor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** Euclidean (default) or cosine. */
    public Builder setDistance(Distance distance) {
      this.distance = Objects.requireNonNull(distance, "distance");
      return this;
    }

    /** Lloyd, Hamerly, mini-batch or automatic (default). */
    public Builder setAlgorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Rows per mini-batch; default 1024. */
    public Builder setBatchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize is " + batchSize + "; use 1 or more");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** What happens to a centroid no point chose; default relocate to the farthest point. */
    public Builder setEmptyClusterPolicy(EmptyClusterPolicy policy) {
      this.emptyClusterPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Random-swap trials after the restarts; default 0 (off). */
    public Builder setSwapTrials(int swapTrials) {
      if (swapTrials < 0) {
        throw new IllegalArgumentException("swapTrials is " + swapTrials + "; use 0 or more");
      }
      this.swapTrials = swapTrials;
      return this;
    }

    /**
     * Random-swap trials in a row without progress after which the refinement stops; default 0, the
     * automatic rule {@link KMeans#swapPatience(int)}, which also says what counts as progress.
     */
    public Builder setSwapPatience(int swapPatience) {
      if (swapPatience < 0) {
        throw new IllegalArgumentException(
            "swapPatience is " + swapPatience + "; use 0 (automatic) or more");
      }
      this.swapPatience = swapPatience;
      return this;
    }

    /** A test hook for the kernels; users pick them with the JVM's options and dmp.kernels. */
    Builder setKernels(VectorKernels kernels) {
      this.kernels = Objects.requireNonNull(kernels, "kernels");
      return this;
    }

    /** The configuration. */
    public KMeans get() {
      return new KMeans(this);
    }
  }
}
