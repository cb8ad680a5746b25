package org.aidmp.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VectorKernelsTest {
  @Test
  void centroidPanelsHoldSixteenCentroidsCoordinateAfterCoordinate() {
    int d = 3;
    // Panel 0 holds centroids 0–15: coordinate 0 of all sixteen, then coordinate 1, ...
    assertEquals(0, VectorKernels.centroidIndex(0, 0, d));
    assertEquals(15, VectorKernels.centroidIndex(15, 0, d));
    assertEquals(16, VectorKernels.centroidIndex(0, 1, d));
    assertEquals(2 * 16 + 5, VectorKernels.centroidIndex(5, 2, d));
    // Panel 1 starts after the 16·d floats of panel 0.
    assertEquals(16 * d, VectorKernels.centroidIndex(16, 0, d));
    assertEquals(16 * d + 2 * 16 + 1, VectorKernels.centroidIndex(17, 2, d));
  }

  @Test
  void packCentroidsPlacesEveryCoordinateAndLeavesPaddingAlone() {
    int k = 20;
    int d = 3;
    float[] c = new float[k * d];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < d; j++) {
        c[i * d + j] = 100 * i + j + 1;
      }
    }
    float[] ct = new float[d * 32];
    VectorKernels.packCentroids(c, k, d, ct);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(100 * i + j + 1, ct[VectorKernels.centroidIndex(i, j, d)], i + "," + j);
      }
    }
    for (int i = k; i < 32; i++) {
      for (int j = 0; j < d; j++) {
        assertEquals(0f, ct[VectorKernels.centroidIndex(i, j, d)], "padding " + i);
      }
    }
  }
}
