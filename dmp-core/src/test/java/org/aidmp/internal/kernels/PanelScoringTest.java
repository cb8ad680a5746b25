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
  void packQueriesTransposesGroupsOfSixAndPadsTheLast() {
    int d = 3;
    int n = 8;
    float[] q = new float[1 + n * d];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < d; t++) {
        q[1 + i * d + t] = 10 * i + t + 1;
      }
    }
    float[] packed = new float[2 + 12 * d];
    java.util.Arrays.fill(packed, -7f);
    VectorKernels.packQueries(q, 1, n, d, packed, 2);
    assertEquals(-7f, packed[1], "before the output untouched");
    // Group 0: coordinate t of query i at t·6 + i.
    assertEquals(1f, packed[2]);
    assertEquals(51f, packed[2 + 5]);
    assertEquals(53f, packed[2 + 2 * 6 + 5]);
    // Group 1 starts at 6·d: queries 6 and 7, then four zero queries.
    assertEquals(61f, packed[2 + 6 * d]);
    assertEquals(72f, packed[2 + 6 * d + 6 + 1]);
    assertEquals(0f, packed[2 + 6 * d + 2]);
    assertEquals(0f, packed[2 + 6 * d + 2 * 6 + 5]);
  }

  @Test
  void scalarAndPanamaMatchADoubleReferenceAtAwkwardSizes() {
    SplittableRandom rnd = new SplittableRandom(17);
    int w = VectorKernels.PANEL_WIDTH;
    int g = VectorKernels.QUERY_GROUP;
    for (int d : new int[] {1, 7, 15, 16, 17, 63, 64, 65, 100}) {
      for (int qRows : new int[] {1, 3, 4, 5, 6, 7, 9, 13}) {
        for (int panels : new int[] {1, 2, 3, 5}) {
          int pOff = rnd.nextInt(3) * w * d;
          float[] p = new float[pOff + panels * w * d];
          for (int i = 0; i < p.length; i++) {
            p[i] = (float) rnd.nextGaussian();
          }
          float[] q = new float[qRows * d];
          for (int i = 0; i < q.length; i++) {
            q[i] = (float) rnd.nextGaussian();
          }
          int groups = (qRows + g - 1) / g;
          int qOff = rnd.nextInt(5);
          float[] packed = new float[qOff + groups * g * d];
          VectorKernels.packQueries(q, 0, qRows, d, packed, qOff);
          float[] floors = new float[groups * g];
          java.util.Arrays.fill(floors, Float.NEGATIVE_INFINITY);
          int stride = panels * w + rnd.nextInt(3);
          for (VectorKernels k : kernels()) {
            float[] out = new float[3 + groups * g * stride];
            long[] hits = new long[groups * g];
            k.scorePanels(
                packed, qOff, groups, p, pOff, panels, d, floors, 0, hits, 0, out, 3, stride);
            for (int i = 0; i < qRows; i++) {
              assertEquals(
                  (1L << (panels * w / VectorKernels.HIT_GROUP)) - 1, hits[i], "every group");
              for (int r = 0; r < panels * w; r++) {
                double ref = 0;
                int base = pOff + (r / w) * w * d + r % w;
                for (int t = 0; t < d; t++) {
                  ref += (double) q[i * d + t] * p[base + t * w];
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
  void floorsReportEveryGroupWithACandidateAndItsExactScores() {
    SplittableRandom rnd = new SplittableRandom(23);
    int w = VectorKernels.PANEL_WIDTH;
    int hg = VectorKernels.HIT_GROUP;
    int g = VectorKernels.QUERY_GROUP;
    for (int trial = 0; trial < 300; trial++) {
      int d = 1 + rnd.nextInt(70);
      int groups = 1 + rnd.nextInt(3);
      int qRows = groups * g;
      int panels = 1 + rnd.nextInt(16);
      int rows = panels * w;
      float[] p = new float[panels * w * d];
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) rnd.nextGaussian();
      }
      float[] q = new float[qRows * d];
      for (int i = 0; i < q.length; i++) {
        q[i] = (float) rnd.nextGaussian();
      }
      float[] packed = new float[qRows * d];
      VectorKernels.packQueries(q, 0, qRows, d, packed, 0);
      float[] none = new float[qRows];
      java.util.Arrays.fill(none, Float.NEGATIVE_INFINITY);
      // Floors from "take everything" to "take nothing", most in between.
      float[] floors = new float[1 + qRows];
      for (int i = 0; i < qRows; i++) {
        int pick = rnd.nextInt(6);
        floors[1 + i] =
            pick == 0
                ? Float.NEGATIVE_INFINITY
                : pick == 1
                    ? Float.POSITIVE_INFINITY
                    : (float) (rnd.nextGaussian() * 2 * Math.sqrt(d));
      }
      for (VectorKernels k : kernels()) {
        float[] all = new float[qRows * rows];
        long[] allHits = new long[qRows];
        k.scorePanels(packed, 0, groups, p, 0, panels, d, none, 0, allHits, 0, all, 0, rows);
        float[] out = new float[qRows * rows];
        long[] hits = new long[2 + qRows];
        java.util.Arrays.fill(hits, -1L);
        k.scorePanels(packed, 0, groups, p, 0, panels, d, floors, 1, hits, 2, out, 0, rows);
        assertEquals(-1L, hits[1], "hits outside the queries untouched");
        for (int i = 0; i < qRows; i++) {
          String at = k.shape() + " trial " + trial + " q=" + i;
          for (int r = 0; r < rows; r++) {
            boolean reported = (hits[2 + i] & (1L << (r / hg))) != 0;
            if (all[i * rows + r] >= floors[1 + i]) {
              assertEquals(true, reported, at + " row " + r + " is a candidate");
            }
            if (reported) {
              assertEquals(all[i * rows + r], out[i * rows + r], at + " row " + r);
            }
          }
          assertEquals(0L, hits[2 + i] >>> (rows / hg - 1) >>> 1, at + " no bits past the rows");
        }
      }
    }
  }

  @Test
  void aNanRowDoesNotHideACandidateBesideIt() {
    int d = 4;
    int w = VectorKernels.PANEL_WIDTH;
    int g = VectorKernels.QUERY_GROUP;
    int hg = VectorKernels.HIT_GROUP;
    float[] p = new float[w * d];
    // Every row scores 0 except row 0, which is NaN, and row 8, the candidate: with 8-float
    // vectors it shares row 0's lane in the second vector of the pair.
    for (int t = 0; t < d; t++) {
      p[t * w] = Float.NaN;
    }
    int[] candidates = {8};
    for (int c : candidates) {
      p[c] = 1f;
    }
    float[] q = new float[g * d];
    for (int i = 0; i < g; i++) {
      q[i * d] = 1f;
    }
    float[] packed = new float[g * d];
    VectorKernels.packQueries(q, 0, g, d, packed, 0);
    float[] floors = new float[g];
    java.util.Arrays.fill(floors, 0.5f);
    for (VectorKernels k : kernels()) {
      long[] hits = new long[g];
      float[] out = new float[g * w];
      k.scorePanels(packed, 0, 1, p, 0, 1, d, floors, 0, hits, 0, out, 0, w);
      for (int i = 0; i < g; i++) {
        for (int c : candidates) {
          assertEquals(
              true, (hits[i] & (1L << (c / hg))) != 0, k.shape() + " query " + i + " row " + c);
          assertEquals(1f, out[i * w + c], k.shape() + " query " + i + " row " + c);
        }
      }
    }
  }
}
