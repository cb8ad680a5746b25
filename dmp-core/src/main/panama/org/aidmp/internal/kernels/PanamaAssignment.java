package org.aidmp.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused K-Means assignment on the Vector API ({@link VectorKernels#nearestCentroids}): register
 * tiles of points × centroid vectors sized for the CPU's register file, the running minimum and its
 * index kept in registers, and no point × centroid matrix written. Every dot product is the
 * sequence of fused multiply-adds over the coordinates in order, so results are bit-identical to
 * the scalar kernel.
 */
final class PanamaAssignment {
  private static final VectorSpecies<Float> S = PanamaVectorKernels.S;
  private static final int L = PanamaVectorKernels.L;
  private static final float[] IOTA = PanamaVectorKernels.IOTA;

  /** Floats from one coordinate of a centroid panel to the next. */
  private static final int P = VectorKernels.CENTROID_STRIDE_MULTIPLE;

  private PanamaAssignment() {}

  /**
   * See {@link VectorKernels#nearestCentroids}; {@code wide} is true on CPUs with 32 vector
   * registers, which take the 4 × 4 tile.
   */
  static void nearestCentroids(
      boolean wide,
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
      int distOff,
      float[] xn,
      int xnOff) {
    // Centroids are scanned a vector of L at a time; lanes past k are padding with ‖c‖² = +∞.
    int kv = (k + L - 1) / L * L;
    if (P % L != 0) {
      // Vectors wider than a panel (SVE beyond 512 bits) would straddle panels.
      ScalarVectorKernels.INSTANCE.nearestCentroids(
          x, xOff, rows, d, ct, kStride, cNorms, k, labels, labelsOff, dist, distOff);
      return;
    }
    int i = 0;
    if (!wide && kv >= 2 * L && P % (2 * L) == 0) {
      for (; i + 5 < rows; i += 6) {
        PanamaSixPointAssignment.assignSix(
            x,
            xOff + i * d,
            d,
            ct,
            kStride,
            cNorms,
            kv,
            labels,
            labelsOff + i,
            dist,
            distOff + i,
            xn,
            xnOff + i);
      }
      for (; i < rows; i++) {
        PanamaOnePointAssignment.assignOne(
            x,
            xOff + i * d,
            d,
            ct,
            kStride,
            cNorms,
            kv,
            labels,
            labelsOff + i,
            dist,
            distOff + i,
            xn,
            xnOff + i);
      }
      return;
    }
    if (kv < 4 * L) {
      // Few centroids: a 4 × 4 tile does not fit, and 4 points × 1 vector leaves only four fma
      // chains, too few to hide the fma latency; eight points give eight.
      for (; i + 7 < rows; i += 8) {
        assignEightNarrow(
            x,
            xOff + i * d,
            d,
            ct,
            kStride,
            cNorms,
            kv,
            labels,
            labelsOff + i,
            dist,
            distOff + i,
            xn,
            xnOff + i);
      }
    }
    for (; i + 3 < rows; i += 4) {
      assignFour(
          x,
          xOff + i * d,
          d,
          ct,
          kStride,
          cNorms,
          kv,
          labels,
          labelsOff + i,
          dist,
          distOff + i,
          xn,
          xnOff + i);
    }
    for (; i < rows; i++) {
      PanamaOnePointAssignment.assignOne(
          x,
          xOff + i * d,
          d,
          ct,
          kStride,
          cNorms,
          kv,
          labels,
          labelsOff + i,
          dist,
          distOff + i,
          xn,
          xnOff + i);
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
      int dOff,
      float[] xn,
      int xnOff) {
    FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector minusTwo = FloatVector.broadcast(S, -2f);
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
      // Vector m starts m·L floats into the panel when the block fits one (AVX2, NEON: constant,
      // folded into the address); on AVX-512 each vector is a panel of its own.
      int base = VectorKernels.centroidIndex(c, 0, d);
      int o1 = 4 * L <= P ? L : VectorKernels.centroidIndex(c + L, 0, d) - base;
      int o2 = 4 * L <= P ? 2 * L : VectorKernels.centroidIndex(c + 2 * L, 0, d) - base;
      int o3 = 4 * L <= P ? 3 * L : VectorKernels.centroidIndex(c + 3 * L, 0, d) - base;
      for (int j = 0, o = base; j < d; j++, o += P) {
        FloatVector c0 = FloatVector.fromArray(S, ct, o);
        FloatVector c1 = FloatVector.fromArray(S, ct, o + o1);
        FloatVector c2 = FloatVector.fromArray(S, ct, o + o2);
        FloatVector c3 = FloatVector.fromArray(S, ct, o + o3);
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
      FloatVector id0 = FloatVector.fromArray(S, IOTA, 0).add((float) c);
      FloatVector id1 = FloatVector.fromArray(S, IOTA, 0).add((float) (c + L));
      FloatVector id2 = FloatVector.fromArray(S, IOTA, 0).add((float) (c + 2 * L));
      FloatVector id3 = FloatVector.fromArray(S, IOTA, 0).add((float) (c + 3 * L));
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
      for (int j = 0, o = VectorKernels.centroidIndex(c, 0, d); j < d; j++, o += P) {
        FloatVector cv = FloatVector.fromArray(S, ct, o);
        a0 = FloatVector.broadcast(S, x[x0o + j]).fma(cv, a0);
        a1 = FloatVector.broadcast(S, x[x1o + j]).fma(cv, a1);
        a2 = FloatVector.broadcast(S, x[x2o + j]).fma(cv, a2);
        a3 = FloatVector.broadcast(S, x[x3o + j]).fma(cv, a3);
      }
      FloatVector n = FloatVector.fromArray(S, cn, c);
      FloatVector id = FloatVector.fromArray(S, IOTA, 0).add((float) c);
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
    store(x, x0o, d, m0, l0, labels, lo, dist, dOff, xn, xnOff);
    store(x, x1o, d, m1, l1, labels, lo + 1, dist, dOff + 1, xn, xnOff + 1);
    store(x, x2o, d, m2, l2, labels, lo + 2, dist, dOff + 2, xn, xnOff + 2);
    store(x, x3o, d, m3, l3, labels, lo + 3, dist, dOff + 3, xn, xnOff + 3);
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
      int dOff,
      float[] xn,
      int xnOff) {
    FloatVector inf = FloatVector.broadcast(S, Float.POSITIVE_INFINITY);
    FloatVector minusTwo = FloatVector.broadcast(S, -2f);
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
      for (int j = 0, o = VectorKernels.centroidIndex(c, 0, d); j < d; j++, o += P) {
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
      FloatVector id = FloatVector.fromArray(S, IOTA, 0).add((float) c);
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
    store(x, xo, d, m0, l0, labels, lo + 0, dist, dOff + 0, xn, xnOff + 0);
    store(x, xo + d, d, m1, l1, labels, lo + 1, dist, dOff + 1, xn, xnOff + 1);
    store(x, xo + 2 * d, d, m2, l2, labels, lo + 2, dist, dOff + 2, xn, xnOff + 2);
    store(x, xo + 3 * d, d, m3, l3, labels, lo + 3, dist, dOff + 3, xn, xnOff + 3);
    store(x, xo + 4 * d, d, m4, l4, labels, lo + 4, dist, dOff + 4, xn, xnOff + 4);
    store(x, xo + 5 * d, d, m5, l5, labels, lo + 5, dist, dOff + 5, xn, xnOff + 5);
    store(x, xo + 6 * d, d, m6, l6, labels, lo + 6, dist, dOff + 6, xn, xnOff + 6);
    store(x, xo + 7 * d, d, m7, l7, labels, lo + 7, dist, dOff + 7, xn, xnOff + 7);
  }

  /**
   * Stores one point's result. The label is the lowest index among the lanes that hold the minimum
   * (the others were blended to +∞), so ties resolve as in the scalar kernel.
   */
  static void store(
      float[] x,
      int xo,
      int d,
      float min,
      float label,
      int[] labels,
      int lo,
      float[] dist,
      int dOff,
      float[] xn,
      int xnOff) {
    labels[lo] = (int) label;
    // A given norm is the same sequential sum; recomputing it is a serial chain of d fmas.
    float norm = xn != null ? xn[xnOff] : VectorKernels.sequentialSquaredNorm(x, xo, d);
    dist[dOff] = Math.max(0f, norm + min);
  }
}
