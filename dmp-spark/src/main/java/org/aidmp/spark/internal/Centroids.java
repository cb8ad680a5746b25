package org.aidmp.spark.internal;

import java.io.Serializable;
import java.util.Arrays;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * Centroids in the layout the fused assignment kernel reads (transposed, padded, with norms), built
 * once on the driver and broadcast to every partition.
 */
public final class Centroids implements Serializable {
  private static final long serialVersionUID = 1L;

  /** k × d, row-major. */
  public final float[] c;

  /** The number of centroids. */
  public final int k;

  /** Values per centroid. */
  public final int d;

  /** The padded centroid stride of the transposed copy. */
  public final int ks;

  /** The centroids in the kernel's panel layout ({@link VectorKernels#centroidIndex}). */
  public final float[] ct;

  /** ‖c‖², +∞ in the padding. */
  public final float[] cn;

  /** Prepares k × d centroids (copied). */
  public Centroids(float[] c, int k, int d) {
    this.c = Arrays.copyOf(c, k * d);
    this.k = k;
    this.d = d;
    int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
    this.ks = (k + m - 1) / m * m;
    this.ct = new float[d * ks];
    this.cn = new float[ks];
    Arrays.fill(cn, Float.POSITIVE_INFINITY);
    for (int cc = 0; cc < k; cc++) {
      float s = 0;
      for (int j = 0; j < d; j++) {
        float v = c[cc * d + j];
        s = Math.fma(v, v, s);
      }
      cn[cc] = s;
    }
    VectorKernels.packCentroids(this.c, k, d, ct);
  }

  /** Labels and squared distances of a block's rows, by the fused kernel. */
  public void assign(VectorKernels kern, FloatBlock b, int[] labels, float[] dist) {
    if (b.rows > 0) {
      kern.nearestCentroids(b.x, 0, b.rows, d, ct, ks, cn, k, b.norms(), 0, labels, 0, dist, 0);
    }
  }
}
