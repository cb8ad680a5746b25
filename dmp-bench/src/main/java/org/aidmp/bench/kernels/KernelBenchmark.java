package org.aidmp.bench.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scalar against Panama kernels. {@code nearestCentroids} assigns {@code rows} points to k
 * centroids (2·rows·k·d flops per operation); {@code nearestCentroids2} runs it on two threads at
 * once, each with its own points, to compare with the two-core FMA peak.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar KernelBenchmark -p impl=scalar,panama
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class KernelBenchmark {

  /** Inputs of one benchmark thread. */
  @State(Scope.Thread)
  public static class Inputs {
    /** "scalar" or "panama". */
    @Param({"scalar", "panama"})
    public String impl;

    /** Vector length / dimensions; awkward sizes included. */
    @Param({"31", "64", "128"})
    public int d;

    /** Centroids for the assignment kernel. */
    @Param({"256"})
    public int k;

    /** Points per assignment call. */
    @Param({"2048"})
    public int rows;

    VectorKernels kernels;
    float[] a;
    float[] b;
    float[] x;
    float[] ct;
    float[] cn;
    int ks;
    int[] labels;
    float[] dist;
    float[] tile;

    /** Builds seeded inputs. */
    @Setup(Level.Trial)
    public void setUp() {
      kernels =
          impl.equals("panama")
              ? VectorKernelsProvider.panamaOrNull()
              : VectorKernelsProvider.scalar();
      if (kernels == null) {
        throw new IllegalStateException("start the JVM with --add-modules jdk.incubator.vector");
      }
      SplittableRandom r = new SplittableRandom(d);
      a = fill(r, 8 * d);
      b = fill(r, 8 * d);
      x = fill(r, rows * d);
      int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
      ks = (k + m - 1) / m * m;
      float[] c = fill(r, k * d);
      ct = new float[d * ks];
      cn = new float[ks];
      Arrays.fill(cn, Float.POSITIVE_INFINITY);
      for (int i = 0; i < k; i++) {
        float s = 0;
        for (int j = 0; j < d; j++) {
          s += c[i * d + j] * c[i * d + j];
        }
        cn[i] = s;
      }
      VectorKernels.packCentroids(c, k, d, ct);
      labels = new int[rows];
      dist = new float[rows];
      tile = new float[64];
    }

    private static float[] fill(SplittableRandom r, int n) {
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = (float) r.nextGaussian();
      }
      return v;
    }
  }

  /** One dot product of length d. */
  @Benchmark
  public float dot(Inputs s) {
    return s.kernels.dot(s.a, 0, s.b, 0, s.d);
  }

  /** An 8 × 8 tile of dot products of length d. */
  @Benchmark
  public float[] dotTile(Inputs s) {
    s.kernels.dotTile(s.a, 0, 8, s.b, 0, 8, s.d, s.tile, 0);
    return s.tile;
  }

  /** The fused assignment of {@code rows} points to k centroids, one thread. */
  @Benchmark
  public int[] nearestCentroids(Inputs s) {
    s.kernels.nearestCentroids(s.x, 0, s.rows, s.d, s.ct, s.ks, s.cn, s.k, s.labels, 0, s.dist, 0);
    return s.labels;
  }

  /** The same on two threads at once (per-thread inputs): the two-core figure. */
  @Benchmark
  @Threads(2)
  public int[] nearestCentroids2(Inputs s) {
    return nearestCentroids(s);
  }
}
