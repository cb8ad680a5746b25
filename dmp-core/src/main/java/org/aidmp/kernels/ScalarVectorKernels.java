package org.aidmp.kernels;

/** Plain-Java kernels; the default when the Vector API is not enabled. */
final class ScalarVectorKernels implements VectorKernels {
  static final ScalarVectorKernels INSTANCE = new ScalarVectorKernels();

  private ScalarVectorKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    // Four accumulators break the dependency chain of one running sum.
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
    }
    for (; i < len; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float squaredNorm(float[] a, int off, int len) {
    return dot(a, off, a, off, len);
  }

  @Override
  public float squaredDistance(float[] a, int aOff, float[] b, int bOff, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      float d0 = a[aOff + i] - b[bOff + i];
      float d1 = a[aOff + i + 1] - b[bOff + i + 1];
      float d2 = a[aOff + i + 2] - b[bOff + i + 2];
      float d3 = a[aOff + i + 3] - b[bOff + i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < len; i++) {
      float d0 = a[aOff + i] - b[bOff + i];
      s0 += d0 * d0;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void dotTile(
      float[] a, int aOff, int aRows, float[] b, int bOff, int bRows, int d, float[] out,
      int outOff) {
    for (int i = 0; i < aRows; i++) {
      for (int j = 0; j < bRows; j++) {
        out[outOff + i * bRows + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
      }
    }
  }
}
