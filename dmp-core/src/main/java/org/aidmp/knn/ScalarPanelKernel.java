package org.aidmp.knn;

/** Internal: the plain-Java {@link PanelKernel}. */
final class ScalarPanelKernel implements PanelKernel {
  static final ScalarPanelKernel INSTANCE = new ScalarPanelKernel();

  private ScalarPanelKernel() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void scorePanels(
      float[] q, int qOff, int qRows, float[] p, int pOff, int panels, int d, float[] out,
      int outOff, int outStride) {
    for (int i = 0; i < qRows; i++) {
      int qi = qOff + i * d;
      for (int b = 0; b < panels; b++) {
        int o = outOff + i * outStride + b * WIDTH;
        int base = pOff + b * WIDTH * d;
        for (int r = 0; r < WIDTH; r++) {
          out[o + r] = 0f;
        }
        // The lane loop has a fixed trip count and no reduction, so the JIT can vectorise it.
        for (int t = 0; t < d; t++) {
          float x = q[qi + t];
          int row = base + t * WIDTH;
          for (int r = 0; r < WIDTH; r++) {
            out[o + r] += x * p[row + r];
          }
        }
      }
    }
  }

  @Override
  public int nextAtLeast(float[] a, int from, int to, float threshold) {
    for (int i = from; i < to; i++) {
      if (a[i] >= threshold) {
        return i;
      }
    }
    return to;
  }
}
