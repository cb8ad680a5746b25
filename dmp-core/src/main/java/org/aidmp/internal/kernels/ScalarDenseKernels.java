package org.aidmp.internal.kernels;

/**
 * The plain-Java {@link DenseKernels}: a 4 × 8 tile updated in place, one depth step at a time, so
 * that the 32 independent fused multiply-adds of a step hide each other's latency and the JIT may
 * vectorise the row of 8.
 */
final class ScalarDenseKernels implements DenseKernels {
  static final ScalarDenseKernels INSTANCE = new ScalarDenseKernels();

  private static final int MR = 4;
  private static final int NR = 8;

  private ScalarDenseKernels() {}

  @Override
  public String name() {
    return "scalar";
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
    for (int t = 0; t < depth; t++) {
      int uo = uOff + t * MR;
      int wo = wOff + t * NR;
      for (int r = 0; r < MR; r++) {
        double ur = u[uo + r];
        int co = cOff + r * ldc;
        for (int j = 0; j < NR; j++) {
          c[co + j] = Math.fma(ur, w[wo + j], c[co + j]);
        }
      }
    }
  }
}
