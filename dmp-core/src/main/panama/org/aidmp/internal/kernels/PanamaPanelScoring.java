package org.aidmp.internal.kernels;

import static jdk.incubator.vector.VectorOperators.GE;
import static org.aidmp.internal.kernels.VectorKernels.HIT_GROUP;
import static org.aidmp.internal.kernels.VectorKernels.PANEL_WIDTH;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Panel scoring on the Vector API ({@link VectorKernels#scorePanels}): the rows are stored
 * transposed in panels, so one vector holds one coordinate of many rows and each query's scores
 * accumulate lane by lane, with no horizontal sum per pair. The tile is 4 queries × 2 row vectors
 * on every CPU: on AVX2 a 6 × 2 tile (15 of the 16 registers) measured a third slower over a
 * million rows than 4 × 2, whose eight accumulators already keep both FMA ports busy.
 */
final class PanamaPanelScoring {
  private static final VectorSpecies<Float> S = PanamaVectorKernels.S;
  private static final int L = PanamaVectorKernels.L;

  private PanamaPanelScoring() {}

  /**
   * {@link VectorKernels#scorePanels} when {@code floors} is null, {@link
   * VectorKernels#scorePanelsAbove} otherwise: one kernel, so both give the same scores.
   */
  static void scorePanels(
      float[] q,
      int qOff,
      int qRows,
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
    if (PANEL_WIDTH % L != 0 || L < HIT_GROUP) {
      if (floors == null) {
        ScalarVectorKernels.INSTANCE.scorePanels(
            q, qOff, qRows, p, pOff, panels, d, out, outOff, outStride);
      } else {
        ScalarVectorKernels.INSTANCE.scorePanelsAbove(
            q, qOff, qRows, p, pOff, panels, d, floors, floorsOff, hits, hitsOff, out, outOff,
            outStride);
      }
      return;
    }
    if (floors != null) {
      Arrays.fill(hits, hitsOff, hitsOff + qRows, 0L);
    }
    // The hit bits of a pair of row vectors and of one vector, before the shift to their rows.
    long pairBits = (1L << (2 * L / HIT_GROUP)) - 1;
    long oneBits = (1L << (L / HIT_GROUP)) - 1;
    int items = panels * PANEL_WIDTH;
    int it = 0;
    // Rows outside, queries inside: a pair of row vectors (one panel on AVX2, 4 KB at d = 64) stays
    // in L1 while every query of the call passes over it, instead of the whole block's panels
    // streaming through L1 once per four queries.
    for (; it + 2 * L <= items; it += 2 * L) {
      int b0 = panelStart(pOff, it, d);
      int b1 = panelStart(pOff, it + L, d);
      int i = 0;
      // 4 queries × 2 vectors of rows: eight accumulators; per coordinate two row loads and four
      // broadcasts feed eight fused multiply-adds, so the FMA units, not the loads, set the pace.
      for (; i + 3 < qRows; i += 4) {
        int q0 = qOff + i * d;
        int o0 = outOff + i * outStride + it;
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
        // Without floors every score is stored; with them only a query's pair of vectors that
        // holds a candidate, which after the first blocks of a scan is almost none.
        long bits = pairBits << (it / HIT_GROUP);
        int f = floorsOff + i;
        if (floors == null || a00.max(a01).compare(GE, floors[f]).anyTrue()) {
          a00.intoArray(out, o0);
          a01.intoArray(out, o0 + L);
          if (floors != null) {
            hits[hitsOff + i] |= bits;
          }
        }
        if (floors == null || a10.max(a11).compare(GE, floors[f + 1]).anyTrue()) {
          a10.intoArray(out, o0 + outStride);
          a11.intoArray(out, o0 + outStride + L);
          if (floors != null) {
            hits[hitsOff + i + 1] |= bits;
          }
        }
        if (floors == null || a20.max(a21).compare(GE, floors[f + 2]).anyTrue()) {
          a20.intoArray(out, o0 + 2 * outStride);
          a21.intoArray(out, o0 + 2 * outStride + L);
          if (floors != null) {
            hits[hitsOff + i + 2] |= bits;
          }
        }
        if (floors == null || a30.max(a31).compare(GE, floors[f + 3]).anyTrue()) {
          a30.intoArray(out, o0 + 3 * outStride);
          a31.intoArray(out, o0 + 3 * outStride + L);
          if (floors != null) {
            hits[hitsOff + i + 3] |= bits;
          }
        }
      }
      // Left-over queries, one at a time.
      for (; i < qRows; i++) {
        int q0 = qOff + i * d;
        int o0 = outOff + i * outStride + it;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        for (int t = 0; t < d; t++) {
          FloatVector x = FloatVector.broadcast(S, q[q0 + t]);
          a0 = FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH).fma(x, a0);
          a1 = FloatVector.fromArray(S, p, b1 + t * PANEL_WIDTH).fma(x, a1);
        }
        if (floors == null || a0.max(a1).compare(GE, floors[floorsOff + i]).anyTrue()) {
          a0.intoArray(out, o0);
          a1.intoArray(out, o0 + L);
          if (floors != null) {
            hits[hitsOff + i] |= pairBits << (it / HIT_GROUP);
          }
        }
      }
    }
    // A last vector of rows, when the panels hold an odd number of vectors.
    for (; it < items; it += L) {
      int b0 = panelStart(pOff, it, d);
      for (int i = 0; i < qRows; i++) {
        int q0 = qOff + i * d;
        FloatVector a0 = FloatVector.zero(S);
        for (int t = 0; t < d; t++) {
          a0 =
              FloatVector.fromArray(S, p, b0 + t * PANEL_WIDTH)
                  .fma(FloatVector.broadcast(S, q[q0 + t]), a0);
        }
        if (floors == null || a0.compare(GE, floors[floorsOff + i]).anyTrue()) {
          a0.intoArray(out, outOff + i * outStride + it);
          if (floors != null) {
            hits[hitsOff + i] |= oneBits << (it / HIT_GROUP);
          }
        }
      }
    }
  }

  /** Where the vector of rows starting at row {@code item} of the block begins. */
  private static int panelStart(int pOff, int item, int d) {
    return pOff + (item / PANEL_WIDTH) * PANEL_WIDTH * d + (item % PANEL_WIDTH);
  }
}
