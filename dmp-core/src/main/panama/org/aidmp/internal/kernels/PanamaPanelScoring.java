package org.aidmp.internal.kernels;

import static org.aidmp.internal.kernels.VectorKernels.PANEL_WIDTH;

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

  /** See {@link VectorKernels#scorePanels}. */
  static void scorePanels(
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

  /** Where the vector of rows starting at row {@code item} of the block begins. */
  private static int panelStart(int pOff, int item, int d) {
    return pOff + (item / PANEL_WIDTH) * PANEL_WIDTH * d + (item % PANEL_WIDTH);
  }
}
