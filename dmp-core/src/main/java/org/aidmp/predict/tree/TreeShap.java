package org.aidmp.predict.tree;

import java.util.Arrays;

/**
 * Exact TreeSHAP for a {@link GbtModel} (Lundberg, Erion and Lee, 2018, Algorithm 2): each
 * feature's share of one row's margin, with the expected margin over the training cover last, and
 * the conditional expectation that the Shapley values are defined on, which tests use to check them
 * by brute force.
 */
final class TreeShap {
  private TreeShap() {}

  /** Fills {@code phi} (length {@code dimensions() + 1}, checked by the caller, overwritten). */
  static void contributions(GbtModel m, float[] row, int offset, double[] phi) {
    Arrays.fill(phi, 0);
    double expected = m.base;
    int cap = (m.maxDepth + 2) * (m.maxDepth + 3) / 2 + m.maxDepth + 2;
    Path path = new Path(cap);
    int trees = m.treeStart.length - 1;
    for (int t = 0; t < trees; t++) {
      int rootNode = m.treeStart[t];
      expected += expectation(m, rootNode);
      shap(m, row, offset, phi, rootNode, path, 0, 0, 1, 1, -1);
    }
    phi[m.dims] = expected;
  }

  private static double expectation(GbtModel m, int nd) {
    if (m.feature[nd] < 0) {
      return m.value[nd];
    }
    double c = m.cover[nd];
    if (!(c > 0)) {
      return 0.5 * (expectation(m, m.left[nd]) + expectation(m, m.right[nd]));
    }
    // The same fractions TreeSHAP uses, so the contributions add up to the margin exactly.
    return m.cover[m.left[nd]] / c * expectation(m, m.left[nd])
        + m.cover[m.right[nd]] / c * expectation(m, m.right[nd]);
  }

  /** The paths of the recursion, one segment per level, in parallel arrays. */
  private static final class Path {
    final int[] feature;
    final double[] zero;
    final double[] one;
    final double[] weight;

    Path(int cap) {
      feature = new int[cap];
      zero = new double[cap];
      one = new double[cap];
      weight = new double[cap];
    }
  }

  /**
   * The recursion of Lundberg, Erion and Lee (2018), Algorithm 2: the path to a node holds, per
   * feature met on the way, the share of training cover that agrees (zero) and whether the row
   * agrees (one); at a leaf each feature's Shapley weight comes from unwinding it from the path.
   */
  private static void shap(
      GbtModel m,
      float[] row,
      int offset,
      double[] phi,
      int nd,
      Path p,
      int seg,
      int depth,
      double zeroFraction,
      double oneFraction,
      int parentFeature) {
    // This level's path starts after the parent's (which had depth entries before extension).
    extend(p, seg, depth, zeroFraction, oneFraction, parentFeature);
    int f = m.feature[nd];
    if (f < 0) {
      for (int i = 1; i <= depth; i++) {
        double w = unwoundSum(p, seg, depth, i);
        phi[p.feature[seg + i]] += w * (p.one[seg + i] - p.zero[seg + i]) * m.value[nd];
      }
      return;
    }
    float v = row[offset + f];
    byte b = m.flags[nd];
    boolean hotLeft = b == 0 ? v <= m.threshold[nd] : m.goesLeft(nd, f, v, b);
    int hot = hotLeft ? m.left[nd] : m.right[nd];
    int cold = hotLeft ? m.right[nd] : m.left[nd];
    double c = m.cover[nd];
    double hotZero = c > 0 ? m.cover[hot] / c : 0.5;
    double coldZero = c > 0 ? m.cover[cold] / c : 0.5;
    double incomingZero = 1;
    double incomingOne = 1;
    int k = 0;
    for (; k <= depth; k++) {
      if (p.feature[seg + k] == f) {
        break;
      }
    }
    int d = depth;
    if (k <= depth) {
      incomingZero = p.zero[seg + k];
      incomingOne = p.one[seg + k];
      unwind(p, seg, d, k);
      d--;
    }
    int next = seg + d + 1;
    copy(p, seg, next, d + 1);
    shap(m, row, offset, phi, hot, p, next, d + 1, hotZero * incomingZero, incomingOne, f);
    copy(p, seg, next, d + 1);
    shap(m, row, offset, phi, cold, p, next, d + 1, coldZero * incomingZero, 0, f);
  }

  private static void copy(Path p, int from, int to, int len) {
    System.arraycopy(p.feature, from, p.feature, to, len);
    System.arraycopy(p.zero, from, p.zero, to, len);
    System.arraycopy(p.one, from, p.one, to, len);
    System.arraycopy(p.weight, from, p.weight, to, len);
  }

  private static void extend(Path p, int seg, int depth, double zero, double one, int f) {
    p.feature[seg + depth] = f;
    p.zero[seg + depth] = zero;
    p.one[seg + depth] = one;
    p.weight[seg + depth] = depth == 0 ? 1 : 0;
    for (int i = depth - 1; i >= 0; i--) {
      p.weight[seg + i + 1] += one * p.weight[seg + i] * (i + 1) / (depth + 1);
      p.weight[seg + i] = zero * p.weight[seg + i] * (depth - i) / (depth + 1);
    }
  }

  private static void unwind(Path p, int seg, int depth, int index) {
    double one = p.one[seg + index];
    double zero = p.zero[seg + index];
    double nextOne = p.weight[seg + depth];
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = p.weight[seg + i];
        p.weight[seg + i] = nextOne * (depth + 1) / ((i + 1) * one);
        nextOne = tmp - p.weight[seg + i] * zero * (depth - i) / (depth + 1);
      } else {
        p.weight[seg + i] = p.weight[seg + i] * (depth + 1) / (zero * (depth - i));
      }
    }
    for (int i = index; i < depth; i++) {
      p.feature[seg + i] = p.feature[seg + i + 1];
      p.zero[seg + i] = p.zero[seg + i + 1];
      p.one[seg + i] = p.one[seg + i + 1];
    }
  }

  private static double unwoundSum(Path p, int seg, int depth, int index) {
    double one = p.one[seg + index];
    double zero = p.zero[seg + index];
    double nextOne = p.weight[seg + depth];
    double total = 0;
    for (int i = depth - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = nextOne * (depth + 1) / ((i + 1) * one);
        total += tmp;
        nextOne = p.weight[seg + i] - tmp * zero * ((double) (depth - i) / (depth + 1));
      } else if (zero != 0) {
        total += (p.weight[seg + i] / zero) / ((double) (depth - i) / (depth + 1));
      }
    }
    return total;
  }

  /**
   * The expected margin when only the features marked {@code known} are fixed to the row's values
   * and the others follow the training cover: the value function exact Shapley values are defined
   * on. Exponential in nothing, but a brute-force Shapley sum over subsets built on it is; it
   * exists to check {@link #contributions} against that definition.
   */
  static double conditionalMargin(GbtModel m, float[] row, int offset, boolean[] known) {
    double s = m.base;
    for (int t = 0; t + 1 < m.treeStart.length; t++) {
      s += conditional(m, row, offset, known, m.treeStart[t]);
    }
    return s;
  }

  private static double conditional(GbtModel m, float[] row, int offset, boolean[] known, int nd) {
    int f = m.feature[nd];
    if (f < 0) {
      return m.value[nd];
    }
    if (known[f]) {
      float v = row[offset + f];
      byte b = m.flags[nd];
      boolean l = b == 0 ? v <= m.threshold[nd] : m.goesLeft(nd, f, v, b);
      return conditional(m, row, offset, known, l ? m.left[nd] : m.right[nd]);
    }
    double c = m.cover[nd];
    return m.cover[m.left[nd]] / c * conditional(m, row, offset, known, m.left[nd])
        + m.cover[m.right[nd]] / c * conditional(m, row, offset, known, m.right[nd]);
  }
}
