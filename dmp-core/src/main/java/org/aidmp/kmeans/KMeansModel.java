package org.aidmp.kmeans;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.aidmp.internal.codec.Magic;
import org.aidmp.internal.kernels.VectorKernels;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.ejml.data.FMatrixRMaj;

/**
 * A fitted K-Means model: centroids, the labels and inertia of the fitted rows, and how the fit
 * went. Immutable; accessors return copies.
 *
 * <pre>{@code
 * KMeansModel model = KMeans.builder().setK(8).get().fit(x);
 * int[] sizes = model.clusterSizes();
 * int segment = model.predict(newRow);
 * model.write(dataOutput);                       // and KMeansModel.read(dataInput)
 * }</pre>
 */
public final class KMeansModel implements org.aidmp.stage.SegmentModel {
  private static final int MAGIC = Magic.KMEANS_MODEL.value();

  /** Version 2 added the inertia history; version 1 models read with an empty one. */
  private static final int FORMAT_VERSION = 2;

  private final FMatrixRMaj centroids;
  private final int[] labels;
  private final double inertia;
  private final int iterations;
  private final boolean converged;
  private final Distance distance;
  private final long seed;
  private final String kernelsName;
  private final int[] sizes;
  private final double[] inertiaHistory;
  // Derived once for predict: the kernel's transposed centroids and their norms.
  private final int ks;
  private final float[] ct;
  private final float[] cn;

  KMeansModel(
      FMatrixRMaj centroids,
      int[] labels,
      double inertia,
      int iterations,
      boolean converged,
      Distance distance,
      long seed,
      String kernelsName,
      double[] inertiaHistory) {
    this.centroids = centroids;
    this.inertiaHistory = inertiaHistory;
    this.labels = labels;
    this.inertia = inertia;
    this.iterations = iterations;
    this.converged = converged;
    this.distance = distance;
    this.seed = seed;
    this.kernelsName = kernelsName;
    int k = centroids.numRows;
    int d = centroids.numCols;
    this.sizes = new int[k];
    for (int l : labels) {
      sizes[l]++;
    }
    int m = VectorKernels.CENTROID_STRIDE_MULTIPLE;
    this.ks = (k + m - 1) / m * m;
    this.ct = new float[d * ks];
    this.cn = new float[ks];
    Arrays.fill(cn, Float.POSITIVE_INFINITY);
    for (int c = 0; c < k; c++) {
      cn[c] = VectorKernels.sequentialSquaredNorm(centroids.data, c * d, d);
    }
    VectorKernels.packCentroids(centroids.data, k, d, ct);
  }

  /**
   * A model from centroids fitted elsewhere (a distributed fit, say), without the labels of the
   * fitted rows: {@link #labels()} is empty and {@link #clusterSizes()} all zero, since the rows
   * live where the fit ran. Predicting, {@link #write} and {@link #read} work as for any model.
   *
   * <pre>{@code
   * KMeansModel model = KMeansModel.fromCentroids(centroids, Distance.EUCLIDEAN, inertia,
   *     iterations, true, seed, "panama-256", history);
   * }</pre>
   *
   * @param centroids k × d, copied; unit rows expected under {@link Distance#COSINE}
   * @param inertiaHistory the inertia of each iteration, copied
   * @throws IllegalArgumentException if a centroid value is not finite or the matrix is empty
   */
  public static KMeansModel fromCentroids(
      FMatrixRMaj centroids,
      Distance distance,
      double inertia,
      int iterations,
      boolean converged,
      long seed,
      String kernelsName,
      double[] inertiaHistory) {
    Objects.requireNonNull(centroids, "centroids");
    Objects.requireNonNull(distance, "distance");
    Objects.requireNonNull(kernelsName, "kernelsName");
    Objects.requireNonNull(inertiaHistory, "inertiaHistory");
    if (centroids.numRows < 1 || centroids.numCols < 1) {
      throw new IllegalArgumentException(
          "centroids are "
              + centroids.numRows
              + " × "
              + centroids.numCols
              + "; pass at least one centroid of at least one value");
    }
    int n = centroids.numRows * centroids.numCols;
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(centroids.data[i])) {
        throw new IllegalArgumentException(
            "centroid "
                + i / centroids.numCols
                + ", column "
                + i % centroids.numCols
                + " is not finite; pass finite centroids");
      }
    }
    return new KMeansModel(
        centroids.copy(),
        new int[0],
        inertia,
        iterations,
        converged,
        distance,
        seed,
        kernelsName,
        inertiaHistory.clone());
  }

  /**
   * The inertia at each iteration of the winning run (after a random-swap refinement, of its final
   * run), as the assignment step saw it: exact under Lloyd, from the distance bounds (an upper
   * bound) under Hamerly, the batch's mean times the number of rows under mini-batch. For
   * convergence plots. Empty for models read from an older format.
   */
  public double[] inertiaHistory() {
    return inertiaHistory.clone();
  }

  /** Number of clusters. */
  @Override
  public int k() {
    return centroids.numRows;
  }

  /** Number of features. */
  public int dimensions() {
    return centroids.numCols;
  }

  /** A copy of the centroids, k × d (unit rows under cosine). */
  public FMatrixRMaj centroids() {
    return centroids.copy();
  }

  /** A copy of the label of each fitted row. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Σ weight·‖x − c(label)‖² over the fitted rows, in double (rows unit-scaled under cosine). */
  public double inertia() {
    return inertia;
  }

  /** Iterations the winning run took. */
  public int iterations() {
    return iterations;
  }

  /** Whether the winning run met the tolerance before the iteration limit. */
  public boolean converged() {
    return converged;
  }

  /** Rows per cluster (0 for a cluster no row chose). */
  public int[] clusterSizes() {
    return sizes.clone();
  }

  /** The geometry of the fit. */
  public Distance distance() {
    return distance;
  }

  /** The seed of the fit. */
  public long seed() {
    return seed;
  }

  /** The kernels that ran the fit, e.g. "panama-512" or "scalar". */
  public String kernelsName() {
    return kernelsName;
  }

  /** The nearest centroid of one row (d values from {@code offset}); not modified. */
  @Override
  public int predict(float[] row, int offset) {
    int d = dimensions();
    if (offset < 0 || offset + d > row.length) {
      throw new IllegalArgumentException(
          "row has " + (row.length - offset) + " values from offset " + offset + "; need " + d);
    }
    float[] r = Arrays.copyOfRange(row, offset, offset + d);
    if (distance == Distance.COSINE) {
      KMeansData.normaliseRows(r, 1, d);
    }
    int[] out = new int[1];
    VectorKernelsProvider.get()
        .nearestCentroids(r, 0, 1, d, ct, ks, cn, k(), out, 0, new float[1], 0);
    return out[0];
  }

  /** The nearest centroid of a full row. */
  public int predict(float[] row) {
    if (row.length != dimensions()) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values; the model has " + dimensions() + " features");
    }
    return predict(row, 0);
  }

  /** The nearest centroid of row {@code row} of {@code x}; not modified. */
  public int predict(FMatrixRMaj x, int row) {
    checkCols(x);
    return predict(x.data, row * x.numCols);
  }

  /** The nearest centroid of every row of {@code x}; not modified. */
  @Override
  public int[] predict(FMatrixRMaj x) {
    checkCols(x);
    int n = x.numRows;
    int d = dimensions();
    float[] data = x.data;
    if (distance == Distance.COSINE) {
      data = Arrays.copyOf(x.data, n * d);
      KMeansData.normaliseRows(data, n, d);
    }
    int[] out = new int[n];
    VectorKernelsProvider.get()
        .nearestCentroids(data, 0, n, d, ct, ks, cn, k(), out, 0, new float[n], 0);
    return out;
  }

  private void checkCols(FMatrixRMaj x) {
    if (x.numCols != dimensions()) {
      throw new IllegalArgumentException(
          "matrix has " + x.numCols + " columns; the model has " + dimensions() + " features");
    }
  }

  /**
   * Writes the model in a versioned binary format: magic, version, k, d, distance, seed,
   * iterations, converged, inertia, kernels name, centroids, n and the labels, the inertia history.
   */
  public void write(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    int k = k();
    int d = dimensions();
    out.writeInt(k);
    out.writeInt(d);
    out.writeUTF(distance.name());
    out.writeLong(seed);
    out.writeInt(iterations);
    out.writeBoolean(converged);
    out.writeDouble(inertia);
    out.writeUTF(kernelsName);
    for (int i = 0; i < k * d; i++) {
      out.writeFloat(centroids.data[i]);
    }
    out.writeInt(labels.length);
    for (int l : labels) {
      out.writeInt(l);
    }
    out.writeInt(inertiaHistory.length);
    for (double v : inertiaHistory) {
      out.writeDouble(v);
    }
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @throws IOException on a foreign or damaged stream, or a version this code does not know
   */
  public static KMeansModel read(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a dmp K-Means model (magic " + Integer.toHexString(magic) + ")");
    }
    int version = in.readInt();
    if (version < 1 || version > FORMAT_VERSION) {
      throw new IOException(
          "K-Means model format version " + version + "; this code reads 1 to " + FORMAT_VERSION);
    }
    int k = in.readInt();
    int d = in.readInt();
    if (k < 1 || d < 1 || (long) k * d > Integer.MAX_VALUE - 16) {
      throw new IOException("damaged K-Means model: k = " + k + ", d = " + d);
    }
    Distance distance;
    try {
      distance = Distance.valueOf(in.readUTF());
    } catch (IllegalArgumentException e) {
      throw new IOException("damaged K-Means model: unknown distance", e);
    }
    long seed = in.readLong();
    int iterations = in.readInt();
    boolean converged = in.readBoolean();
    double inertia = in.readDouble();
    String kernels = in.readUTF();
    FMatrixRMaj c = new FMatrixRMaj(k, d);
    for (int i = 0; i < k * d; i++) {
      c.data[i] = in.readFloat();
    }
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("damaged K-Means model: " + n + " labels");
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = in.readInt();
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IOException("damaged K-Means model: label " + labels[i] + " at row " + i);
      }
    }
    double[] history = new double[0];
    if (version >= 2) {
      int h = in.readInt();
      if (h < 0 || h > 100_000_000) {
        throw new IOException("damaged K-Means model: " + h + " history entries");
      }
      history = new double[h];
      for (int i = 0; i < h; i++) {
        history[i] = in.readDouble();
      }
    }
    return new KMeansModel(
        c, labels, inertia, iterations, converged, distance, seed, kernels, history);
  }

  @Override
  public String toString() {
    return "KMeansModel{k="
        + k()
        + ", d="
        + dimensions()
        + ", n="
        + labels.length
        + ", inertia="
        + inertia
        + ", iterations="
        + iterations
        + ", converged="
        + converged
        + ", distance="
        + distance
        + ", kernels="
        + kernelsName
        + "}";
  }
}
