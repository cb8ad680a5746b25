package org.aidmp.predict.tree;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.aidmp.stage.Provenance;
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

  /** The saved format's version (2: the provenance records its fit as a stage). */
  public static final int FORMAT_VERSION = 2;

  static final byte MISSING_LEFT = 1;
  static final byte CATEGORICAL = 2;

  final Loss loss;
  final double base;
  final int dims;
  final int[] feature;
  final float[] threshold;
  final int[] left;
  final int[] right;
  final byte[] flags;
  final double[] value;
  final double[] cover;
  final double[] gain;
  final int[] catOffset;
  final long[] catBits;
  final int[] treeStart;
  final int[] categoryCount;
  final int rounds;
  final int maxDepth;
  final Provenance provenance;

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
      BranchFreeLayout.number(feature, threshold, left, right, value, treeStart, flat, flatValue);
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

  boolean goesLeft(int nd, int f, float v, byte b) {
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
    TreeShap.contributions(this, row, offset, phi);
  }

  /**
   * The expected margin when only the features marked {@code known} are fixed to the row's values
   * and the others follow the training cover (see {@link TreeShap#conditionalMargin}).
   */
  double conditionalMargin(float[] row, int offset, boolean[] known) {
    return TreeShap.conditionalMargin(this, row, offset, known);
  }

  /** Writes the model in the framed format (magic, kind, version, length, payload, CRC32). */
  public void write(DataOutput out) throws IOException {
    GbtModelCodec.write(this, out);
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws IOException if the stream is not such a model, is newer than this reader, is truncated
   *     or fails its checksum or structure checks
   */
  public static GbtModel read(DataInput in) throws IOException {
    return GbtModelCodec.read(in);
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
