package org.aidmp.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClusterMembersTest {
  private static int[] list(ClusterMembers m, int a) {
    return Arrays.copyOf(m.lists[a], m.count[a]);
  }

  @Test
  void listsRunFromTheLargestBoundAndTiesByIndex() {
    int[] labels = {0, 1, 0, 0, 1, 0};
    float[] ub = {0.5f, 2f, 3f, 0.5f, 1f, 4f};
    ClusterMembers m = new ClusterMembers(6, 2);
    m.build(labels, ub);
    assertArrayEquals(new int[] {5, 2, 0, 3}, list(m, 0));
    assertArrayEquals(new int[] {1, 4}, list(m, 1));
    assertEquals(4f, m.top(0));
    assertArrayEquals(new float[] {4f, 3f, 0.5f, 0.5f}, Arrays.copyOf(m.bounds[0], 4));
  }

  @Test
  void aKeptTrialMovesPointsAndMakesTheTouchedClustersBoundsAbsolute() {
    int[] labels = {0, 1, 0, 0, 1, 0, 2};
    float[] ub = {0.5f, 2f, 3f, 0.5f, 1f, 4f, 7f};
    ClusterMembers m = new ClusterMembers(7, 3);
    m.build(labels, ub);
    // Trial 1 moves point 5 from cluster 0 to 1 and cluster 1's centroid by 1.5; cluster 2 is
    // untouched. Bounds are offsets from each cluster's drift until the trial is kept.
    int trial = 1;
    int[] touched = {trial, trial, 0};
    double[] drift = {0.25, 1.5, 0};
    labels[5] = 1;
    ub[5] = 0.1f;
    m.update(labels, ub, drift, touched, trial, new int[] {5}, 1, new int[] {0});
    assertArrayEquals(new int[] {2, 0, 3}, list(m, 0));
    assertArrayEquals(new int[] {1, 4, 5}, list(m, 1));
    assertArrayEquals(new int[] {6}, list(m, 2));
    assertArrayEquals(new float[] {3.5f, 2.5f, 1.6f}, Arrays.copyOf(m.bounds[1], 3));
    assertEquals(3.25f, m.top(0));
    assertEquals(7f, ub[6]);
  }

  @Test
  void renumberingListsTheOldIndicesInListOrderAndMakesEachListConsecutive() {
    int[] labels = {0, 1, 0, 0, 1, 0};
    float[] ub = {0.5f, 2f, 3f, 0.5f, 1f, 4f};
    ClusterMembers m = new ClusterMembers(6, 2);
    m.build(labels, ub);
    int[] order = new int[6];
    m.renumberInListOrder(order);
    assertArrayEquals(new int[] {5, 2, 0, 3, 1, 4}, order);
    assertArrayEquals(new int[] {0, 1, 2, 3}, list(m, 0));
    assertArrayEquals(new int[] {4, 5}, list(m, 1));
    assertArrayEquals(new float[] {4f, 3f, 0.5f, 0.5f}, Arrays.copyOf(m.bounds[0], 4));
  }
}
