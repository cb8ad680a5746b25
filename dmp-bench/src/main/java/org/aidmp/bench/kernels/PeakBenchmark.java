package org.aidmp.bench.kernels;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * This machine's limits as the Vector API reaches them, to run in the same JMH invocation as a
 * kernel benchmark so that its GFLOP/s can be quoted as a fraction of a peak measured under the
 * same load:
 *
 * <ul>
 *   <li>{@code fma1}, {@code fma2}: fused multiply-adds at the preferred vector width on twelve
 *       independent chains (12 accumulators and 2 constants fit the 16 registers of AVX2, and 12
 *       chains cover the 4-cycle latency of two FMA pipes), on one thread and on two at once. One
 *       operation is {@link #FMA_STEPS} steps of 12 FMAs: GFLOP/s = 2·12·lanes·steps / time. Each
 *       chain is an accumulator that is the addend ({@code acc = m·c + acc}), the form the kernels
 *       use: C2 writes an FMA's result over its addend, so with the chain as the multiplicand it
 *       copied the constant addend before every FMA and spilled the chains, and the probe read half
 *       the machine's peak.
 *   <li>{@code read1}, {@code read2}: a vector sum over {@code readMegabytes} per thread, far
 *       beyond the caches: GB/s = bytes / time.
 * </ul>
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar 'PeakBenchmark|LloydIterationBenchmark.lloyd' ...
 * python3 dmp-bench/peers/jmh_fractions.py result.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PeakBenchmark {
  /** Steps of twelve fused multiply-adds per operation of {@code fma1} and {@code fma2}. */
  public static final int FMA_STEPS = 1 << 20;

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  /** Lanes per vector at the preferred width, for the flop count. */
  public static int lanes() {
    return S.length();
  }

  /** A per-thread array for the read probe. */
  @State(Scope.Thread)
  public static class Memory {
    /** Megabytes read per operation and thread. */
    @Param({"256"})
    public int readMegabytes;

    float[] a;

    /** Fills the array so that its pages are mapped before timing. */
    @Setup(Level.Trial)
    public void setUp() {
      a = new float[readMegabytes * (1 << 20) / 4];
      for (int i = 0; i < a.length; i++) {
        a[i] = i & 7;
      }
    }
  }

  /** Twelve chains of fused multiply-adds on one thread. */
  @Benchmark
  public float fma1() {
    return fmaChains(FMA_STEPS);
  }

  /** The same on two threads at once: the two-core peak. */
  @Benchmark
  @Threads(2)
  public float fma2() {
    return fmaChains(FMA_STEPS);
  }

  /** Sums the thread's array: one thread's read bandwidth. */
  @Benchmark
  public float read1(Memory m) {
    return sum(m.a);
  }

  /** The same on two threads, each on its own array. */
  @Benchmark
  @Threads(2)
  public float read2(Memory m) {
    return sum(m.a);
  }

  static float fmaChains(int steps) {
    // Each step adds m·c ≈ 1e-7 to a chain near 1: the values stay finite and normal. The product
    // is not hoisted: a fused multiply-add rounds once, so C2 cannot split it.
    FloatVector m = FloatVector.broadcast(S, 0.9999999f);
    FloatVector c = FloatVector.broadcast(S, 1e-7f);
    FloatVector a0 = FloatVector.broadcast(S, 1.00f);
    FloatVector a1 = FloatVector.broadcast(S, 1.01f);
    FloatVector a2 = FloatVector.broadcast(S, 1.02f);
    FloatVector a3 = FloatVector.broadcast(S, 1.03f);
    FloatVector a4 = FloatVector.broadcast(S, 1.04f);
    FloatVector a5 = FloatVector.broadcast(S, 1.05f);
    FloatVector a6 = FloatVector.broadcast(S, 1.06f);
    FloatVector a7 = FloatVector.broadcast(S, 1.07f);
    FloatVector a8 = FloatVector.broadcast(S, 1.08f);
    FloatVector a9 = FloatVector.broadcast(S, 1.09f);
    FloatVector a10 = FloatVector.broadcast(S, 1.10f);
    FloatVector a11 = FloatVector.broadcast(S, 1.11f);
    for (int i = 0; i < steps; i++) {
      a0 = m.fma(c, a0);
      a1 = m.fma(c, a1);
      a2 = m.fma(c, a2);
      a3 = m.fma(c, a3);
      a4 = m.fma(c, a4);
      a5 = m.fma(c, a5);
      a6 = m.fma(c, a6);
      a7 = m.fma(c, a7);
      a8 = m.fma(c, a8);
      a9 = m.fma(c, a9);
      a10 = m.fma(c, a10);
      a11 = m.fma(c, a11);
    }
    FloatVector s = a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7)));
    s = s.add(a8.add(a9).add(a10.add(a11)));
    return s.reduceLanes(VectorOperators.ADD);
  }

  static float sum(float[] a) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    FloatVector s2 = FloatVector.zero(S);
    FloatVector s3 = FloatVector.zero(S);
    int l = S.length();
    int i = 0;
    for (; i + 4 * l <= a.length; i += 4 * l) {
      s0 = s0.add(FloatVector.fromArray(S, a, i));
      s1 = s1.add(FloatVector.fromArray(S, a, i + l));
      s2 = s2.add(FloatVector.fromArray(S, a, i + 2 * l));
      s3 = s3.add(FloatVector.fromArray(S, a, i + 3 * l));
    }
    float t = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      t += a[i];
    }
    return t;
  }
}
