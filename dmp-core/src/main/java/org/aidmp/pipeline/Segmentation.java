package org.aidmp.pipeline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.aidmp.internal.codec.Codec;
import org.aidmp.internal.codec.Magic;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.kmeans.Persona;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.stage.SegmentModel;
import org.aidmp.state.UserStatePart;

/**
 * The segments a pipeline run found: the model fitted on the feature matrix, one persona per
 * segment in original units, and which user is in which segment.
 *
 * <pre>{@code
 * Segmentation s = result.segmentation().orElseThrow();
 * int segment = s.segmentOf("u000042");
 * s.personas().forEach(System.out::println);
 * }</pre>
 *
 * <p>It is a part of the user state: forgetting a user clears their label (the matrix, a part of
 * its own, tombstones their row), so {@link #segmentOf} no longer knows them.
 */
public final class Segmentation implements UserStatePart {
  private final SegmentModel model;
  private final List<Persona> personas;
  private final ProfileMatrix matrix;
  private final int[] labels;
  private final java.util.Map<String, Integer> rows;
  private volatile long version = 1;

  /**
   * A segmentation of the matrix's rows.
   *
   * @param model the fitted model; its labels follow the rows of {@code matrix}
   * @param personas one per segment, largest first
   * @param matrix the feature matrix the model was fitted on
   */
  public Segmentation(SegmentModel model, List<Persona> personas, ProfileMatrix matrix) {
    this.model = Objects.requireNonNull(model, "model");
    this.matrix = Objects.requireNonNull(matrix, "matrix");
    this.personas = List.copyOf(personas);
    this.labels = model.labels();
    // Its own index of rows, so that forgetting does not depend on the order in which the matrix
    // part (which tombstones ids) and this part are asked.
    this.rows = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> ids = matrix.userIds();
    for (int i = 0; i < ids.size(); i++) {
      if (!ids.get(i).isEmpty()) {
        rows.put(ids.get(i), i);
      }
    }
    if (labels.length != matrix.rows()) {
      throw new IllegalArgumentException(
          "the model labels " + labels.length + " rows but the matrix has " + matrix.rows());
    }
  }

  /** The fitted model. */
  public SegmentModel model() {
    return model;
  }

  /** The model as K-Means, when the segmenter was {@link org.aidmp.kmeans.KMeans}. */
  public Optional<KMeansModel> kMeans() {
    return model instanceof KMeansModel km ? Optional.of(km) : Optional.empty();
  }

  /** One persona per segment, largest first. */
  public List<Persona> personas() {
    return personas;
  }

  /** The feature matrix the model was fitted on. */
  public ProfileMatrix matrix() {
    return matrix;
  }

  /**
   * The segment of a user of the matrix.
   *
   * @throws IllegalArgumentException if the user is not in the matrix (the message does not repeat
   *     the id)
   */
  public int segmentOf(String userId) {
    Integer row = rows.get(userId);
    if (row == null || labels[row] < 0) {
      throw new IllegalArgumentException(
          "this user is not in the segmented matrix; only users with a feature row"
              + " have a segment (use the model's predict for others)");
    }
    return labels[row];
  }

  /** The number of users in each segment (forgotten users left out). */
  public long[] sizes() {
    long[] sizes = new long[model.k()];
    synchronized (labels) {
      for (int l : labels) {
        if (l >= 0) {
          sizes[l]++;
        }
      }
    }
    return sizes;
  }

  /** The number of segments. */
  public int k() {
    return model.k();
  }

  /** Part name {@code "segments"}. */
  @Override
  public String partName() {
    return "segments";
  }

  /**
   * Clears the user's label.
   *
   * @return 1 if the user had a label, else 0
   */
  @Override
  public long forget(String userId) {
    Integer row = rows.remove(Objects.requireNonNull(userId, "userId"));
    if (row == null) {
      return 0;
    }
    synchronized (labels) {
      if (labels[row] < 0) {
        return 0;
      }
      labels[row] = -1;
    }
    version++;
    return 1;
  }

  /** Starts at 1 and grows with every forgotten user. */
  @Override
  public long modelVersion() {
    return version;
  }

  /**
   * Writes the number of segments and the label of each row, -1 for forgotten rows (the ids are in
   * the matrix part). {@link #readLabels} reads them back.
   */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    Codec.writeHeader(out, Magic.SEGMENTATION, 1);
    out.writeInt(model.k());
    synchronized (labels) {
      out.writeInt(labels.length);
      for (int l : labels) {
        out.writeInt(l);
      }
    }
  }

  /**
   * Reads the labels written by {@link #writeTo}.
   *
   * @throws IOException if the stream is damaged or not a segmentation
   */
  public static int[] readLabels(DataInput in) throws IOException {
    Codec.readHeader(in, Magic.SEGMENTATION, 1);
    int k = in.readInt();
    int n = Codec.readCount(in, "labels");
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = in.readInt();
      if (labels[i] < -1 || labels[i] >= k) {
        throw new IOException("label " + labels[i] + " at row " + (i + 1) + " outside -1.." + k);
      }
    }
    return labels;
  }

  @Override
  public String toString() {
    return "Segmentation[k=" + model.k() + ", " + labels.length + " rows]";
  }
}
