package org.aidmp.internal.kernels;

import static jdk.incubator.vector.VectorOperators.GE;
import static org.aidmp.internal.kernels.VectorKernels.HIT_GROUP;
import static org.aidmp.internal.kernels.VectorKernels.PANEL_WIDTH;
import static org.aidmp.internal.kernels.VectorKernels.QUERY_GROUP;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Panel scoring on the Vector API ({@link VectorKernels#scorePanels}): the rows are stored
 * transposed in panels, so one vector holds one coordinate of many rows and each query's scores
 * accumulate lane by lane, with no horizontal sum per pair. The tile is one group of six queries ×
 * two row vectors: twelve accumulators, two rows and one broadcast fill 15 of AVX2's 16 registers,
 * and twelve independent chains keep both FMA pipes busy with room for a late load. The queries
 * come packed ({@link VectorKernels#packQueries}), so the six broadcasts of a coordinate share one
 * index; with one index per query the tile needed more integer registers than x86 has and spilled
 * (it measured a third slower than 4 × 2 that way).
 */
final class PanamaPanelScoring {
  private static final VectorSpecies<Float> S = PanamaVectorKernels.S;
  private static final int L = PanamaVectorKernels.L;
  private static final int G = QUERY_GROUP;

  private PanamaPanelScoring() {}

  /** See {@link VectorKernels#scorePanels}. */
  static void scorePanels(
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
    if (PANEL_WIDTH % L != 0 || L < HIT_GROUP || G != 6) {
      ScalarVectorKernels.INSTANCE.scorePanels(
          q, qOff, groups, p, pOff, panels, d, floors, floorsOff, hits, hitsOff, out, outOff,
          outStride);
      return;
    }
    Arrays.fill(hits, hitsOff, hitsOff + groups * G, 0L);
    // The hit bits of a pair of row vectors and of one vector, before the shift to their rows.
    long pairBits = (1L << (2 * L / HIT_GROUP)) - 1;
    long oneBits = (1L << (L / HIT_GROUP)) - 1;
    int items = panels * PANEL_WIDTH;
    int it = 0;
    // Rows outside, queries inside: a pair of row vectors (one panel on AVX2, 4 KB at d = 64) stays
    // in L1 while every query of the call passes over it.
    for (; it + 2 * L <= items; it += 2 * L) {
      int b0 = panelStart(pOff, it, d);
      int b1 = panelStart(pOff, it + L, d);
      long bits = pairBits << (it / HIT_GROUP);
      for (int g = 0; g < groups; g++) {
        int q0 = qOff + g * G * d;
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = a00;
        FloatVector a10 = a00;
        FloatVector a11 = a00;
        FloatVector a20 = a00;
        FloatVector a21 = a00;
        FloatVector a30 = a00;
        FloatVector a31 = a00;
        FloatVector a40 = a00;
        FloatVector a41 = a00;
        FloatVector a50 = a00;
        FloatVector a51 = a00;
        for (int t = 0; t < d; t++) {
          FloatVector y0 = FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH);
          FloatVector y1 = FloatVector.fromArray(S, p, b1 + t * PANEL_WIDTH);
          int qt = q0 + t * G;
          FloatVector x = FloatVector.broadcast(S, q[qt]);
          a00 = y0.fma(x, a00);
          a01 = y1.fma(x, a01);
          x = FloatVector.broadcast(S, q[qt + 1]);
          a10 = y0.fma(x, a10);
          a11 = y1.fma(x, a11);
          x = FloatVector.broadcast(S, q[qt + 2]);
          a20 = y0.fma(x, a20);
          a21 = y1.fma(x, a21);
          x = FloatVector.broadcast(S, q[qt + 3]);
          a30 = y0.fma(x, a30);
          a31 = y1.fma(x, a31);
          x = FloatVector.broadcast(S, q[qt + 4]);
          a40 = y0.fma(x, a40);
          a41 = y1.fma(x, a41);
          x = FloatVector.broadcast(S, q[qt + 5]);
          a50 = y0.fma(x, a50);
          a51 = y1.fma(x, a51);
        }
        // Only a query's pair of vectors that holds a candidate is stored, which after the first
        // blocks of a scan is almost none. Two compares and an or, not max then compare: Java's
        // max costs five instructions for its NaN rule, and a NaN would hide its lane's partner.
        int i = g * G;
        int o = outOff + i * outStride + it;
        int f = floorsOff + i;
        if (a00.compare(GE, floors[f]).or(a01.compare(GE, floors[f])).anyTrue()) {
          a00.intoArray(out, o);
          a01.intoArray(out, o + L);
          hits[hitsOff + i] |= bits;
        }
        o += outStride;
        if (a10.compare(GE, floors[f + 1]).or(a11.compare(GE, floors[f + 1])).anyTrue()) {
          a10.intoArray(out, o);
          a11.intoArray(out, o + L);
          hits[hitsOff + i + 1] |= bits;
        }
        o += outStride;
        if (a20.compare(GE, floors[f + 2]).or(a21.compare(GE, floors[f + 2])).anyTrue()) {
          a20.intoArray(out, o);
          a21.intoArray(out, o + L);
          hits[hitsOff + i + 2] |= bits;
        }
        o += outStride;
        if (a30.compare(GE, floors[f + 3]).or(a31.compare(GE, floors[f + 3])).anyTrue()) {
          a30.intoArray(out, o);
          a31.intoArray(out, o + L);
          hits[hitsOff + i + 3] |= bits;
        }
        o += outStride;
        if (a40.compare(GE, floors[f + 4]).or(a41.compare(GE, floors[f + 4])).anyTrue()) {
          a40.intoArray(out, o);
          a41.intoArray(out, o + L);
          hits[hitsOff + i + 4] |= bits;
        }
        o += outStride;
        if (a50.compare(GE, floors[f + 5]).or(a51.compare(GE, floors[f + 5])).anyTrue()) {
          a50.intoArray(out, o);
          a51.intoArray(out, o + L);
          hits[hitsOff + i + 5] |= bits;
        }
      }
    }
    // A last vector of rows, when the panels hold an odd number of vectors: one query at a time.
    for (; it < items; it += L) {
      int b0 = panelStart(pOff, it, d);
      for (int i = 0; i < groups * G; i++) {
        int qi = qOff + (i / G) * G * d + i % G;
        FloatVector a0 = FloatVector.zero(S);
        for (int t = 0; t < d; t++) {
          a0 =
              FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH)
                  .fma(FloatVector.broadcast(S, q[qi + t * G]), a0);
        }
        if (a0.compare(GE, floors[floorsOff + i]).anyTrue()) {
          a0.intoArray(out, outOff + i * outStride + it);
          hits[hitsOff + i] |= oneBits << (it / HIT_GROUP);
        }
      }
    }
  }

  /** Where the vector of rows starting at row {@code item} of the block begins. */
  private static int panelStart(int pOff, int item, int d) {
    return pOff + (item / PANEL_WIDTH) * PANEL_WIDTH * d + (item % PANEL_WIDTH);
  }
}
