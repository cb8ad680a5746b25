package org.aidmp.kmeans;

import java.util.Arrays;

/**
 * Random swap's member list of each cluster, by an upper bound on the distance to its centroid,
 * largest first (ties by index), with the bound each entry had when the list was sorted. A scan of
 * a cluster can stop at the first entry whose bound shows that it, and so every entry after it,
 * cannot change cluster. A kept trial updates and re-sorts only the clusters it touched; the others
 * stay valid, since a point's bound only ever falls between sorts.
 */
final class ClusterMembers {
  /** The points of each cluster; the first {@link #count} entries are live. */
  final int[][] lists;

  /** The bound of each entry of {@link #lists} when the list was last sorted, non-increasing. */
  final float[][] bounds;

  final int[] count;

  /** Sort keys, one per point of the cluster being sorted. */
  private final long[] key;

  private final int n;
  private final int k;

  ClusterMembers(int n, int k) {
    this.n = n;
    this.k = k;
    this.lists = new int[k][];
    this.bounds = new float[k][];
    this.count = new int[k];
    this.key = new long[n];
  }

  /** Every cluster's list, from the labels and each point's bound {@code ub}. */
  void build(int[] labels, float[] ub) {
    Arrays.fill(count, 0);
    for (int i = 0; i < n; i++) {
      count[labels[i]]++;
    }
    for (int a = 0; a < k; a++) {
      lists[a] = new int[Math.max(16, count[a] + count[a] / 4)];
      bounds[a] = new float[lists[a].length];
      count[a] = 0;
    }
    for (int i = 0; i < n; i++) {
      add(labels[i], i);
    }
    for (int a = 0; a < k; a++) {
      sort(a, ub);
    }
  }

  /** The largest bound of cluster a's list at its last sort; 0 when it was empty. */
  float top(int a) {
    return count[a] == 0 ? 0f : bounds[a][0];
  }

  /**
   * After a kept trial, the lists of the clusters it touched ({@code touched[a] == trial}): points
   * that left are dropped, points that came ({@code moved}, which had {@code movedFrom}) are
   * appended, each member's bound becomes {@code ub[i] + drift[a]} (its offset made absolute) and
   * the list is sorted again.
   */
  void update(
      int[] labels,
      float[] ub,
      double[] drift,
      int[] touched,
      int trial,
      int[] moved,
      int movedSize,
      int[] movedFrom) {
    for (int a = 0; a < k; a++) {
      if (touched[a] != trial) {
        continue;
      }
      int[] list = lists[a];
      int kept = 0;
      for (int m = 0, size = count[a]; m < size; m++) {
        int i = list[m];
        if (labels[i] == a) {
          list[kept++] = i;
        }
      }
      count[a] = kept;
    }
    for (int m = 0; m < movedSize; m++) {
      int i = moved[m];
      if (labels[i] != movedFrom[m]) {
        add(labels[i], i);
      }
    }
    for (int a = 0; a < k; a++) {
      if (touched[a] != trial) {
        continue;
      }
      int[] list = lists[a];
      float shift = (float) drift[a];
      for (int m = 0, size = count[a]; m < size; m++) {
        int i = list[m];
        ub[i] = Math.max(0f, ub[i] + shift);
      }
      sort(a, ub);
    }
  }

  /**
   * Writes every point into {@code order}, cluster by cluster and each cluster in list order, and
   * renumbers the lists to match: once the points are moved into that order, {@code order[p]} is
   * the old index of the point at p, and every list names consecutive positions.
   *
   * @param order n entries; overwritten
   */
  void renumberInListOrder(int[] order) {
    int p = 0;
    for (int a = 0; a < k; a++) {
      int[] list = lists[a];
      for (int m = 0, size = count[a]; m < size; m++) {
        order[p] = list[m];
        list[m] = p++;
      }
    }
  }

  private void add(int a, int i) {
    if (count[a] == lists[a].length) {
      lists[a] = Arrays.copyOf(lists[a], 2 * lists[a].length);
      bounds[a] = Arrays.copyOf(bounds[a], lists[a].length);
    }
    lists[a][count[a]++] = i;
  }

  /** Largest bound first (ties by index); bounds are ≥ 0, so their bits sort. */
  private void sort(int a, float[] ub) {
    int[] list = lists[a];
    float[] b = bounds[a];
    int size = count[a];
    for (int m = 0; m < size; m++) {
      int i = list[m];
      key[m] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(ub[i])) << 32) | i;
    }
    Arrays.sort(key, 0, size);
    for (int m = 0; m < size; m++) {
      int i = (int) key[m];
      list[m] = i;
      b[m] = ub[i];
    }
  }
}
