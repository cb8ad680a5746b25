package org.aidmp.internal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernels} on the JDK's Vector API: a 6 × 2L tile (L doubles per vector: 6 × 8 on AVX2,
 * 6 × 16 on AVX-512) held in 12 vector accumulators. Each depth step loads two vectors of {@code
 * w}, broadcasts six values of {@code u} and issues 12 independent fused multiply-adds: with two
 * operands and one broadcast live that makes 15 registers, within AVX2's 16, and 12 chains cover
 * the latency of two FMA units (4 cycles × 2 in flight on Zen 3 and Skylake). Loaded reflectively
 * by {@link DenseKernelsProvider} through {@link #INSTANCE}.
 */
final class PanamaDenseKernels implements DenseKernels {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  static final int L = S.length();
  private static final int MR = 6;
  private static final int NR = 2 * L;

  /** The instance {@link DenseKernelsProvider} reads reflectively. */
  static final PanamaDenseKernels INSTANCE = new PanamaDenseKernels();

  private PanamaDenseKernels() {}

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public int tileRows() {
    return MR;
  }

  @Override
  public int tileColumns() {
    return NR;
  }

  @Override
  public void multiplyAddTile(
      double[] u, int uOff, double[] w, int wOff, int depth, double[] c, int cOff, int ldc) {
    int c0 = cOff;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int c4 = c3 + ldc;
    int c5 = c4 + ldc;
    DoubleVector a00 = DoubleVector.fromArray(S, c, c0);
    DoubleVector a01 = DoubleVector.fromArray(S, c, c0 + L);
    DoubleVector a10 = DoubleVector.fromArray(S, c, c1);
    DoubleVector a11 = DoubleVector.fromArray(S, c, c1 + L);
    DoubleVector a20 = DoubleVector.fromArray(S, c, c2);
    DoubleVector a21 = DoubleVector.fromArray(S, c, c2 + L);
    DoubleVector a30 = DoubleVector.fromArray(S, c, c3);
    DoubleVector a31 = DoubleVector.fromArray(S, c, c3 + L);
    DoubleVector a40 = DoubleVector.fromArray(S, c, c4);
    DoubleVector a41 = DoubleVector.fromArray(S, c, c4 + L);
    DoubleVector a50 = DoubleVector.fromArray(S, c, c5);
    DoubleVector a51 = DoubleVector.fromArray(S, c, c5 + L);
    for (int t = 0; t < depth; t++) {
      // Offsets linear in t, so that C2 can hoist the range checks out of the loop.
      int uo = uOff + t * MR;
      int wo = wOff + t * NR;
      DoubleVector w0 = DoubleVector.fromArray(S, w, wo);
      DoubleVector w1 = DoubleVector.fromArray(S, w, wo + L);
      DoubleVector b = DoubleVector.broadcast(S, u[uo]);
      a00 = b.fma(w0, a00);
      a01 = b.fma(w1, a01);
      b = DoubleVector.broadcast(S, u[uo + 1]);
      a10 = b.fma(w0, a10);
      a11 = b.fma(w1, a11);
      b = DoubleVector.broadcast(S, u[uo + 2]);
      a20 = b.fma(w0, a20);
      a21 = b.fma(w1, a21);
      b = DoubleVector.broadcast(S, u[uo + 3]);
      a30 = b.fma(w0, a30);
      a31 = b.fma(w1, a31);
      b = DoubleVector.broadcast(S, u[uo + 4]);
      a40 = b.fma(w0, a40);
      a41 = b.fma(w1, a41);
      b = DoubleVector.broadcast(S, u[uo + 5]);
      a50 = b.fma(w0, a50);
      a51 = b.fma(w1, a51);
    }
    a00.intoArray(c, c0);
    a01.intoArray(c, c0 + L);
    a10.intoArray(c, c1);
    a11.intoArray(c, c1 + L);
    a20.intoArray(c, c2);
    a21.intoArray(c, c2 + L);
    a30.intoArray(c, c3);
    a31.intoArray(c, c3 + L);
    a40.intoArray(c, c4);
    a41.intoArray(c, c4 + L);
    a50.intoArray(c, c5);
    a51.intoArray(c, c5 + L);
  }
}
