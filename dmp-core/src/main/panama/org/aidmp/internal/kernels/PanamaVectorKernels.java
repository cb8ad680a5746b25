package org.aidmp.internal.kernels;

import static jdk.incubator.vector.VectorOperators.F2D;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API, at the widest vector shape the CPU prefers. Loaded reflectively
 * by {@link VectorKernelsProvider} through {@link #INSTANCE}, and only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; no other class imports incubator types.
 */
final class PanamaVectorKernels implements VectorKernels {

  /**
   * System property setting the vector width in bits: 128, 256 or 512, capped by what the CPU
   * offers; unset means the CPU's preferred width. A tuning knob for CPUs whose 512-bit fma is
   * slower than two 256-bit ones: on the AMD Zen 4 machine this was measured on, a quiet A/B of the
   * assignment kernel (JMH KernelBenchmark, d = 64, k = 256) gave the same speed at 512 and 256
   * bits, one thread and two.
   */
  static final String BITS_PROPERTY = "dmp.vector.bits";

  static final VectorSpecies<Float> S = species();
  static final int L = S.length();

  /** Doubles at the kernels' width, and the floats that widen into them (half the width). */
  private static final VectorSpecies<Double> DS =
      VectorSpecies.of(double.class, VectorShape.forBitSize(S.vectorBitSize()));

  private static final VectorSpecies<Float> HALF =
      VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2));

  private static final int DL = DS.length();
  // No static final vectors: C2 (17 to 25) keeps a loop-carried vector that starts as a
  // constant object boxed, which cost 10× in the kernels below. Constants are made per call, and
  // the lane indices are loaded from IOTA where they are used: held from a method's start across
  // its loops, C2 kept them boxed too, one allocation per call (80 bytes per four points in Lloyd,
  // per event in the live path).
  static final float[] IOTA = iota();

  // Declared after the species: the constructor reads it.
  /** The instance {@link VectorKernelsProvider} reads reflectively, shaped for this CPU. */
  static final PanamaVectorKernels INSTANCE =
      new PanamaVectorKernels(Tuning.vectorRegisters(System.getProperty("os.arch"), bits()));

  /**
   * True for CPUs with 32 vector registers (AVX-512, NEON, SVE), false for 16 (AVX2, SSE): picks
   * the tile shapes, so that the accumulators, the loaded operands and the broadcast fit the
   * register file and nothing spills inside a coordinate loop.
   */
  private final boolean wide;

  private PanamaVectorKernels(int registers) {
    this.wide = registers >= 32;
  }

  /** Kernels tiled for the given register count; a test hook to run every shape on one CPU. */
  static PanamaVectorKernels withRegisters(int registers) {
    return new PanamaVectorKernels(registers);
  }

  private static int bits() {
    return S.vectorBitSize();
  }

  private static VectorSpecies<Float> species() {
    VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
    int bits;
    try {
      bits = Integer.parseInt(System.getProperty(BITS_PROPERTY, "0"));
    } catch (NumberFormatException | SecurityException e) {
      bits = 0;
    }
    if (bits <= 0 || bits >= preferred.vectorBitSize()) {
      return preferred;
    }
    return bits >= 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
  }

  private static float[] iota() {
    float[] v = new float[L];
    for (int i = 0; i < L; i++) {
      v[i] = i;
    }
    return v;
  }

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public String shape() {
    return S.vectorBitSize()
        + "-bit vectors of "
        + L
        + " floats, "
        + (wide ? 32 : 16)
        + " vector registers; assignment tile "
        + (wide ? "4 points × 4 vectors" : "6 points × 2 vectors")
        + ", panel tile "
        + QUERY_GROUP
        + " queries × 2 vectors";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    int i = 0;
    float s = 0;
    if (len >= 2 * L) {
      // Four accumulators hide the four-cycle latency of a vector fma at two issued per cycle.
      FloatVector s0 = FloatVector.zero(S),
          s1 = FloatVector.zero(S),
          s2 = FloatVector.zero(S),
          s3 = FloatVector.zero(S);
      for (; i + 4 * L <= len; i += 4 * L) {
        s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
        s1 =
            FloatVector.fromArray(S, a, aOff + i + L)
                .fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
        s2 =
            FloatVector.fromArray(S, a, aOff + i + 2 * L)
                .fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), s2);
        s3 =
            FloatVector.fromArray(S, a, aOff + i + 3 * L)
                .fma(FloatVector.fromArray(S, b, bOff + i + 3 * L), s3);
      }
      for (; i + L <= len; i += L) {
        s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
      }
      s = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public float squaredNorm(float[] a, int off, int len) {
    return dot(a, off, a, off, len);
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len) {
    int i = 0;
    float s = 0;
    if (len >= 2 * L) {
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
      for (; i + 2 * L <= len; i += 2 * L) {
        FloatVector d0 =
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
        FloatVector d1 =
            FloatVector.fromArray(S, a, aOff + i + L)
                .sub(FloatVector.fromArray(S, b, bOff + i + L));
        s0 = d0.fma(d0, s0);
        s1 = d1.fma(d1, s1);
      }
      for (; i + L <= len; i += L) {
        FloatVector d0 =
            FloatVector.fromArray(S, a, aOff + i).sub(FloatVector.fromArray(S, b, bOff + i));
        s0 = d0.fma(d0, s0);
      }
      s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      float d = a[aOff + i] - b[bOff + i];
      s += d * d;
    }
    return s;
  }

  @Override
  public void dotTile(
      float[] a,
      int aOff,
      int aRows,
      float[] b,
      int bOff,
      int bRows,
      int d,
      float[] out,
      int outOff) {
    if (d < L) {
      ScalarVectorKernels.INSTANCE.dotTile(a, aOff, aRows, b, bOff, bRows, d, out, outOff);
      return;
    }
    int dv = d - d % L;
    int i = 0;
    // 4 × 2 blocks: eight accumulators (enough independent fma chains) for six loads each step.
    for (; i + 3 < aRows; i += 4) {
      int a0 = aOff + i * d;
      int j = 0;
      for (; j + 1 < bRows; j += 2) {
        int b0 = bOff + j * d;
        FloatVector s00 = FloatVector.zero(S),
            s01 = FloatVector.zero(S),
            s10 = FloatVector.zero(S),
            s11 = FloatVector.zero(S);
        FloatVector s20 = FloatVector.zero(S),
            s21 = FloatVector.zero(S),
            s30 = FloatVector.zero(S),
            s31 = FloatVector.zero(S);
        for (int t = 0; t < dv; t += L) {
          FloatVector y0 = FloatVector.fromArray(S, b, b0 + t);
          FloatVector y1 = FloatVector.fromArray(S, b, b0 + d + t);
          FloatVector x = FloatVector.fromArray(S, a, a0 + t);
          s00 = x.fma(y0, s00);
          s01 = x.fma(y1, s01);
          x = FloatVector.fromArray(S, a, a0 + d + t);
          s10 = x.fma(y0, s10);
          s11 = x.fma(y1, s11);
          x = FloatVector.fromArray(S, a, a0 + 2 * d + t);
          s20 = x.fma(y0, s20);
          s21 = x.fma(y1, s21);
          x = FloatVector.fromArray(S, a, a0 + 3 * d + t);
          s30 = x.fma(y0, s30);
          s31 = x.fma(y1, s31);
        }
        int o = outOff + i * bRows + j;
        out[o] = s00.reduceLanes(VectorOperators.ADD) + tailDot(a, a0, b, b0, dv, d);
        out[o + 1] = s01.reduceLanes(VectorOperators.ADD) + tailDot(a, a0, b, b0 + d, dv, d);
        o += bRows;
        out[o] = s10.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + d, b, b0, dv, d);
        out[o + 1] = s11.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + d, b, b0 + d, dv, d);
        o += bRows;
        out[o] = s20.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + 2 * d, b, b0, dv, d);
        out[o + 1] =
            s21.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + 2 * d, b, b0 + d, dv, d);
        o += bRows;
        out[o] = s30.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + 3 * d, b, b0, dv, d);
        out[o + 1] =
            s31.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + 3 * d, b, b0 + d, dv, d);
      }
      for (; j < bRows; j++) {
        for (int r = 0; r < 4; r++) {
          out[outOff + (i + r) * bRows + j] = dot(a, a0 + r * d, b, bOff + j * d, d);
        }
      }
    }
    for (; i < aRows; i++) {
      for (int j = 0; j < bRows; j++) {
        out[outOff + i * bRows + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
      }
    }
  }

  private static float tailDot(float[] a, int aRow, float[] b, int bRow, int from, int d) {
    float s = 0;
    for (int t = from; t < d; t++) {
      s += a[aRow + t] * b[bRow + t];
    }
    return s;
  }

  @Override
  public void nearestCentroids(
      float[] x,
      int xOff,
      int rows,
      int d,
      float[] ct,
      int kStride,
      float[] cNorms,
      int k,
      int[] labels,
      int labelsOff,
      float[] dist,
      int distOff) {
    PanamaAssignment.nearestCentroids(
        wide, x, xOff, rows, d, ct, kStride, cNorms, k, labels, labelsOff, dist, distOff, null, 0);
  }

  @Override
  public void nearestCentroids(
      float[] x,
      int xOff,
      int rows,
      int d,
      float[] ct,
      int kStride,
      float[] cNorms,
      int k,
      float[] xNorms,
      int xNormsOff,
      int[] labels,
      int labelsOff,
      float[] dist,
      int distOff) {
    PanamaAssignment.nearestCentroids(
        wide, x, xOff, rows, d, ct, kStride, cNorms, k, labels, labelsOff, dist, distOff, xNorms,
        xNormsOff);
  }

  @Override
  public void addTo(double[] sums, int sOff, float[] x, int xOff, int d) {
    int j = 0;
    // A bound computed up front: with "j + DL <= d" as the test C2 kept the loop uncounted, with a
    // safepoint poll and two range checks on every step (1.5-1.8x slower at d = 64).
    int upper = d - d % DL;
    for (; j < upper; j += DL) {
      DoubleVector v =
          (DoubleVector) FloatVector.fromArray(HALF, x, xOff + j).convertShape(F2D, DS, 0);
      DoubleVector.fromArray(DS, sums, sOff + j).add(v).intoArray(sums, sOff + j);
    }
    for (; j < d; j++) {
      sums[sOff + j] += x[xOff + j];
    }
  }

  @Override
  public void addScaledTo(double[] sums, int sOff, double w, float[] x, int xOff, int d) {
    int j = 0;
    int upper = d - d % DL;
    for (; j < upper; j += DL) {
      DoubleVector v =
          (DoubleVector) FloatVector.fromArray(HALF, x, xOff + j).convertShape(F2D, DS, 0);
      DoubleVector.fromArray(DS, sums, sOff + j).add(v.mul(w)).intoArray(sums, sOff + j);
    }
    for (; j < d; j++) {
      sums[sOff + j] += w * x[xOff + j];
    }
  }

  @Override
  public void scorePanels(
      float[] q,
      int qOff,
      int groups,
      float[] p,
      int pOff,
      int panels,
      int d,
      float[] floors,
      int floorsOff,
      long[] hits,
      int hitsOff,
      float[] out,
      int outOff,
      int outStride) {
    PanamaPanelScoring.scorePanels(
        q, qOff, groups, p, pOff, panels, d, floors, floorsOff, hits, hitsOff, out, outOff,
        outStride);
  }
}
