package org.aidmp.internal.kernels;

/** Plain-Java kernels; the default when the Vector API is not enabled. */
final class ScalarVectorKernels implements VectorKernels {
  static final ScalarVectorKernels INSTANCE = new ScalarVectorKernels();

  /** Floats between one coordinate of a centroid panel and the next. */
  private static final int P = CENTROID_STRIDE_MULTIPLE;

  private ScalarVectorKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public String shape() {
    return "scalar, assignment tile 1 point × 8 centroids";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int len) {
    // Four accumulators break the dependency chain of one running sum; more gave nothing on the
    // scalar units, which retire two multiply-adds a cycle at best.
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
      float[] a,
      int aOff,
      int aRows,
      float[] b,
      int bOff,
      int bRows,
      int d,
      float[] out,
      int outOff) {
    // 2 × 2 blocks: each loaded coordinate feeds two products, halving loads per multiply-add.
    int i = 0;
    for (; i + 1 < aRows; i += 2) {
      int a0 = aOff + i * d;
      int a1 = a0 + d;
      int j = 0;
      for (; j + 1 < bRows; j += 2) {
        int b0 = bOff + j * d;
        int b1 = b0 + d;
        float s00 = 0, s01 = 0, s10 = 0, s11 = 0;
        for (int t = 0; t < d; t++) {
          float x0 = a[a0 + t];
          float x1 = a[a1 + t];
          float y0 = b[b0 + t];
          float y1 = b[b1 + t];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s10 += x1 * y0;
          s11 += x1 * y1;
        }
        int o = outOff + i * bRows + j;
        out[o] = s00;
        out[o + 1] = s01;
        out[o + bRows] = s10;
        out[o + bRows + 1] = s11;
      }
      for (; j < bRows; j++) {
        out[outOff + i * bRows + j] = dot(a, a0, b, bOff + j * d, d);
        out[outOff + (i + 1) * bRows + j] = dot(a, a1, b, bOff + j * d, d);
      }
    }
    for (; i < aRows; i++) {
      for (int j = 0; j < bRows; j++) {
        out[outOff + i * bRows + j] = dot(a, aOff + i * d, b, bOff + j * d, d);
      }
    }
  }

  @Override
  public void nearestCentroids(
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
      int distOff) {
    for (int i = 0; i < rows; i++) {
      int xo = xOff + i * d;
      float best = Float.POSITIVE_INFINITY;
      int bestC = 0;
      int c = 0;
      // Eight centroids at a time: eight independent fma chains, and each x[j] loaded once. Eight
      // divides the panel width, so the eight share a panel and step P floats per coordinate.
      for (; c + 7 < k; c += 8) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int j = 0, o = VectorKernels.centroidIndex(c, 0, d); j < d; j++, o += P) {
          float xj = x[xo + j];
          s0 = Math.fma(xj, ct[o], s0);
          s1 = Math.fma(xj, ct[o + 1], s1);
          s2 = Math.fma(xj, ct[o + 2], s2);
          s3 = Math.fma(xj, ct[o + 3], s3);
          s4 = Math.fma(xj, ct[o + 4], s4);
          s5 = Math.fma(xj, ct[o + 5], s5);
          s6 = Math.fma(xj, ct[o + 6], s6);
          s7 = Math.fma(xj, ct[o + 7], s7);
        }
        float v;
        if ((v = Math.fma(s0, -2f, cNorms[c])) < best) {
          best = v;
          bestC = c;
        }
        if ((v = Math.fma(s1, -2f, cNorms[c + 1])) < best) {
          best = v;
          bestC = c + 1;
        }
        if ((v = Math.fma(s2, -2f, cNorms[c + 2])) < best) {
          best = v;
          bestC = c + 2;
        }
        if ((v = Math.fma(s3, -2f, cNorms[c + 3])) < best) {
          best = v;
          bestC = c + 3;
        }
        if ((v = Math.fma(s4, -2f, cNorms[c + 4])) < best) {
          best = v;
          bestC = c + 4;
        }
        if ((v = Math.fma(s5, -2f, cNorms[c + 5])) < best) {
          best = v;
          bestC = c + 5;
        }
        if ((v = Math.fma(s6, -2f, cNorms[c + 6])) < best) {
          best = v;
          bestC = c + 6;
        }
        if ((v = Math.fma(s7, -2f, cNorms[c + 7])) < best) {
          best = v;
          bestC = c + 7;
        }
      }
      for (; c < k; c++) {
        float s = 0;
        for (int j = 0, o = VectorKernels.centroidIndex(c, 0, d); j < d; j++, o += P) {
          s = Math.fma(x[xo + j], ct[o], s);
        }
        float v = Math.fma(s, -2f, cNorms[c]);
        if (v < best) {
          best = v;
          bestC = c;
        }
      }
      labels[labelsOff + i] = bestC;
      dist[distOff + i] = Math.max(0f, VectorKernels.sequentialSquaredNorm(x, xo, d) + best);
    }
  }

  @Override
  public void addTo(double[] sums, int sOff, float[] x, int xOff, int d) {
    for (int j = 0; j < d; j++) {
      sums[sOff + j] += x[xOff + j];
    }
  }

  @Override
  public void addScaledTo(double[] sums, int sOff, double w, float[] x, int xOff, int d) {
    for (int j = 0; j < d; j++) {
      sums[sOff + j] += w * x[xOff + j];
    }
  }

  @Override
  public void scorePanels(
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
    int g = QUERY_GROUP;
    for (int i = 0; i < groups * g; i++) {
      int qi = qOff + (i / g) * g * d + i % g;
      int oi = outOff + i * outStride;
      for (int b = 0; b < panels; b++) {
        int o = oi + b * PANEL_WIDTH;
        int base = pOff + b * PANEL_WIDTH * d;
        for (int r = 0; r < PANEL_WIDTH; r++) {
          out[o + r] = 0f;
        }
        // The lane loop has a fixed trip count and no reduction, so the JIT can vectorise it.
        for (int t = 0; t < d; t++) {
          float x = q[qi + t * g];
          int row = base + t * PANEL_WIDTH;
          for (int r = 0; r < PANEL_WIDTH; r++) {
            out[o + r] += x * p[row + r];
          }
        }
      }
      long mask = 0;
      float floor = floors[floorsOff + i];
      for (int r = 0; r < panels * PANEL_WIDTH; r++) {
        if (out[oi + r] >= floor) {
          mask |= 1L << (r / HIT_GROUP);
        }
      }
      hits[hitsOff + i] = mask;
    }
  }
}
