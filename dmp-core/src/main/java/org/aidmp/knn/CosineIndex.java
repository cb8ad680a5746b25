package org.aidmp.knn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.aidmp.internal.kernels.Tuning;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.internal.parallel.WorkerPool;
import org.ejml.data.FMatrixRMaj;

/**
 * Exact top-k by cosine similarity over a mutable set of rows, each under a string id.
 *
 * <pre>{@code
 * CosineIndex index = CosineIndex.of(userIds, profileMatrix);   // rows normalised once
 * List<Neighbor> top = index.search(queryVector, 10);
 * List<List<Neighbor>> batch = index.searchBatch(queries,
 *     SearchOptions.builder().setK(10).setAllowed(consent::test).setThreads(2).get());
 * index.put("u42", newProfile);   // add or update, no rebuild
 * index.remove("u7");
 * }</pre>
 *
 * <p>How it scores: rows are stored normalised, so cosine is a dot product divided by the query's
 * norm. The rows live in one float array in panels of 16 rows stored transposed (coordinate by
 * coordinate), so that a SIMD vector holds one coordinate of 8 or 16 rows and a query's scores
 * accumulate lane by lane, with no horizontal sum per pair. Blocks of queries, packed in groups of
 * six, are scored against blocks of rows in register-blocked tiles (6 queries × 16 rows on AVX2),
 * and each query keeps a bounded heap of its best candidates; the tile compares its scores with the
 * heap's worst in registers and hands on only those at least as good, so neither the scores that
 * cannot enter nor the filters (exclusions, the allowed predicate, removed rows) cost more than a
 * comparison. The heap holds {@value #RESCORE_MARGIN} more candidates than asked for; they are
 * re-scored in double precision (from the stored float rows) before the final cut, so that float
 * summation order does not reorder near ties. Batches run in parallel over blocks of queries; every
 * query is scanned in the same order whatever the thread count, so results do not depend on it.
 *
 * <p>Defined behaviour at the edges:
 *
 * <ul>
 *   <li>Results are ordered by score, best first; equal scores by id (ascending, {@link
 *       String#compareTo}), so results are deterministic.
 *   <li>A zero row is kept and scores 0 against every query (cosine with a zero vector is
 *       undefined; 0 says "no evidence either way").
 *   <li>A zero query has no direction: its result is empty.
 *   <li>A k larger than the number of rows that pass the filters returns all of them.
 *   <li>NaN or infinite values, in rows or queries, and a length other than the index's dimension
 *       are errors ({@link IllegalArgumentException}).
 * </ul>
 *
 * <p>Changes cost O(d): a removed row's slot is zeroed and reused by the next addition; the storage
 * grows by doubling. Searches and changes may run from different threads: searches share a read
 * lock, changes take the write lock.
 */
public final class CosineIndex implements org.aidmp.state.UserStatePart {
  static final int QUERY_BLOCK = Tuning.KNN_QUERY_BLOCK;
  static final int QUERY_TILE = Tuning.KNN_QUERY_TILE;
  static final int ROW_BLOCK = Tuning.KNN_ROW_BLOCK;

  static final int W = VectorKernels.PANEL_WIDTH;

  /** Extra candidates kept per query, re-scored in double before the final cut. */
  static final int RESCORE_MARGIN = 8;

  private final int dim;
  private final VectorKernels kernel;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final java.util.concurrent.atomic.AtomicLong mutations =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, Integer> slotOf = new HashMap<>();
  private float[] data;
  private String[] ids;
  private int slots;
  private int[] free = new int[8];
  private int freeCount;

  private CosineIndex(int dim, int capacity, VectorKernels kernel) {
    if (dim < 1) {
      throw new IllegalArgumentException("dimension (" + dim + ") must be at least 1");
    }
    this.dim = dim;
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    int cap = roundUp(Math.max(capacity, W));
    this.data = new float[Math.multiplyExact(cap, dim)];
    this.ids = new String[cap];
  }

  /** An empty index of vectors of {@code dimension} values. */
  public static CosineIndex create(int dimension) {
    return new CosineIndex(dimension, W, VectorKernelsProvider.get());
  }

  /**
   * An index of the rows of {@code rows}, row i under {@code ids.get(i)}; the matrix is not kept or
   * modified.
   *
   * @throws IllegalArgumentException if the counts differ, an id repeats, or a row holds NaN or an
   *     infinity
   */
  public static CosineIndex of(List<String> ids, FMatrixRMaj rows) {
    return of(ids, rows, VectorKernelsProvider.get());
  }

  /** As {@link #of(List, FMatrixRMaj)}, with the given kernel (for tests). */
  static CosineIndex of(List<String> ids, FMatrixRMaj rows, VectorKernels kernel) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(rows, "rows");
    if (ids.size() != rows.numRows) {
      throw new IllegalArgumentException(
          ids.size() + " ids for " + rows.numRows + " rows; pass one id per row");
    }
    CosineIndex index = new CosineIndex(rows.numCols, rows.numRows, kernel);
    for (int i = 0; i < rows.numRows; i++) {
      index.addRow(ids.get(i), rows.data, i * rows.numCols, false, true);
    }
    return index;
  }

  /** The number of values in each row and query. */
  public int dimension() {
    return dim;
  }

  /** The number of rows. */
  public int size() {
    lock.readLock().lock();
    try {
      return slotOf.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether a row has this id. */
  public boolean contains(String id) {
    lock.readLock().lock();
    try {
      return slotOf.containsKey(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The ids of all rows, in no particular order. */
  public List<String> ids() {
    lock.readLock().lock();
    try {
      return List.copyOf(slotOf.keySet());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The kernel that scores the tiles: "scalar" or "panama-512" and the like, for provenance. */
  public String kernelName() {
    return kernel.name();
  }

  /**
   * Adds a row, or replaces the row of that id: O(d), no rebuild.
   *
   * @param vector not modified; its normalised copy is stored
   * @throws IllegalArgumentException on a wrong length, NaN or an infinity
   */
  public void put(String id, float[] vector) {
    Objects.requireNonNull(id, "id");
    checkVector(vector, "vector");
    lock.writeLock().lock();
    mutations.incrementAndGet();
    try {
      addRow(id, vector, 0, true, true);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes the row of this id, if any: O(d); its slot is reused by a later {@link #put}.
   *
   * @return whether a row was removed
   */
  public boolean remove(String id) {
    lock.writeLock().lock();
    mutations.incrementAndGet();
    try {
      Integer slot = slotOf.remove(id);
      if (slot == null) {
        return false;
      }
      ids[slot] = null;
      int at = at(slot);
      for (int j = 0; j < dim; j++) {
        data[at + j * W] = 0f;
      }
      if (freeCount == free.length) {
        free = Arrays.copyOf(free, free.length * 2);
      }
      free[freeCount++] = slot;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The stored (normalised) vector of a row.
   *
   * @throws IllegalArgumentException if no row has this id
   */
  public float[] vector(String id) {
    lock.readLock().lock();
    try {
      Integer slot = slotOf.get(id);
      if (slot == null) {
        throw new IllegalArgumentException("no row with the given id; add it first");
      }
      float[] v = new float[dim];
      int at = at(slot);
      for (int j = 0; j < dim; j++) {
        v[j] = data[at + j * W];
      }
      return v;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The {@code k} rows most similar to {@code query}; see the class notes for the edges. */
  public List<Neighbor> search(float[] query, int k) {
    return search(query, SearchOptions.builder().setK(k).get());
  }

  /**
   * The rows most similar to {@code query} that pass the options' filters, best first.
   *
   * @param query not modified
   */
  public List<Neighbor> search(float[] query, SearchOptions options) {
    checkVector(query, "query");
    return searchBatch(query, 1, options).get(0);
  }

  /**
   * The rows most similar to the row {@code id}, excluding that row itself.
   *
   * @throws IllegalArgumentException if no row has this id
   */
  public List<Neighbor> searchLike(String id, SearchOptions options) {
    float[] v = vector(id);
    Set<String> ex = new HashSet<>(options.exclude());
    ex.add(id);
    return search(v, options.toBuilder().setExclude(ex).get());
  }

  /**
   * The neighbours of every row of {@code queries}, one list per query in query order; runs on
   * {@link SearchOptions#threads()} threads.
   *
   * @param queries not modified
   * @throws IllegalArgumentException if the column count differs from the dimension, or a query
   *     holds NaN or an infinity
   */
  public List<List<Neighbor>> searchBatch(FMatrixRMaj queries, SearchOptions options) {
    Objects.requireNonNull(queries, "queries");
    if (queries.numCols != dim) {
      throw new IllegalArgumentException(
          "queries have "
              + queries.numCols
              + " columns but the index dimension is "
              + dim
              + "; project the queries to the index's features");
    }
    int n = queries.numRows;
    for (int i = 0; i < n; i++) {
      checkFinite(queries.data, i * dim, "query row " + i);
    }
    return searchBatch(queries.data, n, options);
  }

  /**
   * Hands the live rows to {@code visitor} in chunks of at most {@code chunkRows}: their ids and a
   * fresh matrix of their normalised vectors. Holds the read lock throughout, so changes wait; the
   * visitor must not change this index.
   */
  void forEachChunk(int chunkRows, BiConsumer<List<String>, FMatrixRMaj> visitor) {
    lock.readLock().lock();
    try {
      int slot = 0;
      while (slot < slots) {
        List<String> chunkIds = new ArrayList<>();
        FMatrixRMaj m = new FMatrixRMaj(Math.min(chunkRows, slotOf.size()), dim);
        while (slot < slots && chunkIds.size() < chunkRows) {
          if (ids[slot] != null) {
            int at = at(slot);
            int to = chunkIds.size() * dim;
            for (int j = 0; j < dim; j++) {
              m.data[to + j] = data[at + j * W];
            }
            chunkIds.add(ids[slot]);
          }
          slot++;
        }
        if (!chunkIds.isEmpty()) {
          m.reshape(chunkIds.size(), dim, true);
          visitor.accept(chunkIds, m);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * @param normalise false only for rows read back from {@link #write}, stored already normalised
   */
  private void addRow(String id, float[] src, int off, boolean replace, boolean normalise) {
    Objects.requireNonNull(id, "id");
    checkFinite(src, off, replace ? "vector" : "row " + off / dim);
    Integer existing = slotOf.get(id);
    int slot;
    if (existing != null) {
      if (!replace) {
        throw new IllegalArgumentException(
            "an id appears twice among the rows; ids must be unique");
      }
      slot = existing;
    } else if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      if (slots == ids.length) {
        int cap = roundUp(Math.max(W, ids.length * 2));
        ids = Arrays.copyOf(ids, cap);
        data = Arrays.copyOf(data, Math.multiplyExact(cap, dim));
      }
      slot = slots++;
    }
    double norm = normalise ? Math.sqrt(squaredNormDouble(src, off, dim)) : 1;
    int at = at(slot);
    for (int j = 0; j < dim; j++) {
      data[at + j * W] = norm == 0 ? 0f : normalise ? (float) (src[off + j] / norm) : src[off + j];
    }
    ids[slot] = id;
    slotOf.put(id, slot);
  }

  /**
   * Writes the rows (ids and stored, normalised vectors) in a versioned binary form that {@link
   * #read(DataInput)} restores exactly: every search gives the same answer after a round trip. Free
   * slots are not written, so the restored index is compact.
   */
  public void write(DataOutput out) throws IOException {
    lock.readLock().lock();
    try {
      CosineIndexCodec.write(out, dim, slotOf.size(), slots, ids, data);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Part name {@code "index"}. */
  @Override
  public String partName() {
    return "index";
  }

  /**
   * Removes the user's row, as {@link #remove} does.
   *
   * @return 1 if the index held the user, else 0
   */
  @Override
  public long forget(String userId) {
    return remove(userId) ? 1 : 0;
  }

  /** Same as {@link #write(DataOutput)}. */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    write(out);
  }

  /** Grows with every put and remove. */
  @Override
  public long modelVersion() {
    return mutations.get() + 1;
  }

  /**
   * Reads an index written by {@link #write(DataOutput)}.
   *
   * @throws IOException if the input is not an index of a known format version, or is damaged
   */
  public static CosineIndex read(DataInput in) throws IOException {
    return CosineIndexCodec.read(in);
  }

  /** An empty index for {@code capacity} rows, for the codec. */
  static CosineIndex withCapacity(int dim, int capacity) {
    return new CosineIndex(dim, capacity, VectorKernelsProvider.get());
  }

  /**
   * Adds a row read back from a written index, stored already normalised.
   *
   * @throws IllegalArgumentException if the id repeats or the row is not finite
   */
  void addNormalisedRow(String id, float[] row) {
    addRow(id, row, 0, false, false);
  }

  /** Where coordinate 0 of a slot's row is; coordinate j is {@code W * j} further. */
  private int at(int slot) {
    return at(slot, dim);
  }

  /** Where coordinate 0 of a slot's row is in rows of {@code dim} values. */
  static int at(int slot, int dim) {
    return (slot / W) * W * dim + slot % W;
  }

  static int roundUp(int rows) {
    return Math.addExact(rows, W - 1) / W * W;
  }

  private void checkVector(float[] v, String what) {
    Objects.requireNonNull(v, what);
    if (v.length != dim) {
      throw new IllegalArgumentException(
          what
              + " has "
              + v.length
              + " values but the index dimension is "
              + dim
              + "; pass vectors of the index's features");
    }
    checkFinite(v, 0, what);
  }

  private void checkFinite(float[] v, int off, String what) {
    for (int j = 0; j < dim; j++) {
      if (!Float.isFinite(v[off + j])) {
        throw new IllegalArgumentException(
            what
                + " holds "
                + v[off + j]
                + " at position "
                + j
                + "; impute or drop non-finite features before indexing or searching");
      }
    }
  }

  private static double squaredNormDouble(float[] a, int off, int len) {
    double s = 0;
    for (int j = 0; j < len; j++) {
      double x = a[off + j];
      s += x * x;
    }
    return s;
  }

  /** Searches for the n rows of {@code q} (owned by this call, not modified). */
  private List<List<Neighbor>> searchBatch(float[] q, int n, SearchOptions options) {
    Objects.requireNonNull(options, "options");
    // Queries are not normalised for the scan: a positive factor does not change the order. The
    // norm divides the double re-score, so reported scores are cosines.
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = Math.sqrt(squaredNormDouble(q, i * dim, dim));
    }
    lock.readLock().lock();
    try {
      int live = slotOf.size();
      int k = Math.min(options.k(), live);
      List<List<Neighbor>> out = new ArrayList<>(n);
      if (k == 0 || n == 0) {
        for (int i = 0; i < n; i++) {
          out.add(List.of());
        }
        return out;
      }
      BitSet excluded = new BitSet(slots);
      for (String id : options.exclude()) {
        Integer s = slotOf.get(id);
        if (s != null) {
          excluded.set(s);
        }
      }
      CosineScan scan =
          new CosineScan(data, ids, slots, dim, kernel, q, n, k, excluded, options.allowed());
      run(scan, options);
      for (int i = 0; i < n; i++) {
        out.add(norms[i] == 0 ? List.of() : scan.finish(i, norms[i]));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void run(CosineScan scan, SearchOptions options) {
    int blocks = (scan.n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    int threads = Math.min(options.threads(), blocks);
    if (threads <= 1) {
      scan.work();
      return;
    }
    // Each worker pulls query blocks from the scan's cursor until none is left.
    try (WorkerPool pool = WorkerPool.create("knn", threads, options.executor())) {
      pool.run(threads, t -> scan.work());
    }
  }
}
