package org.aidmp.bench.kmeans;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansIterations;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Lloyd iteration (assignment with the fused kernel + centroid update) per operation, and the
 * commons-math3 peer on the same data.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar LloydIterationBenchmark.lloyd \
 *     -p data=/tmp/blobs/X.npy -p init=/tmp/blobs/init_k256.npy -p threads=1,2
 * </pre>
 *
 * <p>{@code data} and {@code init} take {@code .npy} paths (empty: seeded blobs of n × d and k rows
 * of them); with files, n, d and k come from the files. GFLOP/s = 2·n·k·d / time.
 *
 * <p>commons-math3's {@code KMeansPlusPlusClusterer} cannot start from given centroids, so its
 * operation is a whole {@code cluster()} call with {@code cmIterations} iterations after its own
 * k-means++ seeding; its per-iteration time is (score at 6 − score at 1) / 5, the rule the Python
 * peers use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LloydIterationBenchmark {

  /** Data shared by both benchmarks. */
  @State(Scope.Benchmark)
  public abstract static class Inputs {
    /** Path of a {@code .npy} data file; empty means generated. */
    @Param({""})
    public String data;

    /** Path of a {@code .npy} of initial centroids; empty means k rows of the data. */
    @Param({""})
    public String init;

    /** Rows of generated data. */
    @Param({"100000"})
    public int n;

    /** Columns of generated data. */
    @Param({"32"})
    public int d;

    /** Clusters (ignored when init is a file). */
    @Param({"16"})
    public int k;

    FMatrixRMaj x;
    FMatrixRMaj c0;

    void load() throws IOException {
      x = BenchData.data(data, n, d, k, 1);
      c0 = BenchData.init(init, x, k, 2);
    }
  }

  /** The library's Lloyd iteration. */
  @State(Scope.Benchmark)
  public static class Lloyd extends Inputs {
    /** The library's own parallelism. */
    @Param({"1", "2"})
    public int threads;

    KMeansIterations iterations;

    /** Loads the data and opens the iteration handle. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      load();
      iterations = KMeans.builder().setK(c0.numRows).setThreads(threads).get().iterations(x, c0);
    }

    /** Releases the worker threads. */
    @TearDown(Level.Trial)
    public void tearDown() {
      iterations.close();
    }
  }

  /** commons-math3 on the same data. */
  @State(Scope.Benchmark)
  public static class CommonsMath extends Inputs {
    /** Lloyd iterations after seeding in one operation. */
    @Param({"1", "6"})
    public int cmIterations;

    List<DoublePoint> points;
    KMeansPlusPlusClusterer<DoublePoint> clusterer;

    /** Converts the data to commons-math3 points. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      load();
      points = new ArrayList<>(x.numRows);
      for (int i = 0; i < x.numRows; i++) {
        double[] p = new double[x.numCols];
        for (int j = 0; j < x.numCols; j++) {
          p[j] = x.data[i * x.numCols + j];
        }
        points.add(new DoublePoint(p));
      }
      clusterer =
          new KMeansPlusPlusClusterer<>(
              c0.numRows,
              cmIterations,
              new org.apache.commons.math3.ml.distance.EuclideanDistance(),
              new JDKRandomGenerator(7));
    }
  }

  /** One Lloyd iteration of dmp; returns the shift so nothing is dead code. */
  @Benchmark
  public double lloyd(Lloyd s) {
    return s.iterations.step();
  }

  /** commons-math3: k-means++ seeding plus {@code cmIterations} iterations. */
  @Benchmark
  public List<CentroidCluster<DoublePoint>> commonsMath3(CommonsMath s) {
    return s.clusterer.cluster(s.points);
  }
}
