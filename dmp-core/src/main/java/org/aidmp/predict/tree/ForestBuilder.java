package org.aidmp.predict.tree;

import java.util.Arrays;
import org.aidmp.stage.Provenance;

/** Collects grown trees into the flat node arrays of a {@link GbtModel}. */
final class ForestBuilder {
  private int size;
  private int[] feature = new int[256];
  private float[] threshold = new float[256];
  private int[] left = new int[256];
  private int[] right = new int[256];
  private byte[] flags = new byte[256];
  private double[] value = new double[256];
  private double[] cover = new double[256];
  private double[] gain = new double[256];
  private int[] catOffset = new int[256];
  private long[] catBits = new long[64];
  private int catSize;
  private int[] treeStart = new int[16];
  private int[] catSizeAtTree = new int[16];
  private int trees;
  private int[] categoryCount;

  int trees() {
    return trees;
  }

  private void grow(int need) {
    if (need <= feature.length) {
      return;
    }
    int cap = Math.max(need, feature.length * 2);
    feature = Arrays.copyOf(feature, cap);
    threshold = Arrays.copyOf(threshold, cap);
    left = Arrays.copyOf(left, cap);
    right = Arrays.copyOf(right, cap);
    flags = Arrays.copyOf(flags, cap);
    value = Arrays.copyOf(value, cap);
    cover = Arrays.copyOf(cover, cap);
    gain = Arrays.copyOf(gain, cap);
    catOffset = Arrays.copyOf(catOffset, cap);
  }

  void add(Fitter t, int nodes, Binning binning) {
    if (categoryCount == null) {
      categoryCount = new int[binning.features];
      for (int f = 0; f < binning.features; f++) {
        categoryCount[f] = binning.categorical[f] ? binning.bins[f] : 0;
      }
    }
    if (trees + 1 >= treeStart.length) {
      treeStart = Arrays.copyOf(treeStart, treeStart.length * 2);
      catSizeAtTree = Arrays.copyOf(catSizeAtTree, catSizeAtTree.length * 2);
    }
    int base = size;
    treeStart[trees] = base;
    catSizeAtTree[trees] = catSize;
    grow(size + nodes);
    for (int nd = 0; nd < nodes; nd++) {
      int g = base + nd;
      int f = t.nodeFeature(nd);
      boolean leaf = t.nodeLeft(nd) < 0;
      value[g] = t.nodeValue(nd);
      cover[g] = t.nodeCover(nd);
      catOffset[g] = -1;
      if (leaf) {
        feature[g] = -1;
        left[g] = -1;
        right[g] = -1;
        flags[g] = 0;
        gain[g] = 0;
        continue;
      }
      feature[g] = f;
      left[g] = base + t.nodeLeft(nd);
      right[g] = base + t.nodeRight(nd);
      gain[g] = t.nodeGain(nd);
      byte fl = 0;
      if (t.nodeMissingLeft(nd)) {
        fl |= GbtModel.MISSING_LEFT;
      }
      if (t.nodeCategorical(nd)) {
        fl |= GbtModel.CATEGORICAL;
        if (catSize + 4 > catBits.length) {
          catBits = Arrays.copyOf(catBits, catBits.length * 2);
        }
        System.arraycopy(t.nodeBits(nd), 0, catBits, catSize, 4);
        catOffset[g] = catSize;
        catSize += 4;
        threshold[g] = Float.NaN;
      } else {
        threshold[g] = binning.edges[f][t.nodeThresholdBin(nd)];
      }
      flags[g] = fl;
    }
    size += nodes;
    trees++;
    treeStart[trees] = size;
    catSizeAtTree[trees] = catSize;
  }

  /** Keeps only the first {@code keep} trees. */
  void truncate(int keep) {
    if (keep >= trees) {
      return;
    }
    size = treeStart[keep];
    catSize = catSizeAtTree[keep];
    trees = keep;
  }

  GbtModel build(Loss loss, double base, int dims, int rounds, Provenance provenance) {
    return new GbtModel(
        loss,
        base,
        dims,
        Arrays.copyOf(feature, size),
        Arrays.copyOf(threshold, size),
        Arrays.copyOf(left, size),
        Arrays.copyOf(right, size),
        Arrays.copyOf(flags, size),
        Arrays.copyOf(value, size),
        Arrays.copyOf(cover, size),
        Arrays.copyOf(gain, size),
        Arrays.copyOf(catOffset, size),
        Arrays.copyOf(catBits, catSize),
        Arrays.copyOf(treeStart, trees + 1),
        categoryCount == null ? new int[dims] : categoryCount.clone(),
        rounds,
        provenance);
  }
}
