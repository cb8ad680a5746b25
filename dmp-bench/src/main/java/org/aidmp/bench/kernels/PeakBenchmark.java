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
 *   <li>{@code chase1}, {@code chase8}: {@link #CHASE_STEPS} loads that each depend on the one
 *       before, over a random cycle of cache lines in {@code chaseMegabytes}, on one chain and on
 *       eight at once: nanoseconds per load = time / steps. One chain is the latency of a cache
 *       miss (with its TLB miss); eight show how many misses the core overlaps. Live intake with
 *       many users is a chain of such misses per event, so these are its limits.
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

  /** Loads per operation of {@code chase1} and {@code chase8}. */
  public static final int CHASE_STEPS = 1 << 16;

  /** Ints per cache line: the chase visits one int of every line. */
  static final int LINE_INTS = 16;

  /** A random cycle through every cache line of an array, shared by the threads. */
  @State(Scope.Benchmark)
  public static class Cycle {
    /** Megabytes the cycle runs through. */
    @Param({"256"})
    public int chaseMegabytes;

    int[] next;

    /** Where the eight chains stand; they move on from there in every operation. */
    final int[] at = new int[8];

    /** Links the lines in a seeded random order. */
    @Setup(Level.Trial)
    public void setUp() {
      next = cycle(chaseMegabytes * (1 << 20) / 4, 42);
      for (int c = 0; c < at.length; c++) {
        at[c] = c * LINE_INTS;
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

  /** One chain of dependent loads: the latency of a miss. */
  @Benchmark
  public int chase1(Cycle c) {
    int[] next = c.next;
    int p = c.at[0];
    for (int i = 0; i < CHASE_STEPS; i++) {
      p = next[p];
    }
    c.at[0] = p;
    return p;
  }

  /** Eight chains at once, each {@link #CHASE_STEPS} / 8 loads: the misses the core overlaps. */
  @Benchmark
  public int chase8(Cycle c) {
    int[] next = c.next;
    int[] at = c.at;
    int p0 = at[0], p1 = at[1], p2 = at[2], p3 = at[3];
    int p4 = at[4], p5 = at[5], p6 = at[6], p7 = at[7];
    for (int i = 0; i < CHASE_STEPS / 8; i++) {
      p0 = next[p0];
      p1 = next[p1];
      p2 = next[p2];
      p3 = next[p3];
      p4 = next[p4];
      p5 = next[p5];
      p6 = next[p6];
      p7 = next[p7];
    }
    at[0] = p0;
    at[1] = p1;
    at[2] = p2;
    at[3] = p3;
    at[4] = p4;
    at[5] = p5;
    at[6] = p6;
    at[7] = p7;
    return p0 ^ p1 ^ p2 ^ p3 ^ p4 ^ p5 ^ p6 ^ p7;
  }

  /**
   * An array of {@code ints} in which the first int of every cache line holds the index of the next
   * line's, all lines forming one cycle in seeded random order (Sattolo's shuffle), so that neither
   * the prefetchers nor the caches can guess the next load.
   */
  static int[] cycle(int ints, long seed) {
    int lines = ints / LINE_INTS;
    int[] order = new int[lines];
    for (int i = 0; i < lines; i++) {
      order[i] = i;
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = lines - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] next = new int[lines * LINE_INTS];
    for (int i = 0; i < lines; i++) {
      next[order[i] * LINE_INTS] = order[(i + 1) % lines] * LINE_INTS;
    }
    return next;
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
