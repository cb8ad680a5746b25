package org.aidmp.bench.knn;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Neighbor;
import org.aidmp.knn.SearchOptions;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact top-k cosine search: one operation answers the whole batch of queries. {@code index} is
 * {@link CosineIndex#searchBatch}; {@code floor} is a straightforward Java loop over float[]
 * (normalise, dot every row, insert into a sorted top-k) on the first {@code floorQueries} queries,
 * single-threaded. Queries per second = queries / time.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar CosineKnnBenchmark \
 *     -p data=/tmp/blobs/X.npy -p queries=/tmp/blobs/Q.npy -p n=100000,1000000 -p threads=1,2
 * ../shared/peers/run.sh knn /tmp/blobs/X.npy /tmp/blobs/Q.npy   # FAISS IndexFlatIP, same data
 * </pre>
 *
 * <p>{@code data} and {@code queries} take {@code .npy} paths (the first {@code n} rows of the data
 * are indexed) or are empty for seeded blobs of n × d and nq × d.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class CosineKnnBenchmark {

  /** Inputs shared by both benchmarks. */
  @State(Scope.Benchmark)
  public abstract static class Inputs {
    /** A {@code .npy} of rows to index; empty for generated rows. */
    @Param({""})
    public String data;

    /** A {@code .npy} of queries; empty for generated queries. */
    @Param({""})
    public String queries;

    /** Rows indexed (the first n of the file). */
    @Param({"100000", "1000000"})
    public int n;

    /** Columns of generated data (files bring their own). */
    @Param({"64"})
    public int d;

    /** Generated queries (files bring their own). */
    @Param({"10000"})
    public int nq;

    /** Neighbours per query. */
    @Param({"10"})
    public int k;

    FMatrixRMaj x;
    FMatrixRMaj q;

    void load() throws IOException {
      x = KnnData.load(data, n, d, 1);
      q = KnnData.load(queries, nq, d, 2);
    }
  }

  /** The library's index. */
  public static class Index extends Inputs {
    /** Threads of the batch search. */
    @Param({"1", "2"})
    public int threads;

    CosineIndex index;
    SearchOptions options;

    /** Loads the data and builds the index (not timed). */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      load();
      List<String> ids = new ArrayList<>(x.numRows);
      for (int i = 0; i < x.numRows; i++) {
        ids.add(Integer.toString(i));
      }
      index = CosineIndex.of(ids, x);
      options = SearchOptions.builder().setK(k).setThreads(threads).get();
    }
  }

  /** The straightforward loop. */
  public static class Floor extends Inputs {
    /** Queries the floor answers per operation (it is slow). */
    @Param({"200"})
    public int floorQueries;

    float[] rows;

    /** Loads the data and normalises the rows once, as the index does. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      load();
      rows = x.data.clone();
      normalise(rows, x.numRows, x.numCols);
    }
  }

  /** The index's batch search. */
  @Benchmark
  public List<List<Neighbor>> index(Index s) {
    return s.index.searchBatch(s.q, s.options);
  }

  /** The floor: a plain loop, one query at a time. */
  @Benchmark
  public int[][] floor(Floor s) {
    int m = Math.min(s.floorQueries, s.q.numRows);
    return floorSearch(s.rows, s.x.numRows, s.x.numCols, s.q.data, m, s.k);
  }

  static void normalise(float[] v, int rows, int d) {
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += (double) v[i * d + j] * v[i * d + j];
      }
      double norm = Math.sqrt(s);
      for (int j = 0; j < d; j++) {
        v[i * d + j] = norm == 0 ? 0f : (float) (v[i * d + j] / norm);
      }
    }
  }

  /** Row indices of the k best rows for each of the first m queries, best first. */
  static int[][] floorSearch(float[] rows, int n, int d, float[] queries, int m, int k) {
    int[][] out = new int[m][];
    float[] q = new float[d];
    for (int i = 0; i < m; i++) {
      System.arraycopy(queries, i * d, q, 0, d);
      normalise(q, 1, d);
      int kk = Math.min(k, n);
      int[] best = new int[kk];
      float[] bestScore = new float[kk];
      java.util.Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
      for (int r = 0; r < n; r++) {
        float s = 0;
        for (int j = 0; j < d; j++) {
          s += q[j] * rows[r * d + j];
        }
        if (s > bestScore[kk - 1]) {
          int p = kk - 1;
          while (p > 0 && bestScore[p - 1] < s) {
            bestScore[p] = bestScore[p - 1];
            best[p] = best[p - 1];
            p--;
          }
          bestScore[p] = s;
          best[p] = r;
        }
      }
      out[i] = best;
    }
    return out;
  }
}
