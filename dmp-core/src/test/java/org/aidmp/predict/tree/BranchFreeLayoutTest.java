package org.aidmp.predict.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BranchFreeLayoutTest {
  // One tree stored depth first: 0 splits on feature 1 at -0, 1 is a leaf, 2 splits on feature 0
  // at 2.5 into leaves 3 and 4.
  private static final int[] FEATURE = {1, -1, 0, -1, -1};
  private static final float[] THRESHOLD = {-0f, 0, 2.5f, 0, 0};
  private static final int[] LEFT = {1, -1, 3, -1, -1};
  private static final int[] RIGHT = {2, -1, 4, -1, -1};
  private static final double[] VALUE = {0, 10, 0, 20, 30};
  private static final int[] TREE_START = {0, 5};

  @Test
  void numbersBreadthFirstWithAdjacentChildrenAndSelfLoopingLeaves() {
    int[] flat = new int[15];
    double[] flatValue = new double[5];
    BranchFreeLayout.number(FEATURE, THRESHOLD, LEFT, RIGHT, VALUE, TREE_START, flat, flatValue);
    int inf = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
    assertArrayEquals(
        new int[] {
          1, Float.floatToRawIntBits(0f), 1, // root: −0 stored as +0, children at 1 and 2
          0, inf, 1, // the leaf 1 stays on itself
          0, Float.floatToRawIntBits(2.5f), 3, // node 2 keeps its children together at 3 and 4
          0, inf, 3,
          0, inf, 4
        },
        flat);
    assertArrayEquals(new double[] {0, 10, 0, 20, 30}, flatValue);
  }

  @Test
  void aTreeThatLoopsBackIsRefused() {
    int[] left = {1, -1, 0, -1, -1}; // node 2 points back to the root
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BranchFreeLayout.number(
                FEATURE, THRESHOLD, left, RIGHT, VALUE, TREE_START, new int[15], new double[5]));
  }
}
