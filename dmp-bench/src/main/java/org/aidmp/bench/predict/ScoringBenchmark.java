package org.aidmp.bench.predict;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.predict.linear.LogisticModel;
import org.aidmp.predict.linear.LogisticRegression;
import org.aidmp.predict.tree.GbtModel;
import org.aidmp.predict.tree.GradientBoosting;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rows scored per second on one thread, one row at a time through {@code score(float[], int)} as
 * the live path calls it: logistic regression on {@code d} numeric columns, and a forest of 100
 * trees of depth 6, also scored as a batch of rows ({@code treesBlock}). Peers in the same run: a
 * plain Java dot product with a sigmoid for the logistic model, and a forest of the same size and
 * depth as one Java object per node.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar ScoringBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ScoringBenchmark {
  /** Rows scored per benchmark call. */
  public static final int ROWS = 4096;

  /** Columns per row. */
  @Param({"20"})
  public int d;

  FMatrixRMaj rows;
  LogisticModel logistic;
  GbtModel forest;
  double[] plainWeights;
  double plainBias;
  PlainTree[] plainForest;
  double[] out = new double[ROWS];

  /** Fits both models on seeded data and builds the peers. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    int n = 20_000;
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = 0;
      for (int j = 0; j < d; j++) {
        float v = (float) r.nextGaussian();
        x.data[i * d + j] = v;
        z += (j % 3 == 0 ? 1 : -0.5) * v + (j == 1 ? v * v : 0);
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    logistic = LogisticRegression.DEFAULT.fit(x, y);
    forest =
        GradientBoosting.builder()
            .setMaxIterations(100)
            .setMaxDepth(6)
            .setMaxLeaves(64)
            .setMinSamplesLeaf(5)
            .setValidationFraction(0)
            .get()
            .fit(x, y);
    rows = new FMatrixRMaj(ROWS, d);
    System.arraycopy(x.data, 0, rows.data, 0, ROWS * d);
    plainWeights = new double[d];
    for (int j = 0; j < d; j++) {
      plainWeights[j] = r.nextGaussian();
    }
    plainBias = r.nextGaussian();
    plainForest = new PlainTree[100];
    for (int t = 0; t < plainForest.length; t++) {
      plainForest[t] = PlainTree.random(r, d, 6);
    }
  }

  /** Logistic regression, rows per second. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double logistic() {
    double s = 0;
    float[] data = rows.data;
    for (int i = 0; i < ROWS; i++) {
      s += logistic.score(data, i * d);
    }
    return s;
  }

  /** Peer: a plain dot product and sigmoid per row. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double logisticPlainPeer() {
    double s = 0;
    float[] data = rows.data;
    for (int i = 0; i < ROWS; i++) {
      double z = plainBias;
      int off = i * d;
      for (int j = 0; j < d; j++) {
        z += plainWeights[j] * data[off + j];
      }
      s += 1 / (1 + Math.exp(-z));
    }
    return s;
  }

  /** 100 trees of depth 6, rows per second. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double trees() {
    double s = 0;
    float[] data = rows.data;
    for (int i = 0; i < ROWS; i++) {
      s += forest.score(data, i * d);
    }
    return s;
  }

  /**
   * 100 trees of depth 6, rows per second, scored as one batch ({@link GbtModel#score(float[], int,
   * int, double[])}: blocks of rows walk each tree together).
   */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double treesBlock() {
    forest.score(rows.data, 0, ROWS, out);
    double s = 0;
    for (int i = 0; i < ROWS; i++) {
      s += out[i];
    }
    return s;
  }

  /** Peer: 100 object-per-node trees of depth 6, rows per second. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double treesPlainPeer() {
    double s = 0;
    float[] data = rows.data;
    for (int i = 0; i < ROWS; i++) {
      double m = 0;
      for (PlainTree t : plainForest) {
        m += t.value(data, i * d);
      }
      s += 1 / (1 + Math.exp(-m));
    }
    return s;
  }

  /** The peer's node: one object each, children by reference. */
  static final class PlainTree {
    final int feature;
    final float threshold;
    final PlainTree left;
    final PlainTree right;
    final double value;

    PlainTree(int feature, float threshold, PlainTree left, PlainTree right, double value) {
      this.feature = feature;
      this.threshold = threshold;
      this.left = left;
      this.right = right;
      this.value = value;
    }

    static PlainTree random(SplittableRandom r, int d, int depth) {
      if (depth == 0) {
        return new PlainTree(-1, 0, null, null, r.nextGaussian() * 0.1);
      }
      return new PlainTree(
          r.nextInt(d),
          (float) r.nextGaussian(),
          random(r, d, depth - 1),
          random(r, d, depth - 1),
          0);
    }

    double value(float[] row, int off) {
      PlainTree n = this;
      while (n.feature >= 0) {
        float v = row[off + n.feature];
        n = v <= n.threshold ? n.left : n.right;
      }
      return n.value;
    }
  }
}
