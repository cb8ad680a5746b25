package org.aidmp.predict.tree;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.aidmp.predict.ModelFormat;
import org.aidmp.predict.Provenance;
import org.aidmp.stage.ScoreModel;
import org.ejml.data.FMatrixRMaj;

/**
 * A fitted forest of gradient-boosted trees, immutable and thread-safe. Every node of every tree
 * lives in a few flat arrays; {@link #score(float[], int)} walks them without allocating.
 *
 * <pre>{@code
 * GbtModel model = GradientBoosting.DEFAULT.fit(rows, labels);
 * double p = model.score(row, 0);              // probability (logistic) or value
 * double[] phi = model.contributions(row, 0);  // TreeSHAP, last entry the base value
 * double[] importance = model.gainImportance();
 * }</pre>
 *
 * <p>A numeric split sends a value left when it is at most the node's threshold; a categorical
 * split when its code is in the node's set. NaN, and a code the training data never had, follow the
 * node's missing-value side.
 */
public final class GbtModel implements ScoreModel {
  /** The model kind in the saved format. */
  public static final String KIND = "gbt";

  /** The saved format's version. */
  public static final int FORMAT_VERSION = 1;

  static final byte MISSING_LEFT = 1;
  static final byte CATEGORICAL = 2;

  private final Loss loss;
  private final double base;
  private final int dims;
  private final int[] feature;
  private final float[] threshold;
  private final int[] left;
  private final int[] right;
  private final byte[] flags;
  private final double[] value;
  private final double[] cover;
  private final double[] gain;
  private final int[] catOffset;
  private final long[] catBits;
  private final int[] treeStart;
  private final int[] categoryCount;
  private final int rounds;
  private final int maxDepth;
  private final Provenance provenance;

  /**
   * The scoring layout: four ints per node, [feature, threshold bits, left, right], so one node is
   * one 16-byte read. The feature word is −1 at a leaf and has {@link #SPECIAL} set at a node that
   * is categorical or sends missing values left; plain numeric nodes take the short path.
   */
  private final int[] packed;

  private static final int SPECIAL = 0x4000_0000;

  /**
   * Rows scored together by {@link #score(float[], int, int, double[])}: each tree is read once per
   * block.
   */
  static final int BLOCK = 32;

  /**
   * The branch-free layout, or null when a node splits on categories: three ints per node [feature,
   * threshold bits, first child], numbered within each tree so that a node's children are adjacent
   * (right = left + 1). A leaf points to itself with threshold +∞, so every row stays on it, and a
   * walk of a tree takes exactly that tree's depth in steps, whatever path it follows.
   */
  private final int[] flat;

  /** The leaf values of {@link #flat}'s numbering (0 at splits). */
  private final double[] flatValue;

  /** The depth of each tree: the steps of its walk. */
  private final int[] treeDepth;

  /**
   * The deepest of each group of {@link #GROUP} consecutive trees: the walks of a group's trees run
   * side by side for that many steps (a leaf holds a walk that arrived early in place).
   */
  private final int[] groupDepth;

  /**
   * Trees walked side by side: four independent chains of loads keep the core busy while each waits
   * for its row value; more would not fit the registers the walk needs on x86-64.
   */
  static final int GROUP = 4;

  GbtModel(
      Loss loss,
      double base,
      int dims,
      int[] feature,
      float[] threshold,
      int[] left,
      int[] right,
      byte[] flags,
      double[] value,
      double[] cover,
      double[] gain,
      int[] catOffset,
      long[] catBits,
      int[] treeStart,
      int[] categoryCount,
      int rounds,
      Provenance provenance) {
    this.loss = loss;
    this.base = base;
    this.dims = dims;
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.flags = flags;
    this.value = value;
    this.cover = cover;
    this.gain = gain;
    this.catOffset = catOffset;
    this.catBits = catBits;
    this.treeStart = treeStart;
    this.categoryCount = categoryCount;
    this.rounds = rounds;
    this.provenance = provenance;
    int depth = 0;
    for (int t = 0; t + 1 < treeStart.length; t++) {
      depth = Math.max(depth, depth(treeStart[t]));
    }
    this.maxDepth = depth;
    this.packed = new int[feature.length * 4];
    for (int i = 0; i < feature.length; i++) {
      int fw = feature[i];
      if (fw >= 0 && flags[i] != 0) {
        fw |= SPECIAL;
      }
      packed[4 * i] = fw;
      packed[4 * i + 1] = Float.floatToRawIntBits(threshold[i]);
      packed[4 * i + 2] = left[i];
      packed[4 * i + 3] = right[i];
    }
    boolean categorical = false;
    for (byte f : flags) {
      categorical |= (f & CATEGORICAL) != 0;
    }
    int trees = treeStart.length - 1;
    this.treeDepth = new int[trees];
    for (int t = 0; t < trees; t++) {
      treeDepth[t] = depth(treeStart[t]);
    }
    this.groupDepth = new int[trees / GROUP];
    for (int g = 0; g < groupDepth.length; g++) {
      for (int t = g * GROUP; t < (g + 1) * GROUP; t++) {
        groupDepth[g] = Math.max(groupDepth[g], treeDepth[t]);
      }
    }
    if (categorical) {
      this.flat = null;
      this.flatValue = null;
    } else {
      this.flat = new int[3 * feature.length];
      this.flatValue = new double[feature.length];
      int[] queue = new int[feature.length];
      for (int t = 0; t < trees; t++) {
        // Breadth first: the node at queue[k] takes number treeStart[t] + k, and each split's two
        // children are queued together, so they get adjacent numbers.
        int head = 0;
        int tail = 0;
        queue[tail++] = treeStart[t];
        while (head < tail) {
          int nd = queue[head];
          int at = 3 * (treeStart[t] + head);
          if (feature[nd] < 0) {
            flat[at] = 0;
            flat[at + 1] = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
            flat[at + 2] = treeStart[t] + head;
            flatValue[treeStart[t] + head] = value[nd];
          } else {
            flat[at] = feature[nd];
            // −0 compares equal to +0 but would flip the sign test of the branch-free walk.
            float thr = threshold[nd] == 0 ? 0f : threshold[nd];
            flat[at + 1] = Float.floatToRawIntBits(thr);
            if (tail + 2 > treeStart[t + 1] - treeStart[t]) {
              throw new IllegalArgumentException(
                  "tree " + t + " reaches a node twice; the model is corrupt");
            }
            flat[at + 2] = treeStart[t] + tail;
            queue[tail++] = left[nd];
            queue[tail++] = right[nd];
          }
          head++;
        }
      }
    }
  }

  private int depth(int nd) {
    return feature[nd] < 0 ? 0 : 1 + Math.max(depth(left[nd]), depth(right[nd]));
  }

  @Override
  public int dimensions() {
    return dims;
  }

  /** The loss the trees were fitted for. */
  public Loss loss() {
    return loss;
  }

  /** The number of trees kept (after early stopping). */
  public int trees() {
    return treeStart.length - 1;
  }

  /** The number of boosting rounds run, including any dropped by early stopping. */
  public int roundsRun() {
    return rounds;
  }

  /** The number of nodes over all trees. */
  public int nodes() {
    return feature.length;
  }

  /** The depth of the deepest tree (a lone leaf has depth 0). */
  public int maxDepth() {
    return maxDepth;
  }

  /** The margin before any tree: the log-odds or the mean of the training labels. */
  public double baseMargin() {
    return base;
  }

  /** Where the model came from. */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * The probability of label 1 ({@link Loss#LOGISTIC}) or the predicted value ({@link
   * Loss#SQUARED_ERROR}) of one row. Allocates nothing.
   */
  @Override
  public double score(float[] row, int offset) {
    return loss.link(margin(row, offset));
  }

  /** The raw sum of the base margin and every tree's leaf: log-odds for logistic loss. */
  public double margin(float[] row, int offset) {
    if (flat != null && finite(row, offset, dims)) {
      return flatMargin(row, offset);
    }
    return generalMargin(row, offset);
  }

  /** Whether the range holds no NaN and no infinity (NaN follows per-node missing-value sides). */
  private static boolean finite(float[] row, int offset, int d) {
    // v * 0 is NaN for NaN and ±Inf, and 0 otherwise; four sums keep the loop's chain short.
    float a = 0;
    float b = 0;
    float c = 0;
    float e = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      a += row[offset + j] * 0f;
      b += row[offset + j + 1] * 0f;
      c += row[offset + j + 2] * 0f;
      e += row[offset + j + 3] * 0f;
    }
    for (; j < d; j++) {
      a += row[offset + j] * 0f;
    }
    return a + b + c + e == 0;
  }

  /**
   * The margin through the branch-free layout, for a row without NaN or infinity. A split sends a
   * row right exactly when {@code v > threshold}, which for finite values is the sign bit of {@code
   * threshold - v}: the difference of two finite floats is exactly zero, and then +0, only when
   * they are equal, and a threshold of −0 was stored as +0, so that {@code +0 - v} is never −0 for
   * v = ±0. No branch depends on the data, so the walks of successive trees overlap in the
   * pipeline. Leaves are added in tree order, so the sum is bit for bit the general walk's.
   */
  private double flatMargin(float[] row, int offset) {
    int[] nodes = flat;
    double[] leaves = flatValue;
    int[] starts = treeStart;
    int[] depths = treeDepth;
    int[] groups = groupDepth;
    double s = base;
    int t = 0;
    for (int g = 0; g < groups.length; g++, t += GROUP) {
      int n0 = starts[t];
      int n1 = starts[t + 1];
      int n2 = starts[t + 2];
      int n3 = starts[t + 3];
      for (int l = groups[g]; l > 0; l--) {
        n0 = step(nodes, row, offset, n0);
        n1 = step(nodes, row, offset, n1);
        n2 = step(nodes, row, offset, n2);
        n3 = step(nodes, row, offset, n3);
      }
      s += leaves[n0];
      s += leaves[n1];
      s += leaves[n2];
      s += leaves[n3];
    }
    for (; t < depths.length; t++) {
      int nd = starts[t];
      for (int l = depths[t]; l > 0; l--) {
        nd = step(nodes, row, offset, nd);
      }
      s += leaves[nd];
    }
    return s;
  }

  /** One step of a walk: the child the row goes to, or the node itself at a leaf. */
  private static int step(int[] nodes, float[] row, int offset, int nd) {
    int i = 3 * nd;
    float v = row[offset + nodes[i]];
    return nodes[i + 2] + (Float.floatToRawIntBits(Float.intBitsToFloat(nodes[i + 1]) - v) >>> 31);
  }

  /** Whether the branch-free layout is in use (for the tests). */
  boolean branchFree() {
    return flat != null;
  }

  /** The split feature of a node, −1 at a leaf (for the tests). */
  int splitFeature(int nd) {
    return feature[nd];
  }

  /** The threshold of a numeric split (for the tests). */
  float splitThreshold(int nd) {
    return threshold[nd];
  }

  /** The margin by walking the node arrays: every split kind, NaN and infinity. */
  double generalMargin(float[] row, int offset) {
    double s = base;
    int[] p = packed;
    int[] starts = treeStart;
    double[] values = value;
    int trees = starts.length - 1;
    for (int t = 0; t < trees; t++) {
      int nd = starts[t];
      int fw;
      while ((fw = p[nd << 2]) >= 0) {
        int at = nd << 2;
        if (fw < SPECIAL) {
          // Numeric with missing to the right: NaN <= thr is false, so NaN goes right too.
          float v = row[offset + fw];
          nd = v <= Float.intBitsToFloat(p[at + 1]) ? p[at + 2] : p[at + 3];
        } else {
          int ft = fw & ~SPECIAL;
          nd = goesLeft(nd, ft, row[offset + ft], flags[nd]) ? p[at + 2] : p[at + 3];
        }
      }
      s += values[nd];
    }
    return s;
  }

  private boolean goesLeft(int nd, int f, float v, byte b) {
    if ((b & CATEGORICAL) != 0) {
      int c = (int) v;
      if (v >= 0 && c == v && c < categoryCount[f]) {
        return (catBits[catOffset[nd] + (c >>> 6)] & (1L << (c & 63))) != 0;
      }
      return (b & MISSING_LEFT) != 0;
    }
    if (Float.isNaN(v)) {
      return (b & MISSING_LEFT) != 0;
    }
    return v <= threshold[nd];
  }

  /**
   * The score of every row of {@code rows}, scored in blocks (see {@link #score(float[], int, int,
   * double[])}).
   */
  @Override
  public double[] score(FMatrixRMaj rows) {
    checkColumns(rows);
    double[] out = new double[rows.numRows];
    score(rows.data, 0, rows.numRows, out);
    return out;
  }

  /**
   * The scores of {@code count} rows stored back to back from {@code offset}, {@link #dimensions()}
   * floats each, into {@code out[0 .. count)}: the same values as {@link #score(float[], int)} row
   * by row, bit for bit, but faster for many rows, since rows are scored in blocks of {@value
   * #BLOCK} that walk each tree together while its nodes are in cache. Allocates only a few
   * block-sized arrays per call.
   *
   * @param data not modified
   * @param out modified
   * @throws IllegalArgumentException if the rows or the outputs do not fit the arrays
   */
  public void score(float[] data, int offset, int count, double[] out) {
    margins(data, offset, count, out);
    for (int r = 0; r < count; r++) {
      out[r] = loss.link(out[r]);
    }
  }

  /** The margin of every row of {@code rows}. */
  public double[] margins(FMatrixRMaj rows) {
    checkColumns(rows);
    double[] out = new double[rows.numRows];
    margins(rows.data, 0, rows.numRows, out);
    return out;
  }

  /**
   * As {@link #score(float[], int, int, double[])}, the margins.
   *
   * @param data not modified
   * @param out modified
   */
  public void margins(float[] data, int offset, int count, double[] out) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    if (offset < 0 || count < 0 || (long) offset + (long) count * dims > data.length) {
      throw new IllegalArgumentException(
          count
              + " rows of "
              + dims
              + " from offset "
              + offset
              + " do not fit in an array of "
              + data.length);
    }
    if (out.length < count) {
      throw new IllegalArgumentException(
          "out has room for " + out.length + " scores but " + count + " rows were given");
    }
    int d = dims;
    if (flat == null) {
      for (int r = 0; r < count; r++) {
        out[r] = generalMargin(data, offset + r * d);
      }
      return;
    }
    int[] at = new int[BLOCK];
    int[] which = new int[BLOCK];
    double[] acc = new double[BLOCK];
    for (int from = 0; from < count; from += BLOCK) {
      int to = Math.min(count, from + BLOCK);
      int m = 0;
      for (int r = from; r < to; r++) {
        int off = offset + r * d;
        if (finite(data, off, d)) {
          at[m] = off;
          which[m++] = r;
        } else {
          out[r] = generalMargin(data, off);
        }
      }
      blockMargins(data, at, m, acc);
      for (int k = 0; k < m; k++) {
        out[which[k]] = acc[k];
      }
    }
  }

  /**
   * {@link #flatMargin} for {@code m} rows at once, group of trees by group: the group's nodes stay
   * in cache while the block of rows passes them, and each row's walks of the group's trees run
   * side by side. Each row's leaves are still added in tree order.
   */
  private void blockMargins(float[] data, int[] rowAt, int m, double[] acc) {
    int[] nodes = flat;
    double[] leaves = flatValue;
    int[] starts = treeStart;
    int[] depths = treeDepth;
    int[] groups = groupDepth;
    java.util.Arrays.fill(acc, 0, m, base);
    int t = 0;
    for (int g = 0; g < groups.length; g++, t += GROUP) {
      int r0 = starts[t];
      int r1 = starts[t + 1];
      int r2 = starts[t + 2];
      int r3 = starts[t + 3];
      int depth = groups[g];
      for (int k = 0; k < m; k++) {
        int off = rowAt[k];
        int n0 = r0;
        int n1 = r1;
        int n2 = r2;
        int n3 = r3;
        for (int l = depth; l > 0; l--) {
          n0 = step(nodes, data, off, n0);
          n1 = step(nodes, data, off, n1);
          n2 = step(nodes, data, off, n2);
          n3 = step(nodes, data, off, n3);
        }
        double a = acc[k];
        a += leaves[n0];
        a += leaves[n1];
        a += leaves[n2];
        a += leaves[n3];
        acc[k] = a;
      }
    }
    for (; t < depths.length; t++) {
      int root = starts[t];
      int depth = depths[t];
      for (int k = 0; k < m; k++) {
        int nd = root;
        for (int l = depth; l > 0; l--) {
          nd = step(nodes, data, rowAt[k], nd);
        }
        acc[k] += leaves[nd];
      }
    }
  }

  private void checkColumns(FMatrixRMaj rows) {
    if (rows.numCols != dims) {
      throw new IllegalArgumentException(
          "rows have "
              + rows.numCols
              + " columns but the model takes "
              + dims
              + "; transform them with the features the model was fitted on");
    }
  }

  /**
   * Total split gain per feature over all trees, normalised to sum to 1 (all zeros when no tree
   * split).
   */
  public double[] gainImportance() {
    double[] out = new double[dims];
    double total = 0;
    for (int nd = 0; nd < feature.length; nd++) {
      if (feature[nd] >= 0) {
        out[feature[nd]] += gain[nd];
        total += gain[nd];
      }
    }
    if (total > 0) {
      for (int f = 0; f < dims; f++) {
        out[f] /= total;
      }
    }
    return out;
  }

  /**
   * Exact TreeSHAP contributions to the margin of one row: entry {@code f} is feature f's share,
   * the last entry ({@code dimensions()}) the expected margin over the training data. They sum to
   * {@link #margin(float[], int)}.
   *
   * @return a new array of {@code dimensions() + 1} values
   */
  public double[] contributions(float[] row, int offset) {
    double[] phi = new double[dims + 1];
    contributions(row, offset, phi);
    return phi;
  }

  /**
   * As {@link #contributions(float[], int)}, into {@code phi} (length {@code dimensions() + 1},
   * overwritten).
   */
  public void contributions(float[] row, int offset, double[] phi) {
    if (phi.length != dims + 1) {
      throw new IllegalArgumentException(
          "phi has length " + phi.length + "; it needs dimensions() + 1 = " + (dims + 1));
    }
    java.util.Arrays.fill(phi, 0);
    double expected = base;
    int cap = (maxDepth + 2) * (maxDepth + 3) / 2 + maxDepth + 2;
    Path path = new Path(cap);
    int trees = treeStart.length - 1;
    for (int t = 0; t < trees; t++) {
      int rootNode = treeStart[t];
      expected += expectation(rootNode);
      shap(row, offset, phi, rootNode, path, 0, 0, 1, 1, -1);
    }
    phi[dims] = expected;
  }

  private double expectation(int nd) {
    if (feature[nd] < 0) {
      return value[nd];
    }
    double c = cover[nd];
    if (!(c > 0)) {
      return 0.5 * (expectation(left[nd]) + expectation(right[nd]));
    }
    // The same fractions TreeSHAP uses, so the contributions add up to the margin exactly.
    return cover[left[nd]] / c * expectation(left[nd])
        + cover[right[nd]] / c * expectation(right[nd]);
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
  private void shap(
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
    int f = feature[nd];
    if (f < 0) {
      for (int i = 1; i <= depth; i++) {
        double w = unwoundSum(p, seg, depth, i);
        phi[p.feature[seg + i]] += w * (p.one[seg + i] - p.zero[seg + i]) * value[nd];
      }
      return;
    }
    float v = row[offset + f];
    byte b = flags[nd];
    boolean hotLeft = b == 0 ? v <= threshold[nd] : goesLeft(nd, f, v, b);
    int hot = hotLeft ? left[nd] : right[nd];
    int cold = hotLeft ? right[nd] : left[nd];
    double c = cover[nd];
    double hotZero = c > 0 ? cover[hot] / c : 0.5;
    double coldZero = c > 0 ? cover[cold] / c : 0.5;
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
    shap(row, offset, phi, hot, p, next, d + 1, hotZero * incomingZero, incomingOne, f);
    copy(p, seg, next, d + 1);
    shap(row, offset, phi, cold, p, next, d + 1, coldZero * incomingZero, 0, f);
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
  double conditionalMargin(float[] row, int offset, boolean[] known) {
    double s = base;
    for (int t = 0; t + 1 < treeStart.length; t++) {
      s += conditional(row, offset, known, treeStart[t]);
    }
    return s;
  }

  private double conditional(float[] row, int offset, boolean[] known, int nd) {
    int f = feature[nd];
    if (f < 0) {
      return value[nd];
    }
    if (known[f]) {
      float v = row[offset + f];
      byte b = flags[nd];
      boolean l = b == 0 ? v <= threshold[nd] : goesLeft(nd, f, v, b);
      return conditional(row, offset, known, l ? left[nd] : right[nd]);
    }
    double c = cover[nd];
    return cover[left[nd]] / c * conditional(row, offset, known, left[nd])
        + cover[right[nd]] / c * conditional(row, offset, known, right[nd]);
  }

  /** Writes the model in the framed format (magic, kind, version, length, payload, CRC32). */
  public void write(DataOutput out) throws IOException {
    ModelFormat.write(
        out,
        KIND,
        FORMAT_VERSION,
        o -> {
          provenance.write(o);
          o.writeUTF(loss.name());
          o.writeDouble(base);
          o.writeInt(dims);
          o.writeInt(rounds);
          writeInts(o, treeStart);
          writeInts(o, categoryCount);
          int nodes = feature.length;
          o.writeInt(nodes);
          for (int i = 0; i < nodes; i++) {
            o.writeInt(feature[i]);
            o.writeFloat(threshold[i]);
            o.writeInt(left[i]);
            o.writeInt(right[i]);
            o.writeByte(flags[i]);
            o.writeDouble(value[i]);
            o.writeDouble(cover[i]);
            o.writeDouble(gain[i]);
            o.writeInt(catOffset[i]);
          }
          o.writeInt(catBits.length);
          for (long bits : catBits) {
            o.writeLong(bits);
          }
        });
  }

  private static void writeInts(DataOutput o, int[] a) throws IOException {
    o.writeInt(a.length);
    for (int x : a) {
      o.writeInt(x);
    }
  }

  private static int[] readInts(DataInput in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException(
          "array length " + n + " is outside 0.." + max + "; the model is corrupt");
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws IOException if the stream is not such a model, is newer than this reader, is truncated
   *     or fails its checksum or structure checks
   */
  public static GbtModel read(DataInput in) throws IOException {
    Objects.requireNonNull(in, "in");
    DataInputStream p = ModelFormat.read(in, KIND, FORMAT_VERSION);
    p.readInt();
    Provenance prov = Provenance.read(p);
    Loss loss;
    try {
      loss = Loss.valueOf(p.readUTF());
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown loss in the model; the model is corrupt", e);
    }
    double base = p.readDouble();
    int dims = p.readInt();
    int rounds = p.readInt();
    int limit = ModelFormat.MAX_PAYLOAD / 4;
    int[] treeStart = readInts(p, limit);
    int[] categoryCount = readInts(p, limit);
    int nodes = p.readInt();
    if (dims < 1
        || nodes < 0
        || nodes > limit
        || treeStart.length < 1
        || categoryCount.length != dims) {
      throw new IOException("model header is inconsistent; the model is corrupt");
    }
    int[] feature = new int[nodes];
    float[] threshold = new float[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    byte[] flags = new byte[nodes];
    double[] value = new double[nodes];
    double[] cover = new double[nodes];
    double[] gain = new double[nodes];
    int[] catOffset = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      feature[i] = p.readInt();
      threshold[i] = p.readFloat();
      left[i] = p.readInt();
      right[i] = p.readInt();
      flags[i] = p.readByte();
      value[i] = p.readDouble();
      cover[i] = p.readDouble();
      gain[i] = p.readDouble();
      catOffset[i] = p.readInt();
    }
    int words = p.readInt();
    if (words < 0 || words > limit) {
      throw new IOException("category bit count " + words + " is invalid; the model is corrupt");
    }
    long[] catBits = new long[words];
    for (int i = 0; i < words; i++) {
      catBits[i] = p.readLong();
    }
    // Structure checks, so a crafted stream cannot send score() out of bounds or into a loop.
    for (int t = 0; t + 1 < treeStart.length; t++) {
      if (treeStart[t] < 0 || treeStart[t] >= treeStart[t + 1] || treeStart[t + 1] > nodes) {
        throw new IOException("tree " + t + " has invalid bounds; the model is corrupt");
      }
      for (int i = treeStart[t]; i < treeStart[t + 1]; i++) {
        if (feature[i] >= dims) {
          throw new IOException("node " + i + " splits on a missing feature; the model is corrupt");
        }
        if (feature[i] >= 0) {
          if (left[i] <= i
              || right[i] <= i
              || left[i] >= treeStart[t + 1]
              || right[i] >= treeStart[t + 1]) {
            throw new IOException("node " + i + " has invalid children; the model is corrupt");
          }
          if ((flags[i] & CATEGORICAL) != 0 && (catOffset[i] < 0 || catOffset[i] + 4 > words)) {
            throw new IOException(
                "node " + i + " has an invalid category set; the model is corrupt");
          }
        }
      }
    }
    if (treeStart[treeStart.length - 1] != nodes) {
      throw new IOException("trees do not cover the nodes; the model is corrupt");
    }
    try {
      return new GbtModel(
          loss,
          base,
          dims,
          feature,
          threshold,
          left,
          right,
          flags,
          value,
          cover,
          gain,
          catOffset,
          catBits,
          treeStart,
          categoryCount,
          rounds,
          prov);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "GbtModel[loss="
        + loss
        + ", trees="
        + trees()
        + ", nodes="
        + nodes()
        + ", dimensions="
        + dims
        + "]";
  }
}
