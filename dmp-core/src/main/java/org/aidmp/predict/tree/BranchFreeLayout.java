package org.aidmp.predict.tree;

/**
 * Numbers the nodes of a forest for {@link GbtModel}'s branch-free walk: breadth first within each
 * tree, so that a split's two children get adjacent numbers (right = left + 1), with three ints per
 * node [feature, threshold bits, first child]. A leaf points to itself with threshold +∞, so a row
 * that reached it stays there, and a walk of a tree takes exactly that tree's depth in steps.
 */
final class BranchFreeLayout {
  private BranchFreeLayout() {}

  /**
   * Fills {@code flat} (3 ints per node) and {@code flatValue} (the leaf values, 0 at splits) from
   * the node arrays; the other arrays are read only.
   *
   * @throws IllegalArgumentException if a tree reaches a node twice
   */
  static void number(
      int[] feature,
      float[] threshold,
      int[] left,
      int[] right,
      double[] value,
      int[] treeStart,
      int[] flat,
      double[] flatValue) {
    int trees = treeStart.length - 1;
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
