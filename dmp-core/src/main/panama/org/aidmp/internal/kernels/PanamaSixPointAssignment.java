package org.aidmp.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The assignment tile for CPUs with 16 vector registers (AVX2, SSE): six points against two
 * centroid vectors at a time, called by {@link PanamaAssignment}.
 */
final class PanamaSixPointAssignment {
  private static final VectorSpecies<Float> S = PanamaVectorKernels.S;
  private static final int L = PanamaVectorKernels.L;
  private static final float[] IOTA = PanamaVectorKernels.IOTA;
  private static final int P = VectorKernels.CENTROID_STRIDE_MULTIPLE;

  private PanamaSixPointAssignment() {}

  /**
   * Six points against all centroids, two centroid vectors at a time: the tile for CPUs with 16
   * vector registers (AVX2). Twelve accumulators, two centroid vectors and one broadcast take 15
   * registers, so nothing spills inside the coordinate loop, and each step issues twelve fused
   * multiply-adds for eight loads (two vectors, six broadcasts, which x86 serves from the load
   * ports). The 4 × 4 tile of {@link #assignFour} needs 21 and spills accumulators on every step
   * there. The running minima live across tiles and may spill; they are touched once per tile.
   */
  static void assignSix(
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
      // The two vectors share a panel (the caller checks that 2·L divides it), so both step P
      // floats per coordinate through consecutive memory, and o + L folds into the address.
      for (int j = 0, o = VectorKernels.centroidIndex(c, 0, d); j < d; j++, o += P) {
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
      FloatVector id0 = FloatVector.fromArray(S, IOTA, 0).add((float) c);
      FloatVector id1 = FloatVector.fromArray(S, IOTA, 0).add((float) (c + L));
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
      for (int j = 0, o = VectorKernels.centroidIndex(c, 0, d); j < d; j++, o += P) {
        FloatVector cv = FloatVector.fromArray(S, ct, o);
        a0 = FloatVector.broadcast(S, x[x0o + j]).fma(cv, a0);
        a1 = FloatVector.broadcast(S, x[x1o + j]).fma(cv, a1);
        a2 = FloatVector.broadcast(S, x[x2o + j]).fma(cv, a2);
        a3 = FloatVector.broadcast(S, x[x3o + j]).fma(cv, a3);
        a4 = FloatVector.broadcast(S, x[x4o + j]).fma(cv, a4);
        a5 = FloatVector.broadcast(S, x[x5o + j]).fma(cv, a5);
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
    PanamaAssignment.store(x, x0o, d, m0, l0, labels, lo + 0, dist, dOff + 0, xn, xnOff + 0);
    PanamaAssignment.store(x, x1o, d, m1, l1, labels, lo + 1, dist, dOff + 1, xn, xnOff + 1);
    PanamaAssignment.store(x, x2o, d, m2, l2, labels, lo + 2, dist, dOff + 2, xn, xnOff + 2);
    PanamaAssignment.store(x, x3o, d, m3, l3, labels, lo + 3, dist, dOff + 3, xn, xnOff + 3);
    PanamaAssignment.store(x, x4o, d, m4, l4, labels, lo + 4, dist, dOff + 4, xn, xnOff + 4);
    PanamaAssignment.store(x, x5o, d, m5, l5, labels, lo + 5, dist, dOff + 5, xn, xnOff + 5);
  }
}
