package org.aidmp.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
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

  private static final VectorSpecies<Float> S = species();
  private static final int L = S.length();
  // No static final vectors: C2 (17 to 25) keeps a loop-carried vector that starts as a
  // constant object boxed, which cost 10× in the kernels below. Constants are made per call.
  private static final float[] IOTA = iota();

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
        + (wide || PANEL_WIDTH % (2 * L) != 0 ? "4 queries × 2 vectors" : "6 queries × 2 vectors");
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
    // Centroids are scanned a vector of L at a time; lanes past k are padding with ‖c‖² = +∞.
    int kv = (k + L - 1) / L * L;
    int i = 0;
    if (!wide && kv >= 2 * L) {
      for (; i + 5 < rows; i += 6) {
        assignSix(
            x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist, distOff + i);
      }
      for (; i < rows; i++) {
        assignOne(
            x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist, distOff + i);
      }
      return;
    }
    if (kv < 4 * L) {
      // Few centroids: a 4 × 4 tile does not fit, and 4 points × 1 vector leaves only four fma
      // chains, too few to hide the fma latency; eight points give eight.
      for (; i + 7 < rows; i += 8) {
        assignEightNarrow(
            x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist, distOff + i);
      }
    }
    for (; i + 3 < rows; i += 4) {
      assignFour(
          x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist, distOff + i);
    }
    for (; i < rows; i++) {
      assignOne(
          x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist, distOff + i);
    }
  }

  /**
   * Four points against all centroids. The tile is 4 points × 4 centroid vectors: sixteen
   * accumulators keep both fma ports busy while each step loads four centroid vectors and four
   * broadcast coordinates, and it still fits the 32 vector registers of AVX-512 with room for the
   * loads. The running minima and their indices stay in registers between tiles.
   */
  private static void assignFour(
      float[] x,
      int xo,
      int d,
      float[] ct,
      int ks,
      float[] cn,
      int kv,
      int[] labels,
      int lo,
      float[] dist,
      int dOff) {
    FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector minusTwo = FloatVector.broadcast(S, -2f);
    FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
    FloatVector b0 = inf, b1 = inf, b2 = inf, b3 = inf;
    FloatVector i0 = FloatVector.zero(S),
        i1 = FloatVector.zero(S),
        i2 = FloatVector.zero(S),
        i3 = FloatVector.zero(S);
    int x0o = xo, x1o = xo + d, x2o = xo + 2 * d, x3o = xo + 3 * d;
    int c = 0;
    for (; c + 4 * L <= kv; c += 4 * L) {
      FloatVector a00 = FloatVector.zero(S),
          a01 = FloatVector.zero(S),
          a02 = FloatVector.zero(S),
          a03 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S),
          a11 = FloatVector.zero(S),
          a12 = FloatVector.zero(S),
          a13 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S),
          a21 = FloatVector.zero(S),
          a22 = FloatVector.zero(S),
          a23 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S),
          a31 = FloatVector.zero(S),
          a32 = FloatVector.zero(S),
          a33 = FloatVector.zero(S);
      for (int j = 0, o = c; j < d; j++, o += ks) {
        FloatVector c0 = FloatVector.fromArray(S, ct, o);
        FloatVector c1 = FloatVector.fromArray(S, ct, o + L);
        FloatVector c2 = FloatVector.fromArray(S, ct, o + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, ct, o + 3 * L);
        FloatVector xv = FloatVector.broadcast(S, x[x0o + j]);
        a00 = xv.fma(c0, a00);
        a01 = xv.fma(c1, a01);
        a02 = xv.fma(c2, a02);
        a03 = xv.fma(c3, a03);
        xv = FloatVector.broadcast(S, x[x1o + j]);
        a10 = xv.fma(c0, a10);
        a11 = xv.fma(c1, a11);
        a12 = xv.fma(c2, a12);
        a13 = xv.fma(c3, a13);
        xv = FloatVector.broadcast(S, x[x2o + j]);
        a20 = xv.fma(c0, a20);
        a21 = xv.fma(c1, a21);
        a22 = xv.fma(c2, a22);
        a23 = xv.fma(c3, a23);
        xv = FloatVector.broadcast(S, x[x3o + j]);
        a30 = xv.fma(c0, a30);
        a31 = xv.fma(c1, a31);
        a32 = xv.fma(c2, a32);
        a33 = xv.fma(c3, a33);
      }
      FloatVector n0 = FloatVector.fromArray(S, cn, c);
      FloatVector n1 = FloatVector.fromArray(S, cn, c + L);
      FloatVector n2 = FloatVector.fromArray(S, cn, c + 2 * L);
      FloatVector n3 = FloatVector.fromArray(S, cn, c + 3 * L);
      FloatVector id0 = iota.add((float) c);
      FloatVector id1 = iota.add((float) (c + L));
      FloatVector id2 = iota.add((float) (c + 2 * L));
      FloatVector id3 = iota.add((float) (c + 3 * L));
      // Blocks in increasing index order with a strict "<": each lane keeps its lowest index.
      VectorMask<Float> m;
      FloatVector v;
      v = a00.fma(minusTwo, n0);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id0, m);
      v = a01.fma(minusTwo, n1);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id1, m);
      v = a02.fma(minusTwo, n2);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id2, m);
      v = a03.fma(minusTwo, n3);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id3, m);
      v = a10.fma(minusTwo, n0);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id0, m);
      v = a11.fma(minusTwo, n1);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id1, m);
      v = a12.fma(minusTwo, n2);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id2, m);
      v = a13.fma(minusTwo, n3);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id3, m);
      v = a20.fma(minusTwo, n0);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id0, m);
      v = a21.fma(minusTwo, n1);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id1, m);
      v = a22.fma(minusTwo, n2);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id2, m);
      v = a23.fma(minusTwo, n3);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id3, m);
      v = a30.fma(minusTwo, n0);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id0, m);
      v = a31.fma(minusTwo, n1);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id1, m);
      v = a32.fma(minusTwo, n2);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id2, m);
      v = a33.fma(minusTwo, n3);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id3, m);
    }
    for (; c < kv; c += L) {
      FloatVector a0 = FloatVector.zero(S),
          a1 = FloatVector.zero(S),
          a2 = FloatVector.zero(S),
          a3 = FloatVector.zero(S);
      for (int j = 0, o = c; j < d; j++, o += ks) {
        FloatVector cv = FloatVector.fromArray(S, ct, o);
        a0 = FloatVector.broadcast(S, x[x0o + j]).fma(cv, a0);
        a1 = FloatVector.broadcast(S, x[x1o + j]).fma(cv, a1);
        a2 = FloatVector.broadcast(S, x[x2o + j]).fma(cv, a2);
        a3 = FloatVector.broadcast(S, x[x3o + j]).fma(cv, a3);
      }
      FloatVector n = FloatVector.fromArray(S, cn, c);
      FloatVector id = iota.add((float) c);
      VectorMask<Float> m;
      FloatVector v;
      v = a0.fma(minusTwo, n);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id, m);
      v = a1.fma(minusTwo, n);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id, m);
      v = a2.fma(minusTwo, n);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id, m);
      v = a3.fma(minusTwo, n);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id, m);
    }
    // Reduced here rather than in a helper: vectors passed to a call C2 does not inline get
    // boxed, and this method is too large for more inlining.
    float m0 = b0.reduceLanes(VectorOperators.MIN);
    float m1 = b1.reduceLanes(VectorOperators.MIN);
    float m2 = b2.reduceLanes(VectorOperators.MIN);
    float m3 = b3.reduceLanes(VectorOperators.MIN);
    float l0 = i0.blend(inf, b0.compare(VectorOperators.NE, m0)).reduceLanes(VectorOperators.MIN);
    float l1 = i1.blend(inf, b1.compare(VectorOperators.NE, m1)).reduceLanes(VectorOperators.MIN);
    float l2 = i2.blend(inf, b2.compare(VectorOperators.NE, m2)).reduceLanes(VectorOperators.MIN);
    float l3 = i3.blend(inf, b3.compare(VectorOperators.NE, m3)).reduceLanes(VectorOperators.MIN);
    store(x, x0o, d, m0, l0, labels, lo, dist, dOff);
    store(x, x1o, d, m1, l1, labels, lo + 1, dist, dOff + 1);
    store(x, x2o, d, m2, l2, labels, lo + 2, dist, dOff + 2);
    store(x, x3o, d, m3, l3, labels, lo + 3, dist, dOff + 3);
  }

  /**
   * Six points against all centroids, two centroid vectors at a time: the tile for CPUs with 16
   * vector registers (AVX2). Twelve accumulators, two centroid vectors and one broadcast take 15
   * registers, so nothing spills inside the coordinate loop, and each step issues twelve fused
   * multiply-adds for eight loads (two vectors, six broadcasts, which x86 serves from the load
   * ports). The 4 × 4 tile of {@link #assignFour} needs 21 and spills accumulators on every step
   * there. The running minima live across tiles and may spill; they are touched once per tile.
   */
  private static void assignSix(
      float[] x,
      int xo,
      int d,
      float[] ct,
      int ks,
      float[] cn,
      int kv,
      int[] labels,
      int lo,
      float[] dist,
      int dOff) {
    FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector minusTwo = FloatVector.broadcast(S, -2f);
    FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
    FloatVector b0 = inf;
    FloatVector b1 = inf;
    FloatVector b2 = inf;
    FloatVector b3 = inf;
    FloatVector b4 = inf;
    FloatVector b5 = inf;
    FloatVector i0 = inf;
    FloatVector i1 = inf;
    FloatVector i2 = inf;
    FloatVector i3 = inf;
    FloatVector i4 = inf;
    FloatVector i5 = inf;
    int x0o = xo + 0 * d;
    int x1o = xo + 1 * d;
    int x2o = xo + 2 * d;
    int x3o = xo + 3 * d;
    int x4o = xo + 4 * d;
    int x5o = xo + 5 * d;
    int c = 0;
    for (; c + 2 * L <= kv; c += 2 * L) {
      FloatVector a00 = FloatVector.zero(S);
      FloatVector a01 = FloatVector.zero(S);
      FloatVector a10 = FloatVector.zero(S);
      FloatVector a11 = FloatVector.zero(S);
      FloatVector a20 = FloatVector.zero(S);
      FloatVector a21 = FloatVector.zero(S);
      FloatVector a30 = FloatVector.zero(S);
      FloatVector a31 = FloatVector.zero(S);
      FloatVector a40 = FloatVector.zero(S);
      FloatVector a41 = FloatVector.zero(S);
      FloatVector a50 = FloatVector.zero(S);
      FloatVector a51 = FloatVector.zero(S);
      for (int j = 0, o = c; j < d; j++, o += ks) {
        FloatVector c0 = FloatVector.fromArray(S, ct, o);
        FloatVector c1 = FloatVector.fromArray(S, ct, o + L);
        FloatVector xv;
        xv = FloatVector.broadcast(S, x[x0o + j]);
        a00 = xv.fma(c0, a00);
        a01 = xv.fma(c1, a01);
        xv = FloatVector.broadcast(S, x[x1o + j]);
        a10 = xv.fma(c0, a10);
        a11 = xv.fma(c1, a11);
        xv = FloatVector.broadcast(S, x[x2o + j]);
        a20 = xv.fma(c0, a20);
        a21 = xv.fma(c1, a21);
        xv = FloatVector.broadcast(S, x[x3o + j]);
        a30 = xv.fma(c0, a30);
        a31 = xv.fma(c1, a31);
        xv = FloatVector.broadcast(S, x[x4o + j]);
        a40 = xv.fma(c0, a40);
        a41 = xv.fma(c1, a41);
        xv = FloatVector.broadcast(S, x[x5o + j]);
        a50 = xv.fma(c0, a50);
        a51 = xv.fma(c1, a51);
      }
      FloatVector n0 = FloatVector.fromArray(S, cn, c);
      FloatVector n1 = FloatVector.fromArray(S, cn, c + L);
      FloatVector id0 = iota.add((float) c);
      FloatVector id1 = iota.add((float) (c + L));
      VectorMask<Float> m;
      FloatVector v;
      v = a00.fma(minusTwo, n0);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id0, m);
      v = a01.fma(minusTwo, n1);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id1, m);
      v = a10.fma(minusTwo, n0);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id0, m);
      v = a11.fma(minusTwo, n1);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id1, m);
      v = a20.fma(minusTwo, n0);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id0, m);
      v = a21.fma(minusTwo, n1);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id1, m);
      v = a30.fma(minusTwo, n0);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id0, m);
      v = a31.fma(minusTwo, n1);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id1, m);
      v = a40.fma(minusTwo, n0);
      m = v.lt(b4);
      b4 = b4.blend(v, m);
      i4 = i4.blend(id0, m);
      v = a41.fma(minusTwo, n1);
      m = v.lt(b4);
      b4 = b4.blend(v, m);
      i4 = i4.blend(id1, m);
      v = a50.fma(minusTwo, n0);
      m = v.lt(b5);
      b5 = b5.blend(v, m);
      i5 = i5.blend(id0, m);
      v = a51.fma(minusTwo, n1);
      m = v.lt(b5);
      b5 = b5.blend(v, m);
      i5 = i5.blend(id1, m);
    }
    if (c < kv) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = FloatVector.zero(S);
      FloatVector a2 = FloatVector.zero(S);
      FloatVector a3 = FloatVector.zero(S);
      FloatVector a4 = FloatVector.zero(S);
      FloatVector a5 = FloatVector.zero(S);
      for (int j = 0, o = c; j < d; j++, o += ks) {
        FloatVector cv = FloatVector.fromArray(S, ct, o);
        a0 = FloatVector.broadcast(S, x[x0o + j]).fma(cv, a0);
        a1 = FloatVector.broadcast(S, x[x1o + j]).fma(cv, a1);
        a2 = FloatVector.broadcast(S, x[x2o + j]).fma(cv, a2);
        a3 = FloatVector.broadcast(S, x[x3o + j]).fma(cv, a3);
        a4 = FloatVector.broadcast(S, x[x4o + j]).fma(cv, a4);
        a5 = FloatVector.broadcast(S, x[x5o + j]).fma(cv, a5);
      }
      FloatVector n = FloatVector.fromArray(S, cn, c);
      FloatVector id = iota.add((float) c);
      VectorMask<Float> m;
      FloatVector v;
      v = a0.fma(minusTwo, n);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id, m);
      v = a1.fma(minusTwo, n);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id, m);
      v = a2.fma(minusTwo, n);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id, m);
      v = a3.fma(minusTwo, n);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id, m);
      v = a4.fma(minusTwo, n);
      m = v.lt(b4);
      b4 = b4.blend(v, m);
      i4 = i4.blend(id, m);
      v = a5.fma(minusTwo, n);
      m = v.lt(b5);
      b5 = b5.blend(v, m);
      i5 = i5.blend(id, m);
    }
    float m0 = b0.reduceLanes(VectorOperators.MIN);
    float l0 = i0.blend(inf, b0.compare(VectorOperators.NE, m0)).reduceLanes(VectorOperators.MIN);
    float m1 = b1.reduceLanes(VectorOperators.MIN);
    float l1 = i1.blend(inf, b1.compare(VectorOperators.NE, m1)).reduceLanes(VectorOperators.MIN);
    float m2 = b2.reduceLanes(VectorOperators.MIN);
    float l2 = i2.blend(inf, b2.compare(VectorOperators.NE, m2)).reduceLanes(VectorOperators.MIN);
    float m3 = b3.reduceLanes(VectorOperators.MIN);
    float l3 = i3.blend(inf, b3.compare(VectorOperators.NE, m3)).reduceLanes(VectorOperators.MIN);
    float m4 = b4.reduceLanes(VectorOperators.MIN);
    float l4 = i4.blend(inf, b4.compare(VectorOperators.NE, m4)).reduceLanes(VectorOperators.MIN);
    float m5 = b5.reduceLanes(VectorOperators.MIN);
    float l5 = i5.blend(inf, b5.compare(VectorOperators.NE, m5)).reduceLanes(VectorOperators.MIN);
    store(x, x0o, d, m0, l0, labels, lo + 0, dist, dOff + 0);
    store(x, x1o, d, m1, l1, labels, lo + 1, dist, dOff + 1);
    store(x, x2o, d, m2, l2, labels, lo + 2, dist, dOff + 2);
    store(x, x3o, d, m3, l3, labels, lo + 3, dist, dOff + 3);
    store(x, x4o, d, m4, l4, labels, lo + 4, dist, dOff + 4);
    store(x, x5o, d, m5, l5, labels, lo + 5, dist, dOff + 5);
  }

  /** Eight points against fewer than 4·L centroids, one centroid vector at a time. */
  private static void assignEightNarrow(
      float[] x,
      int xo,
      int d,
      float[] ct,
      int ks,
      float[] cn,
      int kv,
      int[] labels,
      int lo,
      float[] dist,
      int dOff) {
    FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector minusTwo = FloatVector.broadcast(S, -2f);
    FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
    FloatVector b0 = inf;
    FloatVector b1 = inf;
    FloatVector b2 = inf;
    FloatVector b3 = inf;
    FloatVector b4 = inf;
    FloatVector b5 = inf;
    FloatVector b6 = inf;
    FloatVector b7 = inf;
    FloatVector i0 = inf;
    FloatVector i1 = inf;
    FloatVector i2 = inf;
    FloatVector i3 = inf;
    FloatVector i4 = inf;
    FloatVector i5 = inf;
    FloatVector i6 = inf;
    FloatVector i7 = inf;
    for (int c = 0; c < kv; c += L) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = FloatVector.zero(S);
      FloatVector a2 = FloatVector.zero(S);
      FloatVector a3 = FloatVector.zero(S);
      FloatVector a4 = FloatVector.zero(S);
      FloatVector a5 = FloatVector.zero(S);
      FloatVector a6 = FloatVector.zero(S);
      FloatVector a7 = FloatVector.zero(S);
      for (int j = 0, o = c; j < d; j++, o += ks) {
        FloatVector cv = FloatVector.fromArray(S, ct, o);
        a0 = FloatVector.broadcast(S, x[xo + j]).fma(cv, a0);
        a1 = FloatVector.broadcast(S, x[xo + d + j]).fma(cv, a1);
        a2 = FloatVector.broadcast(S, x[xo + 2 * d + j]).fma(cv, a2);
        a3 = FloatVector.broadcast(S, x[xo + 3 * d + j]).fma(cv, a3);
        a4 = FloatVector.broadcast(S, x[xo + 4 * d + j]).fma(cv, a4);
        a5 = FloatVector.broadcast(S, x[xo + 5 * d + j]).fma(cv, a5);
        a6 = FloatVector.broadcast(S, x[xo + 6 * d + j]).fma(cv, a6);
        a7 = FloatVector.broadcast(S, x[xo + 7 * d + j]).fma(cv, a7);
      }
      FloatVector n = FloatVector.fromArray(S, cn, c);
      FloatVector id = iota.add((float) c);
      VectorMask<Float> m;
      FloatVector v;
      v = a0.fma(minusTwo, n);
      m = v.lt(b0);
      b0 = b0.blend(v, m);
      i0 = i0.blend(id, m);
      v = a1.fma(minusTwo, n);
      m = v.lt(b1);
      b1 = b1.blend(v, m);
      i1 = i1.blend(id, m);
      v = a2.fma(minusTwo, n);
      m = v.lt(b2);
      b2 = b2.blend(v, m);
      i2 = i2.blend(id, m);
      v = a3.fma(minusTwo, n);
      m = v.lt(b3);
      b3 = b3.blend(v, m);
      i3 = i3.blend(id, m);
      v = a4.fma(minusTwo, n);
      m = v.lt(b4);
      b4 = b4.blend(v, m);
      i4 = i4.blend(id, m);
      v = a5.fma(minusTwo, n);
      m = v.lt(b5);
      b5 = b5.blend(v, m);
      i5 = i5.blend(id, m);
      v = a6.fma(minusTwo, n);
      m = v.lt(b6);
      b6 = b6.blend(v, m);
      i6 = i6.blend(id, m);
      v = a7.fma(minusTwo, n);
      m = v.lt(b7);
      b7 = b7.blend(v, m);
      i7 = i7.blend(id, m);
    }
    float m0 = b0.reduceLanes(VectorOperators.MIN);
    float l0 = i0.blend(inf, b0.compare(VectorOperators.NE, m0)).reduceLanes(VectorOperators.MIN);
    float m1 = b1.reduceLanes(VectorOperators.MIN);
    float l1 = i1.blend(inf, b1.compare(VectorOperators.NE, m1)).reduceLanes(VectorOperators.MIN);
    float m2 = b2.reduceLanes(VectorOperators.MIN);
    float l2 = i2.blend(inf, b2.compare(VectorOperators.NE, m2)).reduceLanes(VectorOperators.MIN);
    float m3 = b3.reduceLanes(VectorOperators.MIN);
    float l3 = i3.blend(inf, b3.compare(VectorOperators.NE, m3)).reduceLanes(VectorOperators.MIN);
    float m4 = b4.reduceLanes(VectorOperators.MIN);
    float l4 = i4.blend(inf, b4.compare(VectorOperators.NE, m4)).reduceLanes(VectorOperators.MIN);
    float m5 = b5.reduceLanes(VectorOperators.MIN);
    float l5 = i5.blend(inf, b5.compare(VectorOperators.NE, m5)).reduceLanes(VectorOperators.MIN);
    float m6 = b6.reduceLanes(VectorOperators.MIN);
    float l6 = i6.blend(inf, b6.compare(VectorOperators.NE, m6)).reduceLanes(VectorOperators.MIN);
    float m7 = b7.reduceLanes(VectorOperators.MIN);
    float l7 = i7.blend(inf, b7.compare(VectorOperators.NE, m7)).reduceLanes(VectorOperators.MIN);
    store(x, xo, d, m0, l0, labels, lo + 0, dist, dOff + 0);
    store(x, xo + d, d, m1, l1, labels, lo + 1, dist, dOff + 1);
    store(x, xo + 2 * d, d, m2, l2, labels, lo + 2, dist, dOff + 2);
    store(x, xo + 3 * d, d, m3, l3, labels, lo + 3, dist, dOff + 3);
    store(x, xo + 4 * d, d, m4, l4, labels, lo + 4, dist, dOff + 4);
    store(x, xo + 5 * d, d, m5, l5, labels, lo + 5, dist, dOff + 5);
    store(x, xo + 6 * d, d, m6, l6, labels, lo + 6, dist, dOff + 6);
    store(x, xo + 7 * d, d, m7, l7, labels, lo + 7, dist, dOff + 7);
  }

  private static void assignOne(
      float[] x,
      int xo,
      int d,
      float[] ct,
      int ks,
      float[] cn,
      int kv,
      int[] labels,
      int lo,
      float[] dist,
      int dOff) {
    FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector minusTwo = FloatVector.broadcast(S, -2f);
    FloatVector iota = FloatVector.fromArray(S, IOTA, 0);
    FloatVector b = inf, bi = FloatVector.zero(S);
    for (int c = 0; c < kv; c += L) {
      FloatVector a = FloatVector.zero(S);
      for (int j = 0, o = c; j < d; j++, o += ks) {
        a = FloatVector.broadcast(S, x[xo + j]).fma(FloatVector.fromArray(S, ct, o), a);
      }
      FloatVector v = a.fma(minusTwo, FloatVector.fromArray(S, cn, c));
      VectorMask<Float> m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(iota.add((float) c), m);
    }
    float m = b.reduceLanes(VectorOperators.MIN);
    float l = bi.blend(inf, b.compare(VectorOperators.NE, m)).reduceLanes(VectorOperators.MIN);
    store(x, xo, d, m, l, labels, lo, dist, dOff);
  }

  /**
   * Stores one point's result. The label is the lowest index among the lanes that hold the minimum
   * (the others were blended to +∞), so ties resolve as in the scalar kernel.
   */
  private static void store(
      float[] x,
      int xo,
      int d,
      float min,
      float label,
      int[] labels,
      int lo,
      float[] dist,
      int dOff) {
    labels[lo] = (int) label;
    dist[dOff] = Math.max(0f, ScalarVectorKernels.sequentialSquaredNorm(x, xo, d) + min);
  }

  @Override
  public void scorePanels(
      float[] q,
      int qOff,
      int qRows,
      float[] p,
      int pOff,
      int panels,
      int d,
      float[] out,
      int outOff,
      int outStride) {
    if (PANEL_WIDTH % L != 0 || L < 4) {
      ScalarVectorKernels.INSTANCE.scorePanels(
          q, qOff, qRows, p, pOff, panels, d, out, outOff, outStride);
      return;
    }
    int items = panels * PANEL_WIDTH;
    int i = 0;
    if (!wide && PANEL_WIDTH % (2 * L) == 0) {
      i = scoreSix(q, qOff, qRows, p, pOff, items, d, out, outOff, outStride);
    }
    // 4 queries × 2 vectors of rows: eight accumulators; per coordinate two row loads and four
    // broadcasts feed eight fused multiply-adds, so the FMA units, not the loads, set the pace.
    for (; i + 3 < qRows; i += 4) {
      int q0 = qOff + i * d;
      int o0 = outOff + i * outStride;
      int it = 0;
      for (; it + 2 * L <= items; it += 2 * L) {
        int b0 = panelStart(pOff, it, d);
        int b1 = panelStart(pOff, it + L, d);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        for (int t = 0; t < d; t++) {
          FloatVector y0 = FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH);
          FloatVector y1 = FloatVector.fromArray(S, p, b1 + t * PANEL_WIDTH);
          FloatVector x = FloatVector.broadcast(S, q[q0 + t]);
          a00 = y0.fma(x, a00);
          a01 = y1.fma(x, a01);
          x = FloatVector.broadcast(S, q[q0 + d + t]);
          a10 = y0.fma(x, a10);
          a11 = y1.fma(x, a11);
          x = FloatVector.broadcast(S, q[q0 + 2 * d + t]);
          a20 = y0.fma(x, a20);
          a21 = y1.fma(x, a21);
          x = FloatVector.broadcast(S, q[q0 + 3 * d + t]);
          a30 = y0.fma(x, a30);
          a31 = y1.fma(x, a31);
        }
        a00.intoArray(out, o0 + it);
        a01.intoArray(out, o0 + it + L);
        a10.intoArray(out, o0 + outStride + it);
        a11.intoArray(out, o0 + outStride + it + L);
        a20.intoArray(out, o0 + 2 * outStride + it);
        a21.intoArray(out, o0 + 2 * outStride + it + L);
        a30.intoArray(out, o0 + 3 * outStride + it);
        a31.intoArray(out, o0 + 3 * outStride + it + L);
      }
      for (; it < items; it += L) {
        int b0 = panelStart(pOff, it, d);
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int t = 0; t < d; t++) {
          FloatVector y = FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH);
          a0 = y.fma(FloatVector.broadcast(S, q[q0 + t]), a0);
          a1 = y.fma(FloatVector.broadcast(S, q[q0 + d + t]), a1);
          a2 = y.fma(FloatVector.broadcast(S, q[q0 + 2 * d + t]), a2);
          a3 = y.fma(FloatVector.broadcast(S, q[q0 + 3 * d + t]), a3);
        }
        a0.intoArray(out, o0 + it);
        a1.intoArray(out, o0 + outStride + it);
        a2.intoArray(out, o0 + 2 * outStride + it);
        a3.intoArray(out, o0 + 3 * outStride + it);
      }
    }
    // Left-over queries, one at a time, four row vectors at once for independent chains.
    for (; i < qRows; i++) {
      int q0 = qOff + i * d;
      int o0 = outOff + i * outStride;
      int it = 0;
      for (; it + 4 * L <= items; it += 4 * L) {
        int b0 = panelStart(pOff, it, d);
        int b1 = panelStart(pOff, it + L, d);
        int b2 = panelStart(pOff, it + 2 * L, d);
        int b3 = panelStart(pOff, it + 3 * L, d);
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int t = 0; t < d; t++) {
          FloatVector x = FloatVector.broadcast(S, q[q0 + t]);
          int o = t * PANEL_WIDTH;
          a0 = FloatVector.fromArray(S, p, b0 + o).fma(x, a0);
          a1 = FloatVector.fromArray(S, p, b1 + o).fma(x, a1);
          a2 = FloatVector.fromArray(S, p, b2 + o).fma(x, a2);
          a3 = FloatVector.fromArray(S, p, b3 + o).fma(x, a3);
        }
        a0.intoArray(out, o0 + it);
        a1.intoArray(out, o0 + it + L);
        a2.intoArray(out, o0 + it + 2 * L);
        a3.intoArray(out, o0 + it + 3 * L);
      }
      for (; it < items; it += L) {
        int b0 = panelStart(pOff, it, d);
        FloatVector a0 = FloatVector.zero(S);
        for (int t = 0; t < d; t++) {
          a0 =
              FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH)
                  .fma(FloatVector.broadcast(S, q[q0 + t]), a0);
        }
        a0.intoArray(out, o0 + it);
      }
    }
  }

  /** Six queries × two row vectors: the panel tile for 16 vector registers (15 in use). */
  private static int scoreSix(
      float[] q,
      int qOff,
      int qRows,
      float[] p,
      int pOff,
      int items,
      int d,
      float[] out,
      int outOff,
      int outStride) {
    int i = 0;
    for (; i + 5 < qRows; i += 6) {
      int q0 = qOff + i * d;
      int o0 = outOff + i * outStride;
      for (int it = 0; it < items; it += 2 * L) {
        int b0 = panelStart(pOff, it, d);
        int b1 = panelStart(pOff, it + L, d);
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = a10;
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = a20;
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = a30;
        FloatVector a40 = FloatVector.zero(S);
        FloatVector a41 = a40;
        FloatVector a50 = FloatVector.zero(S);
        FloatVector a51 = a50;
        for (int t = 0; t < d; t++) {
          FloatVector y0 = FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH);
          FloatVector y1 = FloatVector.fromArray(S, p, b1 + t * PANEL_WIDTH);
          FloatVector x;
          x = FloatVector.broadcast(S, q[q0 + 0 * d + t]);
          a00 = y0.fma(x, a00);
          a01 = y1.fma(x, a01);
          x = FloatVector.broadcast(S, q[q0 + 1 * d + t]);
          a10 = y0.fma(x, a10);
          a11 = y1.fma(x, a11);
          x = FloatVector.broadcast(S, q[q0 + 2 * d + t]);
          a20 = y0.fma(x, a20);
          a21 = y1.fma(x, a21);
          x = FloatVector.broadcast(S, q[q0 + 3 * d + t]);
          a30 = y0.fma(x, a30);
          a31 = y1.fma(x, a31);
          x = FloatVector.broadcast(S, q[q0 + 4 * d + t]);
          a40 = y0.fma(x, a40);
          a41 = y1.fma(x, a41);
          x = FloatVector.broadcast(S, q[q0 + 5 * d + t]);
          a50 = y0.fma(x, a50);
          a51 = y1.fma(x, a51);
        }
        a00.intoArray(out, o0 + 0 * outStride + it);
        a01.intoArray(out, o0 + 0 * outStride + it + L);
        a10.intoArray(out, o0 + 1 * outStride + it);
        a11.intoArray(out, o0 + 1 * outStride + it + L);
        a20.intoArray(out, o0 + 2 * outStride + it);
        a21.intoArray(out, o0 + 2 * outStride + it + L);
        a30.intoArray(out, o0 + 3 * outStride + it);
        a31.intoArray(out, o0 + 3 * outStride + it + L);
        a40.intoArray(out, o0 + 4 * outStride + it);
        a41.intoArray(out, o0 + 4 * outStride + it + L);
        a50.intoArray(out, o0 + 5 * outStride + it);
        a51.intoArray(out, o0 + 5 * outStride + it + L);
      }
    }
    return i;
  }

  @Override
  public int nextAtLeast(float[] a, int from, int to, float threshold) {
    int i = from;
    FloatVector t = FloatVector.broadcast(S, threshold);
    for (; i + L <= to; i += L) {
      VectorMask<Float> m = FloatVector.fromArray(S, a, i).compare(VectorOperators.GE, t);
      if (m.anyTrue()) {
        return i + m.firstTrue();
      }
    }
    for (; i < to; i++) {
      if (a[i] >= threshold) {
        return i;
      }
    }
    return to;
  }

  /** Where the vector of rows starting at row {@code item} of the block begins. */
  private static int panelStart(int pOff, int item, int d) {
    return pOff + (item / PANEL_WIDTH) * PANEL_WIDTH * d + (item % PANEL_WIDTH);
  }
}
