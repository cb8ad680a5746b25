package org.aidmp.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The transposed-panel scoring kernels of the cosine index, scalar against Panama. */
class PanelScoringTest {

  private static List<VectorKernels> kernels() {
    List<VectorKernels> k = new ArrayList<>();
    k.add(VectorKernelsProvider.scalar());
    VectorKernels panama = VectorKernelsProvider.panamaOrNull();
    // Surefire enables the Vector API module, so the Panama kernel must be there to be tested.
    assertNotNull(panama, "Panama kernel missing: run with --add-modules jdk.incubator.vector");
    k.add(panama);
    k.add(VectorKernelsProvider.panamaWithRegisters(16));
    k.add(VectorKernelsProvider.panamaWithRegisters(32));
    return k;
  }

  @Test
  void scalarAndPanamaMatchADoubleReferenceAtAwkwardSizes() {
    SplittableRandom rnd = new SplittableRandom(17);
    int w = VectorKernels.PANEL_WIDTH;
    for (int d : new int[] {1, 7, 15, 16, 17, 63, 64, 65, 100}) {
      for (int qRows : new int[] {1, 3, 4, 5, 6, 7, 9, 13}) {
        for (int panels : new int[] {1, 2, 3, 5}) {
          int pOff = rnd.nextInt(3) * w * d;
          float[] p = new float[pOff + panels * w * d];
          for (int i = 0; i < p.length; i++) {
            p[i] = (float) rnd.nextGaussian();
          }
          int qOff = rnd.nextInt(5);
          float[] q = new float[qOff + qRows * d];
          for (int i = 0; i < q.length; i++) {
            q[i] = (float) rnd.nextGaussian();
          }
          int stride = panels * w + rnd.nextInt(3);
          for (VectorKernels k : kernels()) {
            float[] out = new float[3 + qRows * stride];
            k.scorePanels(q, qOff, qRows, p, pOff, panels, d, out, 3, stride);
            for (int i = 0; i < qRows; i++) {
              for (int r = 0; r < panels * w; r++) {
                double ref = 0;
                int base = pOff + (r / w) * w * d + r % w;
                for (int t = 0; t < d; t++) {
                  ref += (double) q[qOff + i * d + t] * p[base + t * w];
                }
                assertEquals(
                    ref,
                    out[3 + i * stride + r],
                    1e-4 * Math.sqrt(d),
                    k.shape()
                        + " d="
                        + d
                        + " qRows="
                        + qRows
                        + " panels="
                        + panels
                        + " q="
                        + i
                        + " row="
                        + r);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void nextAtLeastFindsTheFirstQualifyingIndex() {
    SplittableRandom rnd = new SplittableRandom(23);
    for (int trial = 0; trial < 2000; trial++) {
      int n = rnd.nextInt(0, 70);
      float[] a = new float[n];
      for (int i = 0; i < n; i++) {
        a[i] = rnd.nextInt(10);
      }
      int from = n == 0 ? 0 : rnd.nextInt(n + 1);
      int to = from + rnd.nextInt(n - from + 1);
      float t = rnd.nextInt(3) == 0 ? Float.NEGATIVE_INFINITY : rnd.nextInt(12);
      int expected = to;
      for (int i = from; i < to; i++) {
        if (a[i] >= t) {
          expected = i;
          break;
        }
      }
      for (VectorKernels k : kernels()) {
        assertEquals(
            expected,
            k.nextAtLeast(a, from, to, t),
            k.shape() + " trial " + trial + " from=" + from + " to=" + to + " t=" + t);
      }
    }
  }
}
