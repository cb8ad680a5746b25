package org.aidmp.predict.tree;

import java.util.Arrays;
import org.aidmp.internal.parallel.WorkerPool;

/**
 * The split search of a tree being grown: for a node's histogram, the best threshold of every
 * numeric feature and the best prefix of every categorical feature's categories ordered by gradient
 * over hessian, then the best of those, kept per node as the node's candidate split. Features are
 * searched in parallel when the work is large enough; each writes only its own slot.
 */
final class SplitSearch {
  /** Per node: the candidate split's feature. */
  final int[] feature;

  /** Per node: the candidate's last bin going left (−1 for a categorical split). */
  final int[] thresholdBin;

  /** Per node: whether missing values go left at the candidate. */
  final boolean[] missingLeft;

  /** Per node: the categories going left at a categorical candidate (256 bits). */
  final long[][] bits;

  /** Per node: the candidate's gain, 0 when no split gains. */
  final double[] gain;

  /** Per node: the sums of gradients, hessians and rows on the candidate's left side. */
  final double[] gradLeft;

  final double[] hessLeft;
  final double[] countLeft;

  private final double l2;
  private final int minRows;
  private final double minWeight;
  private final boolean[] categorical;
  private final int[] nb;
  private final int[] hoff;

  // The best split of each feature for the node being searched.
  private final double[] fGain;
  private final int[] fThr;
  private final boolean[] fMissLeft;
  private final long[][] fBits;
  private final double[] fGL;
  private final double[] fHL;
  private final double[] fCL;

  /**
   * @param hoff each feature's first histogram slot (three doubles per bin, missing last)
   * @param maxNodes the most nodes a tree may have
   */
  SplitSearch(GradientBoosting cfg, Binning binning, int[] hoff, int maxNodes) {
    this.l2 = cfg.l2();
    this.minRows = cfg.minSamplesLeaf();
    this.minWeight = cfg.minChildWeight();
    this.categorical = binning.categorical;
    this.nb = binning.bins;
    this.hoff = hoff;
    int d = hoff.length;
    feature = new int[maxNodes];
    thresholdBin = new int[maxNodes];
    missingLeft = new boolean[maxNodes];
    bits = new long[maxNodes][4];
    gain = new double[maxNodes];
    gradLeft = new double[maxNodes];
    hessLeft = new double[maxNodes];
    countLeft = new double[maxNodes];
    fGain = new double[d];
    fThr = new int[d];
    fMissLeft = new boolean[d];
    fBits = new long[d][4];
    fGL = new double[d];
    fHL = new double[d];
    fCL = new double[d];
  }

  /**
   * Finds the best split of node {@code nd} over the active features from the node's histogram and
   * its sums of gradients, hessians and rows, and keeps it as the node's candidate ({@link #gain} 0
   * when no split gains).
   */
  void find(
      int nd,
      double[] hist,
      double gs,
      double hs,
      double cs,
      int[] active,
      int activeCount,
      WorkerPool workers) {
    workers.forRange(
        activeCount,
        (long) activeCount * 256 >= Fitter.PARALLEL_MIN_WORK,
        (a, b) -> {
          for (int fi = a; fi < b; fi++) {
            int f = active[fi];
            if (categorical[f]) {
              splitCategorical(hist, f, gs, hs, cs);
            } else {
              splitNumeric(hist, f, gs, hs, cs);
            }
          }
        });
    int best = -1;
    double bestGain = Fitter.MIN_GAIN;
    for (int fi = 0; fi < activeCount; fi++) {
      int f = active[fi];
      if (fGain[f] > bestGain) {
        bestGain = fGain[f];
        best = f;
      }
    }
    gain[nd] = best < 0 ? 0 : bestGain;
    if (best >= 0) {
      feature[nd] = best;
      thresholdBin[nd] = fThr[best];
      missingLeft[nd] = fMissLeft[best];
      System.arraycopy(fBits[best], 0, bits[nd], 0, 4);
      gradLeft[nd] = fGL[best];
      hessLeft[nd] = fHL[best];
      countLeft[nd] = fCL[best];
    }
  }

  private double score(double gs, double hs) {
    return gs * gs / (hs + l2);
  }

  private boolean valid(double cl, double hl, double cr, double hr) {
    return cl >= minRows && cr >= minRows && hl >= minWeight && hr >= minWeight;
  }

  private void splitNumeric(double[] hist, int f, double gs, double hs, double cs) {
    int off = hoff[f] * 3;
    int k = nb[f];
    int mj = off + k * 3;
    double mg = hist[mj];
    double mh = hist[mj + 1];
    double mc = hist[mj + 2];
    double parent = score(gs, hs);
    double bestGain = Fitter.MIN_GAIN;
    int bestT = -1;
    boolean bestMissLeft = false;
    double bGL = 0;
    double bHL = 0;
    double bCL = 0;
    double gl = 0;
    double hl = 0;
    double cl = 0;
    for (int t = 0; t < k; t++) {
      int j = off + t * 3;
      gl += hist[j];
      hl += hist[j + 1];
      cl += hist[j + 2];
      if (valid(cl, hl, cs - cl, hs - hl)) {
        double gain = score(gl, hl) + score(gs - gl, hs - hl) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestT = t;
          bestMissLeft = false;
          bGL = gl;
          bHL = hl;
          bCL = cl;
        }
      }
      if (mc > 0) {
        double gl2 = gl + mg;
        double hl2 = hl + mh;
        double cl2 = cl + mc;
        if (valid(cl2, hl2, cs - cl2, hs - hl2)) {
          double gain = score(gl2, hl2) + score(gs - gl2, hs - hl2) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestT = t;
            bestMissLeft = true;
            bGL = gl2;
            bHL = hl2;
            bCL = cl2;
          }
        }
      }
    }
    fGain[f] = bestT < 0 ? 0 : bestGain;
    if (bestT >= 0) {
      fThr[f] = bestT;
      // With no missing value in this node, missing rows later follow the larger side.
      fMissLeft[f] = mc > 0 ? bestMissLeft : bCL >= cs - bCL;
      fGL[f] = bGL;
      fHL[f] = bHL;
      fCL[f] = bCL;
    }
  }

  private void splitCategorical(double[] hist, int f, double gs, double hs, double cs) {
    int off = hoff[f] * 3;
    int k = nb[f];
    int mj = off + k * 3;
    double mg = hist[mj];
    double mh = hist[mj + 1];
    double mc = hist[mj + 2];
    int[] cats = new int[k];
    double[] key = new double[k];
    int m = 0;
    for (int c = 0; c < k; c++) {
      int j = off + c * 3;
      if (hist[j + 2] > 0) {
        cats[m] = c;
        key[m] = hist[j] / (hist[j + 1] + Fitter.CATEGORY_SMOOTHING);
        m++;
      }
    }
    // Insertion sort: at most 255 categories, and stable so ties keep code order.
    for (int i = 1; i < m; i++) {
      int c = cats[i];
      double kv = key[i];
      int j = i - 1;
      while (j >= 0 && key[j] > kv) {
        cats[j + 1] = cats[j];
        key[j + 1] = key[j];
        j--;
      }
      cats[j + 1] = c;
      key[j + 1] = kv;
    }
    double parent = score(gs, hs);
    double bestGain = Fitter.MIN_GAIN;
    int bestPrefix = -1;
    boolean bestMissLeft = false;
    double bGL = 0;
    double bHL = 0;
    double bCL = 0;
    double gl = 0;
    double hl = 0;
    double cl = 0;
    for (int p = 0; p < m; p++) {
      int j = off + cats[p] * 3;
      gl += hist[j];
      hl += hist[j + 1];
      cl += hist[j + 2];
      if (valid(cl, hl, cs - cl, hs - hl)) {
        double gain = score(gl, hl) + score(gs - gl, hs - hl) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestPrefix = p;
          bestMissLeft = false;
          bGL = gl;
          bHL = hl;
          bCL = cl;
        }
      }
      if (mc > 0) {
        double gl2 = gl + mg;
        double hl2 = hl + mh;
        double cl2 = cl + mc;
        if (valid(cl2, hl2, cs - cl2, hs - hl2)) {
          double gain = score(gl2, hl2) + score(gs - gl2, hs - hl2) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestPrefix = p;
            bestMissLeft = true;
            bGL = gl2;
            bHL = hl2;
            bCL = cl2;
          }
        }
      }
    }
    fGain[f] = bestPrefix < 0 ? 0 : bestGain;
    if (bestPrefix >= 0) {
      long[] bits = fBits[f];
      Arrays.fill(bits, 0);
      for (int p = 0; p <= bestPrefix; p++) {
        bits[cats[p] >>> 6] |= 1L << (cats[p] & 63);
      }
      fMissLeft[f] = mc > 0 ? bestMissLeft : bCL >= cs - bCL;
      fThr[f] = -1;
      fGL[f] = bGL;
      fHL[f] = bHL;
      fCL[f] = bCL;
    }
  }
}
