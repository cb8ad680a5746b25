package org.aidmp.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.aidmp.internal.kernels.VectorKernels;

/**
 * One search of a {@link CosineIndex} over a batch of queries: the queries, one bounded heap per
 * query, and the shared cursor over query blocks that the workers pull from. Made and run under the
 * index's read lock, so the rows it holds do not change while it runs.
 */
final class CosineScan {
  final float[] q;

  /** The queries packed in groups for the kernel ({@link VectorKernels#packQueries}). */
  private final float[] packed;

  final int n;
  final int cap;
  final BitSet excluded;
  final Predicate<String> allowed;
  final float[] heapScore;
  final int[] heapSlot;
  final int[] heapSize;
  final AtomicInteger nextBlock = new AtomicInteger();
  private final float[] data;
  private final String[] ids;
  private final int slots;
  private final int dim;
  private final VectorKernels kernel;

  /**
   * @param data the index's panels, read only
   * @param ids the index's ids by slot, read only
   */
  CosineScan(
      float[] data,
      String[] ids,
      int slots,
      int dim,
      VectorKernels kernel,
      float[] q,
      int n,
      int k,
      BitSet excluded,
      Predicate<String> allowed) {
    this.data = data;
    this.ids = ids;
    this.slots = slots;
    this.dim = dim;
    this.kernel = kernel;
    this.q = q;
    int g = VectorKernels.QUERY_GROUP;
    this.packed = new float[(n + g - 1) / g * g * dim];
    VectorKernels.packQueries(q, 0, n, dim, packed, 0);
    this.n = n;
    this.cap = k + CosineIndex.RESCORE_MARGIN;
    this.excluded = excluded;
    this.allowed = allowed;
    this.heapScore = new float[n * cap];
    this.heapSlot = new int[n * cap];
    this.heapSize = new int[n];
  }

  void work() {
    float[] tile = new float[CosineIndex.QUERY_TILE * CosineIndex.ROW_BLOCK];
    float[] floors = new float[CosineIndex.QUERY_TILE];
    long[] hits = new long[CosineIndex.QUERY_TILE];
    int blocks = (n + CosineIndex.QUERY_BLOCK - 1) / CosineIndex.QUERY_BLOCK;
    int g = VectorKernels.QUERY_GROUP;
    for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
      int q0 = b * CosineIndex.QUERY_BLOCK;
      int q1 = Math.min(n, q0 + CosineIndex.QUERY_BLOCK);
      int end = CosineIndex.roundUp(slots);
      for (int r0 = 0; r0 < end; r0 += CosineIndex.ROW_BLOCK) {
        int rows = Math.min(CosineIndex.ROW_BLOCK, end - r0);
        for (int t0 = q0; t0 < q1; t0 += CosineIndex.QUERY_TILE) {
          int qs = Math.min(CosineIndex.QUERY_TILE, q1 - t0);
          int groups = (qs + g - 1) / g;
          for (int i = 0; i < groups * g; i++) {
            // Padding queries of a last group take no row.
            floors[i] = i < qs ? worst(t0 + i) : Float.POSITIVE_INFINITY;
          }
          kernel.scorePanels(
              packed,
              t0 * dim,
              groups,
              data,
              r0 * dim,
              rows / CosineIndex.W,
              dim,
              floors,
              0,
              hits,
              0,
              tile,
              0,
              rows);
          for (int i = 0; i < qs; i++) {
            if (hits[i] != 0) {
              collect(t0 + i, tile, i * rows, hits[i], r0);
            }
          }
        }
      }
    }
  }

  /** The least score that can still enter the query's heap. */
  private float worst(int query) {
    return worst(query * cap, heapSize[query]);
  }

  /** The least score that can still enter the heap at {@code h} holding {@code size} entries. */
  private float worst(int h, int size) {
    return size < cap ? Float.NEGATIVE_INFINITY : heapScore[h];
  }

  /** Offers the scores of the row groups the kernel reported for one query to its heap. */
  private void collect(int query, float[] tile, int off, long hits, int r0) {
    int h = query * cap;
    int size = heapSize[query];
    float worst = worst(h, size);
    int g = VectorKernels.HIT_GROUP;
    for (long m = hits; m != 0; m &= m - 1) {
      int first = Long.numberOfTrailingZeros(m) * g;
      for (int r = first; r < first + g; r++) {
        // At or above the worst, so that an equal score can still win on id; offer() decides.
        float score = tile[off + r];
        if (!(score >= worst)) {
          continue;
        }
        int slot = r0 + r;
        String id = ids[slot];
        if (id == null || excluded.get(slot) || !allowed.test(id)) {
          continue;
        }
        size = offer(h, size, score, slot);
        worst = worst(h, size);
      }
    }
    heapSize[query] = size;
  }

  /** True when (s1, slot1) ranks below (s2, slot2): lower score, or equal score and larger id. */
  private boolean worse(float s1, int slot1, float s2, int slot2) {
    return s1 < s2 || (s1 == s2 && ids[slot1].compareTo(ids[slot2]) > 0);
  }

  /** Min-heap by rank (the worst candidate at the root); returns the new size. */
  private int offer(int h, int size, float s, int slot) {
    if (size < cap) {
      int i = size;
      while (i > 0) {
        int p = (i - 1) >> 1;
        if (!worse(s, slot, heapScore[h + p], heapSlot[h + p])) {
          break;
        }
        heapScore[h + i] = heapScore[h + p];
        heapSlot[h + i] = heapSlot[h + p];
        i = p;
      }
      heapScore[h + i] = s;
      heapSlot[h + i] = slot;
      return size + 1;
    }
    if (!worse(heapScore[h], heapSlot[h], s, slot)) {
      return size;
    }
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size
          && worse(heapScore[h + c + 1], heapSlot[h + c + 1], heapScore[h + c], heapSlot[h + c])) {
        c++;
      }
      if (!worse(heapScore[h + c], heapSlot[h + c], s, slot)) {
        break;
      }
      heapScore[h + i] = heapScore[h + c];
      heapSlot[h + i] = heapSlot[h + c];
      i = c;
    }
    heapScore[h + i] = s;
    heapSlot[h + i] = slot;
    return size;
  }

  /** Re-scores the query's candidates in double and keeps the best k, ordered by rank. */
  List<Neighbor> finish(int query, double norm) {
    int size = heapSize[query];
    int h = query * cap;
    int keep = Math.min(size, cap - CosineIndex.RESCORE_MARGIN);
    float[] exact = new float[size];
    Integer[] order = new Integer[size];
    for (int c = 0; c < size; c++) {
      int at = CosineIndex.at(heapSlot[h + c], dim);
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += (double) q[query * dim + j] * data[at + j * CosineIndex.W];
      }
      // Rounded to the float that is reported, so that equal reported scores are ordered by id.
      exact[c] = (float) (s / norm);
      order[c] = c;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int cmp = Float.compare(exact[b], exact[a]);
          return cmp != 0 ? cmp : ids[heapSlot[h + a]].compareTo(ids[heapSlot[h + b]]);
        });
    List<Neighbor> result = new ArrayList<>(keep);
    for (int c = 0; c < keep; c++) {
      int o = order[c];
      result.add(new Neighbor(ids[heapSlot[h + o]], exact[o]));
    }
    return result;
  }
}
