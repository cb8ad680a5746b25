package org.aidmp.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK's Vector API, at the widest vector shape the CPU prefers. Loaded
 * reflectively by {@link VectorKernelsProvider} through {@link #INSTANCE}, and only when the JVM
 * runs with {@code --add-modules jdk.incubator.vector}; no other class imports incubator types.
 */
final class PanamaVectorKernels implements VectorKernels {
  /** The instance {@link VectorKernelsProvider} reads reflectively. */
  static final PanamaVectorKernels INSTANCE = new PanamaVectorKernels();

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final FloatVector ZERO = FloatVector.zero(S);
  private static final FloatVector INF = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
  private static final FloatVector MINUS_TWO = FloatVector.broadcast(S, -2f);
  private static final FloatVector IOTA = iota();

  private PanamaVectorKernels() {}

  private static FloatVector iota() {
    float[] v = new float[L];
    for (int i = 0; i < L; i++) {
      v[i] = i;
    }
    return FloatVector.fromArray(S, v, 0);
  }

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    int i = 0;
    float s = 0;
    if (len >= 2 * L) {
      // Four accumulators hide the four-cycle latency of a vector fma at two issued per cycle.
      FloatVector s0 = ZERO, s1 = ZERO, s2 = ZERO, s3 = ZERO;
      for (; i + 4 * L <= len; i += 4 * L) {
        s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, bOff + i), s0);
        s1 = FloatVector.fromArray(S, a, aOff + i + L)
            .fma(FloatVector.fromArray(S, b, bOff + i + L), s1);
        s2 = FloatVector.fromArray(S, a, aOff + i + 2 * L)
            .fma(FloatVector.fromArray(S, b, bOff + i + 2 * L), s2);
        s3 = FloatVector.fromArray(S, a, aOff + i + 3 * L)
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
      FloatVector s0 = ZERO, s1 = ZERO;
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
      float[] a, int aOff, int aRows, float[] b, int bOff, int bRows, int d, float[] out,
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
        FloatVector s00 = ZERO, s01 = ZERO, s10 = ZERO, s11 = ZERO;
        FloatVector s20 = ZERO, s21 = ZERO, s30 = ZERO, s31 = ZERO;
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
        out[o + 1] =
            s11.reduceLanes(VectorOperators.ADD) + tailDot(a, a0 + d, b, b0 + d, dv, d);
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
      float[] x, int xOff, int rows, int d, float[] ct, int kStride, float[] cNorms, int k,
      int[] labels, int labelsOff, float[] dist, int distOff) {
    // Centroids are scanned a vector of L at a time; lanes past k are padding with ‖c‖² = +∞.
    int kv = (k + L - 1) / L * L;
    int i = 0;
    for (; i + 3 < rows; i += 4) {
      assignFour(x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist,
          distOff + i);
    }
    for (; i < rows; i++) {
      assignOne(x, xOff + i * d, d, ct, kStride, cNorms, kv, labels, labelsOff + i, dist,
          distOff + i);
    }
  }

  /**
   * Four points against all centroids. The tile is 4 points × 4 centroid vectors: sixteen
   * accumulators keep both fma ports busy while each step loads four centroid vectors and four
   * broadcast coordinates, and it still fits the 32 vector registers of AVX-512 with room for
   * the loads. The running minima and their indices stay in registers between tiles.
   */
  private static void assignFour(
      float[] x, int xo, int d, float[] ct, int ks, float[] cn, int kv, int[] labels, int lo,
      float[] dist, int dOff) {
    FloatVector b0 = INF, b1 = INF, b2 = INF, b3 = INF;
    FloatVector i0 = ZERO, i1 = ZERO, i2 = ZERO, i3 = ZERO;
    int x0o = xo, x1o = xo + d, x2o = xo + 2 * d, x3o = xo + 3 * d;
    int c = 0;
    for (; c + 4 * L <= kv; c += 4 * L) {
      FloatVector a00 = ZERO, a01 = ZERO, a02 = ZERO, a03 = ZERO;
      FloatVector a10 = ZERO, a11 = ZERO, a12 = ZERO, a13 = ZERO;
      FloatVector a20 = ZERO, a21 = ZERO, a22 = ZERO, a23 = ZERO;
      FloatVector a30 = ZERO, a31 = ZERO, a32 = ZERO, a33 = ZERO;
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
      FloatVector id0 = IOTA.add((float) c);
      FloatVector id1 = IOTA.add((float) (c + L));
      FloatVector id2 = IOTA.add((float) (c + 2 * L));
      FloatVector id3 = IOTA.add((float) (c + 3 * L));
      // Blocks in increasing index order with a strict "<": each lane keeps its lowest index.
      VectorMask<Float> m;
      FloatVector v;
      v = a00.fma(MINUS_TWO, n0); m = v.lt(b0); b0 = b0.blend(v, m); i0 = i0.blend(id0, m);
      v = a01.fma(MINUS_TWO, n1); m = v.lt(b0); b0 = b0.blend(v, m); i0 = i0.blend(id1, m);
      v = a02.fma(MINUS_TWO, n2); m = v.lt(b0); b0 = b0.blend(v, m); i0 = i0.blend(id2, m);
      v = a03.fma(MINUS_TWO, n3); m = v.lt(b0); b0 = b0.blend(v, m); i0 = i0.blend(id3, m);
      v = a10.fma(MINUS_TWO, n0); m = v.lt(b1); b1 = b1.blend(v, m); i1 = i1.blend(id0, m);
      v = a11.fma(MINUS_TWO, n1); m = v.lt(b1); b1 = b1.blend(v, m); i1 = i1.blend(id1, m);
      v = a12.fma(MINUS_TWO, n2); m = v.lt(b1); b1 = b1.blend(v, m); i1 = i1.blend(id2, m);
      v = a13.fma(MINUS_TWO, n3); m = v.lt(b1); b1 = b1.blend(v, m); i1 = i1.blend(id3, m);
      v = a20.fma(MINUS_TWO, n0); m = v.lt(b2); b2 = b2.blend(v, m); i2 = i2.blend(id0, m);
      v = a21.fma(MINUS_TWO, n1); m = v.lt(b2); b2 = b2.blend(v, m); i2 = i2.blend(id1, m);
      v = a22.fma(MINUS_TWO, n2); m = v.lt(b2); b2 = b2.blend(v, m); i2 = i2.blend(id2, m);
      v = a23.fma(MINUS_TWO, n3); m = v.lt(b2); b2 = b2.blend(v, m); i2 = i2.blend(id3, m);
      v = a30.fma(MINUS_TWO, n0); m = v.lt(b3); b3 = b3.blend(v, m); i3 = i3.blend(id0, m);
      v = a31.fma(MINUS_TWO, n1); m = v.lt(b3); b3 = b3.blend(v, m); i3 = i3.blend(id1, m);
      v = a32.fma(MINUS_TWO, n2); m = v.lt(b3); b3 = b3.blend(v, m); i3 = i3.blend(id2, m);
      v = a33.fma(MINUS_TWO, n3); m = v.lt(b3); b3 = b3.blend(v, m); i3 = i3.blend(id3, m);
    }
    for (; c < kv; c += L) {
      FloatVector a0 = ZERO, a1 = ZERO, a2 = ZERO, a3 = ZERO;
      for (int j = 0, o = c; j < d; j++, o += ks) {
        FloatVector cv = FloatVector.fromArray(S, ct, o);
        a0 = FloatVector.broadcast(S, x[x0o + j]).fma(cv, a0);
        a1 = FloatVector.broadcast(S, x[x1o + j]).fma(cv, a1);
        a2 = FloatVector.broadcast(S, x[x2o + j]).fma(cv, a2);
        a3 = FloatVector.broadcast(S, x[x3o + j]).fma(cv, a3);
      }
      FloatVector n = FloatVector.fromArray(S, cn, c);
      FloatVector id = IOTA.add((float) c);
      VectorMask<Float> m;
      FloatVector v;
      v = a0.fma(MINUS_TWO, n); m = v.lt(b0); b0 = b0.blend(v, m); i0 = i0.blend(id, m);
      v = a1.fma(MINUS_TWO, n); m = v.lt(b1); b1 = b1.blend(v, m); i1 = i1.blend(id, m);
      v = a2.fma(MINUS_TWO, n); m = v.lt(b2); b2 = b2.blend(v, m); i2 = i2.blend(id, m);
      v = a3.fma(MINUS_TWO, n); m = v.lt(b3); b3 = b3.blend(v, m); i3 = i3.blend(id, m);
    }
    finish(b0, i0, x, x0o, d, labels, lo, dist, dOff);
    finish(b1, i1, x, x1o, d, labels, lo + 1, dist, dOff + 1);
    finish(b2, i2, x, x2o, d, labels, lo + 2, dist, dOff + 2);
    finish(b3, i3, x, x3o, d, labels, lo + 3, dist, dOff + 3);
  }

  private static void assignOne(
      float[] x, int xo, int d, float[] ct, int ks, float[] cn, int kv, int[] labels, int lo,
      float[] dist, int dOff) {
    FloatVector b = INF, bi = ZERO;
    for (int c = 0; c < kv; c += L) {
      FloatVector a = ZERO;
      for (int j = 0, o = c; j < d; j++, o += ks) {
        a = FloatVector.broadcast(S, x[xo + j]).fma(FloatVector.fromArray(S, ct, o), a);
      }
      FloatVector v = a.fma(MINUS_TWO, FloatVector.fromArray(S, cn, c));
      VectorMask<Float> m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(IOTA.add((float) c), m);
    }
    finish(b, bi, x, xo, d, labels, lo, dist, dOff);
  }

  /** Lowest index among the lanes holding the minimum, so ties resolve as in the scalar kernel. */
  private static void finish(
      FloatVector best, FloatVector idx, float[] x, int xo, int d, int[] labels, int lo,
      float[] dist, int dOff) {
    float min = best.reduceLanes(VectorOperators.MIN);
    float label = idx.reduceLanes(VectorOperators.MIN, best.compare(VectorOperators.EQ, min));
    labels[lo] = (int) label;
    dist[dOff] = Math.max(0f, ScalarVectorKernels.sequentialSquaredNorm(x, xo, d) + min);
  }
}
