package org.aidmp.bench.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Neighbor;
import org.aidmp.knn.SearchOptions;
import org.ejml.data.FMatrixRMaj;

/**
 * Checks the index's answers on benchmark data: against an exact double-precision reference on the
 * first queries, and against FAISS's saved ids on all of them.
 *
 * <pre>
 * java -cp dmp-bench/target/benchmarks.jar org.aidmp.bench.knn.KnnIdCheck \
 *     /tmp/blobs/X.npy /tmp/blobs/Q.npy /tmp/blobs/faiss_ids.npy 200 2
 * </pre>
 */
public final class KnnIdCheck {
  private KnnIdCheck() {}

  /**
   * Runs the check.
   *
   * @param args data .npy, queries .npy, FAISS ids .npy (or "-"), reference queries, threads
   */
  public static void main(String[] args) throws Exception {
    FMatrixRMaj x = KnnData.load(args[0], 0, 0, 0);
    FMatrixRMaj q = KnnData.load(args[1], 0, 0, 0);
    int refQueries = args.length > 3 ? Integer.parseInt(args[3]) : 200;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int k = 10;
    List<String> ids = new ArrayList<>(x.numRows);
    for (int i = 0; i < x.numRows; i++) {
      ids.add(Integer.toString(i));
    }
    CosineIndex index = CosineIndex.of(ids, x);
    long t0 = System.nanoTime();
    List<List<Neighbor>> res =
        index.searchBatch(q, SearchOptions.builder().setK(k).setThreads(threads).get());
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "index n=%d d=%d nq=%d k=%d threads=%d kernel=%s seconds=%.3f%n",
        x.numRows, x.numCols, q.numRows, k, threads, index.kernelName(), secs);
    int[][] ours = new int[q.numRows][k];
    for (int i = 0; i < q.numRows; i++) {
      for (int r = 0; r < k; r++) {
        ours[i][r] = Integer.parseInt(res.get(i).get(r).id());
      }
    }
    long checksum = 0;
    for (int i = 0; i < q.numRows; i++) {
      long rowSum = 0;
      for (int id : ours[i]) {
        rowSum += id;
      }
      checksum += (i + 1) * rowSum;
    }
    // The same order-free checksum the peers print, to compare with FAISS without saved ids.
    System.out.printf("ids_checksum=%d%n", checksum);
    int m = Math.min(refQueries, q.numRows);
    int refMismatch = 0;
    for (int i = 0; i < m; i++) {
      if (!Arrays.equals(reference(x, q, i, k), ours[i])) {
        refMismatch++;
      }
    }
    System.out.printf("double reference: %d of %d queries differ (ids in order)%n", refMismatch, m);
    if (args.length > 2 && !args[2].equals("-")) {
      long[][] faiss = KnnData.loadLongs(args[2]);
      int setDiff = 0;
      int orderDiff = 0;
      int faissRefMismatch = 0;
      int disputed = 0;
      int oursRight = 0;
      int faissRight = 0;
      for (int i = 0; i < q.numRows; i++) {
        int[] f = Arrays.stream(faiss[i]).mapToInt(v -> (int) v).toArray();
        if (!Arrays.equals(f, ours[i])) {
          orderDiff++;
          // Where the two disagree, the double reference decides.
          int[] ref = reference(x, q, i, k);
          disputed++;
          oursRight += Arrays.equals(ref, ours[i]) ? 1 : 0;
          faissRight += Arrays.equals(ref, f) ? 1 : 0;
          int[] a = f.clone();
          int[] b = ours[i].clone();
          Arrays.sort(a);
          Arrays.sort(b);
          if (!Arrays.equals(a, b)) {
            setDiff++;
          }
        }
        if (i < m && !Arrays.equals(f, reference(x, q, i, k))) {
          faissRefMismatch++;
        }
      }
      System.out.printf(
          "faiss: %d of %d queries differ in order, %d in the set of ids;"
              + " faiss vs double reference: %d of %d differ%n",
          orderDiff, q.numRows, setDiff, faissRefMismatch, m);
      System.out.printf(
          "where they differ (%d queries) the double reference agrees with dmp on"
              + " %d and with faiss on %d%n",
          disputed, oursRight, faissRight);
    }
  }

  /** Exact top-k in double precision: rows and query normalised in double, ties by row. */
  static int[] reference(FMatrixRMaj x, FMatrixRMaj q, int qi, int k) {
    int d = x.numCols;
    double qn = 0;
    for (int j = 0; j < d; j++) {
      qn += (double) q.data[qi * d + j] * q.data[qi * d + j];
    }
    qn = Math.sqrt(qn);
    int[] best = new int[k];
    double[] bestScore = new double[k];
    Arrays.fill(bestScore, Double.NEGATIVE_INFINITY);
    for (int r = 0; r < x.numRows; r++) {
      double dot = 0;
      double rn = 0;
      for (int j = 0; j < d; j++) {
        double v = x.data[r * d + j];
        dot += v * q.data[qi * d + j];
        rn += v * v;
      }
      double s = rn == 0 ? 0 : dot / Math.sqrt(rn) / qn;
      if (s > bestScore[k - 1]) {
        int p = k - 1;
        while (p > 0 && bestScore[p - 1] < s) {
          bestScore[p] = bestScore[p - 1];
          best[p] = best[p - 1];
          p--;
        }
        bestScore[p] = s;
        best[p] = r;
      }
    }
    return best;
  }
}
