package org.aidmp.kmeans;

import java.util.Arrays;

/**
 * Random swap's member list of each cluster, farthest from its centroid first (ties by index), so
 * that a scan of a cluster can stop at the first point too near to change. A kept trial updates and
 * re-sorts only the clusters it touched; the others stay exact.
 */
final class ClusterMembers {
  /** The points of each cluster; the first {@link #count} entries are live. */
  final int[][] lists;

  final int[] count;

  /** Sort keys, one per point of the cluster being sorted. */
  private final long[] key;

  private final int n;
  private final int k;

  ClusterMembers(int n, int k) {
    this.n = n;
    this.k = k;
    this.lists = new int[k][];
    this.count = new int[k];
    this.key = new long[n];
  }

  /** Every cluster's list, from the labels; {@code radius} gets each cluster's exact radius. */
  void build(int[] labels, float[] dist, double[] radius) {
    Arrays.fill(count, 0);
    for (int i = 0; i < n; i++) {
      count[labels[i]]++;
    }
    for (int a = 0; a < k; a++) {
      lists[a] = new int[Math.max(16, count[a] + count[a] / 4)];
      count[a] = 0;
    }
    for (int i = 0; i < n; i++) {
      add(labels[i], i);
    }
    for (int a = 0; a < k; a++) {
      sort(a, dist, radius);
    }
  }

  /**
   * After a kept trial, the lists of the clusters it touched ({@code touched[a] == trial}): points
   * that left are dropped, points that came ({@code moved}, which had {@code movedFrom}) are
   * appended, and the list is sorted again since its distances changed.
   */
  void update(
      int[] labels,
      float[] dist,
      double[] radius,
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
      if (touched[a] == trial) {
        sort(a, dist, radius);
      }
    }
  }

  private void add(int a, int i) {
    if (count[a] == lists[a].length) {
      lists[a] = Arrays.copyOf(lists[a], 2 * lists[a].length);
    }
    lists[a][count[a]++] = i;
  }

  /** Farthest first (ties by index); {@code radius[a]} becomes the exact radius. */
  private void sort(int a, float[] dist, double[] radius) {
    int[] list = lists[a];
    int size = count[a];
    for (int m = 0; m < size; m++) {
      int i = list[m];
      key[m] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(dist[i])) << 32) | i;
    }
    Arrays.sort(key, 0, size);
    for (int m = 0; m < size; m++) {
      list[m] = (int) key[m];
    }
    radius[a] = size == 0 ? 0 : Math.sqrt(dist[list[0]]);
  }
}
