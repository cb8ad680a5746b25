package org.aidmp.bench.recommend;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.internal.kernels.DenseKernelsProvider;
import org.aidmp.internal.linalg.SymmetricInverse;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * EASE fit (Gram matrix, inverse, B) against EJML's {@code invertSPD} of the same Gram matrix, the
 * inverse the fit used before. The Gram matrix is also written to {@code gramOut} (a float64 {@code
 * .npy}), so that {@code dmp-bench/peers/numpy_inv.py} times NumPy's {@code inv} on the very same
 * matrix in the same sitting.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar EaseFitBenchmark -p items=2323 -p gramOut=/tmp/gram.npy
 * dmp-bench/peers/numpy_inv.py /tmp/gram.npy
 * </pre>
 *
 * <p>Interactions are seeded: {@code users} users, {@code events} events over {@code items} items
 * with a skewed popularity, views weighing 1 and purchases 3, λ = 250.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class EaseFitBenchmark {

  /** Seeded interactions and their Gram matrix. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Catalogue size. */
    @Param({"2323"})
    public int items;

    /** Users. */
    @Param({"6000"})
    public int users;

    /** Events. */
    @Param({"600000"})
    public int events;

    /** Threads of the fit. */
    @Param({"2"})
    public int threads;

    /** Pivot block of the inverse alone ({@link #inverse}); the fit uses the library's. */
    @Param({"128"})
    public int block;

    /** Where to write the Gram matrix for the NumPy peer; empty: not written. */
    @Param({""})
    public String gramOut;

    Interactions x;
    RecommenderTrainer ease;
    double[] gram;
    double[] scratch;

    /** Builds the interactions and the Gram matrix XᵀX + λI. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      x = interactions(users, items, events, 11);
      ease = RecommenderTrainer.ease(250, threads);
      gram = gram(x, 250);
      if (!gramOut.isEmpty()) {
        writeNpy(Path.of(gramOut), gram, x.itemCount());
      }
      scratch = new double[gram.length];
    }

    /** A fresh copy of the Gram matrix for {@link #inverse}, outside the timed call. */
    @Setup(Level.Invocation)
    public void copyGram() {
      System.arraycopy(gram, 0, scratch, 0, gram.length);
    }
  }

  /** Seeded interactions with a skewed item popularity. */
  public static Interactions interactions(int users, int items, int events, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder().setWeights(Map.of("view", 1f, "purchase", 3f));
    for (int e = 0; e < events; e++) {
      int i = (int) (items * Math.pow(rnd.nextDouble(), 2));
      b.add("u" + rnd.nextInt(users), "i" + i, rnd.nextInt(4) == 0 ? "purchase" : "view", e);
    }
    return b.build();
  }

  /** XᵀX + λI, dense and row-major. */
  public static double[] gram(Interactions x, double lambda) {
    int n = x.itemCount();
    double[] g = new double[n * n];
    int[] items = x.userItemArray();
    float[] values = x.userValueArray();
    for (int u = 0; u < x.userCount(); u++) {
      for (int a = x.userStart(u); a < x.userEnd(u); a++) {
        for (int b = x.userStart(u); b < x.userEnd(u); b++) {
          g[items[a] * n + items[b]] += (double) values[a] * values[b];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i * n + i] += lambda;
    }
    return g;
  }

  /** Writes an n × n float64 matrix as a version 1.0 {@code .npy} file. */
  static void writeNpy(Path p, double[] a, int n) throws IOException {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ", " + n + "), }";
    int unpadded = 10 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    try (OutputStream out = Files.newOutputStream(p)) {
      ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
      pre.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
      pre.put((byte) 1).put((byte) 0).putShort((short) header.length());
      out.write(pre.array());
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      ByteBuffer body = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        body.clear();
        for (int j = 0; j < n; j++) {
          body.putDouble(a[i * n + j]);
        }
        out.write(body.array());
      }
    }
  }

  /** dmp's whole EASE fit. */
  @Benchmark
  public Recommender easeFit(Data d) {
    return d.ease.fit(d.x);
  }

  /**
   * dmp's inverse alone (the step of the fit that costs n³ flops), on a copy of the Gram matrix,
   * with the pivot block {@code block}: the figure to set beside NumPy's {@code inv}.
   */
  @Benchmark
  public double[] inverse(Data d) {
    SymmetricInverse.invertInPlace(
        d.scratch, d.x.itemCount(), d.threads, d.block, DenseKernelsProvider.get());
    return d.scratch;
  }

  /** EJML's Cholesky inverse of the same Gram matrix, the inverse EASE used before. */
  @Benchmark
  public DMatrixRMaj ejmlInvertSpd(Data d) {
    int n = d.x.itemCount();
    DMatrixRMaj g = new DMatrixRMaj(n, n, true, d.gram);
    DMatrixRMaj p = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invertSPD(g, p)) {
      throw new IllegalStateException("not positive definite");
    }
    return p;
  }
}
