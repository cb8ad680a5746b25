package org.aidmp.recommend;

import java.util.List;

/** Internal: the indices of the k largest finite scores, ties broken by id. */
final class TopK {
  private TopK() {}

  /**
   * The indices of the at most k largest scores, best first; entries of negative infinity (the mark
   * of an excluded candidate) and NaN are skipped. Equal scores are ordered by {@code
   * ids.get(index)} ascending.
   *
   * @param scores not modified
   */
  static int[] select(float[] scores, int count, int k, List<String> ids) {
    int[] heap = new int[Math.max(0, Math.min(k, count))];
    int size = 0;
    for (int i = 0; i < count; i++) {
      float s = scores[i];
      if (!(s > Float.NEGATIVE_INFINITY)) {
        continue;
      }
      if (size < heap.length) {
        int c = size++;
        while (c > 0) {
          int p = (c - 1) >> 1;
          if (!worse(scores, ids, i, heap[p])) {
            break;
          }
          heap[c] = heap[p];
          c = p;
        }
        heap[c] = i;
      } else if (size > 0 && worse(scores, ids, heap[0], i)) {
        siftDown(scores, ids, heap, size, i);
      }
    }
    int[] out = new int[size];
    for (int n = size - 1; n >= 0; n--) {
      out[n] = heap[0];
      int last = heap[n];
      if (n > 0) {
        siftDown(scores, ids, heap, n, last);
      }
    }
    return out;
  }

  private static void siftDown(float[] scores, List<String> ids, int[] heap, int size, int x) {
    int c = 0;
    while (true) {
      int child = 2 * c + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && worse(scores, ids, heap[child + 1], heap[child])) {
        child++;
      }
      if (!worse(scores, ids, heap[child], x)) {
        break;
      }
      heap[c] = heap[child];
      c = child;
    }
    heap[c] = x;
  }

  /** Whether candidate a ranks below b. */
  private static boolean worse(float[] scores, List<String> ids, int a, int b) {
    return scores[a] < scores[b]
        || (scores[a] == scores[b] && ids.get(a).compareTo(ids.get(b)) > 0);
  }
}
