package org.aidmp.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One point against all centroids, called by {@link PanamaAssignment} for the points left over
 * after its tiles and for the live path, which assigns one row per event.
 */
final class PanamaOnePointAssignment {
  private static final VectorSpecies<Float> S = PanamaVectorKernels.S;
  private static final int L = PanamaVectorKernels.L;
  private static final float[] IOTA = PanamaVectorKernels.IOTA;

  /** Floats from one coordinate of a centroid panel to the next. */
  private static final int P = VectorKernels.CENTROID_STRIDE_MULTIPLE;

  private PanamaOnePointAssignment() {}

  /** See {@link VectorKernels#nearestCentroids}: one point, {@code kv} padded centroids. */
  static void assignOne(
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
    FloatVector b = inf, bi = FloatVector.zero(S);
    // The point's own squared norm rides along each pass as one more chain, in coordinate order
    // as sequentialSquaredNorm sums it: a serial chain of d fmas, hidden among the centroid chains
    // instead of waited out after them.
    float norm = 0f;
    int c = 0;
    // One point has no other points to interleave with, so its centroid vectors are: eight (or
    // two) independent chains of fmas hide the fma latency that one chain per vector would wait
    // out. Each chain still sums its coordinates in order, and the vectors are compared in
    // centroid order, so the result is the one-vector loop's.
    for (; c + 8 * L <= kv; c += 8 * L) {
      FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
      FloatVector a4 = a0, a5 = a0, a6 = a0, a7 = a0;
      float n = 0f;
      // Four pairs of vectors, one per panel start: the pair's second vector sits L floats on in
      // the same panel (AVX2, NEON; a constant the JIT folds into the address) or one panel on
      // (AVX-512). Every index is written as start + j·P, linear in the loop counter, which lets
      // the JIT hoist the range checks out of the loop; as indices stepped by += P it kept eight
      // checks per coordinate (0.78× of the old row layout against 0.90× this way, k = 64).
      int q = 2 * L <= P ? L : P * d;
      int p0 = VectorKernels.centroidIndex(c, 0, d);
      int p1 = VectorKernels.centroidIndex(c + 2 * L, 0, d);
      int p2 = VectorKernels.centroidIndex(c + 4 * L, 0, d);
      int p3 = VectorKernels.centroidIndex(c + 6 * L, 0, d);
      for (int j = 0; j < d; j++) {
        float xs = x[xo + j];
        n = Math.fma(xs, xs, n);
        FloatVector xj = FloatVector.broadcast(S, xs);
        int jp = j * P;
        a0 = xj.fma(FloatVector.fromArray(S, ct, p0 + jp), a0);
        a1 = xj.fma(FloatVector.fromArray(S, ct, p0 + q + jp), a1);
        a2 = xj.fma(FloatVector.fromArray(S, ct, p1 + jp), a2);
        a3 = xj.fma(FloatVector.fromArray(S, ct, p1 + q + jp), a3);
        a4 = xj.fma(FloatVector.fromArray(S, ct, p2 + jp), a4);
        a5 = xj.fma(FloatVector.fromArray(S, ct, p2 + q + jp), a5);
        a6 = xj.fma(FloatVector.fromArray(S, ct, p3 + jp), a6);
        a7 = xj.fma(FloatVector.fromArray(S, ct, p3 + q + jp), a7);
      }
      norm = n;
      FloatVector v = a0.fma(minusTwo, FloatVector.fromArray(S, cn, c));
      VectorMask<Float> m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) c), m);
      v = a1.fma(minusTwo, FloatVector.fromArray(S, cn, c + L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + L)), m);
      v = a2.fma(minusTwo, FloatVector.fromArray(S, cn, c + 2 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 2 * L)), m);
      v = a3.fma(minusTwo, FloatVector.fromArray(S, cn, c + 3 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 3 * L)), m);
      v = a4.fma(minusTwo, FloatVector.fromArray(S, cn, c + 4 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 4 * L)), m);
      v = a5.fma(minusTwo, FloatVector.fromArray(S, cn, c + 5 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 5 * L)), m);
      v = a6.fma(minusTwo, FloatVector.fromArray(S, cn, c + 6 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 6 * L)), m);
      v = a7.fma(minusTwo, FloatVector.fromArray(S, cn, c + 7 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 7 * L)), m);
    }
    // Four vectors in one pass where eight do not fit: on AVX-512 at k = 64 this is one pass of d
    // steps instead of two, and the pass is as long as its latency (d dependent fmas per chain).
    for (; c + 4 * L <= kv; c += 4 * L) {
      FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
      float n = 0f;
      int q = 2 * L <= P ? L : P * d;
      int p0 = VectorKernels.centroidIndex(c, 0, d);
      int p1 = VectorKernels.centroidIndex(c + 2 * L, 0, d);
      for (int j = 0; j < d; j++) {
        float xs = x[xo + j];
        n = Math.fma(xs, xs, n);
        FloatVector xj = FloatVector.broadcast(S, xs);
        int jp = j * P;
        a0 = xj.fma(FloatVector.fromArray(S, ct, p0 + jp), a0);
        a1 = xj.fma(FloatVector.fromArray(S, ct, p0 + q + jp), a1);
        a2 = xj.fma(FloatVector.fromArray(S, ct, p1 + jp), a2);
        a3 = xj.fma(FloatVector.fromArray(S, ct, p1 + q + jp), a3);
      }
      norm = n;
      FloatVector v = a0.fma(minusTwo, FloatVector.fromArray(S, cn, c));
      VectorMask<Float> m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) c), m);
      v = a1.fma(minusTwo, FloatVector.fromArray(S, cn, c + L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + L)), m);
      v = a2.fma(minusTwo, FloatVector.fromArray(S, cn, c + 2 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 2 * L)), m);
      v = a3.fma(minusTwo, FloatVector.fromArray(S, cn, c + 3 * L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + 3 * L)), m);
    }
    for (; c + 2 * L <= kv; c += 2 * L) {
      FloatVector a0 = FloatVector.zero(S), a1 = a0;
      float n = 0f;
      int base = VectorKernels.centroidIndex(c, 0, d);
      int o1 = 2 * L <= P ? L : VectorKernels.centroidIndex(c + L, 0, d) - base;
      for (int j = 0; j < d; j++) {
        float xs = x[xo + j];
        n = Math.fma(xs, xs, n);
        FloatVector xj = FloatVector.broadcast(S, xs);
        int o = base + j * P;
        a0 = xj.fma(FloatVector.fromArray(S, ct, o), a0);
        a1 = xj.fma(FloatVector.fromArray(S, ct, o + o1), a1);
      }
      norm = n;
      FloatVector v = a0.fma(minusTwo, FloatVector.fromArray(S, cn, c));
      VectorMask<Float> m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) c), m);
      v = a1.fma(minusTwo, FloatVector.fromArray(S, cn, c + L));
      m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) (c + L)), m);
    }
    for (; c < kv; c += L) {
      FloatVector a = FloatVector.zero(S);
      float n = 0f;
      int base = VectorKernels.centroidIndex(c, 0, d);
      for (int j = 0; j < d; j++) {
        float xs = x[xo + j];
        n = Math.fma(xs, xs, n);
        a = FloatVector.broadcast(S, xs).fma(FloatVector.fromArray(S, ct, base + j * P), a);
      }
      norm = n;
      FloatVector v = a.fma(minusTwo, FloatVector.fromArray(S, cn, c));
      VectorMask<Float> m = v.lt(b);
      b = b.blend(v, m);
      bi = bi.blend(FloatVector.fromArray(S, IOTA, 0).add((float) c), m);
    }
    float m = b.reduceLanes(VectorOperators.MIN);
    float l = bi.blend(inf, b.compare(VectorOperators.NE, m)).reduceLanes(VectorOperators.MIN);
    labels[lo] = (int) l;
    dist[dOff] = Math.max(0f, (xn != null ? xn[xnOff] : norm) + m);
  }
}
