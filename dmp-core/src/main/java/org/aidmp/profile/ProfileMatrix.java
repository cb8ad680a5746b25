package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.aidmp.internal.codec.Codec;
import org.aidmp.internal.codec.Magic;
import org.aidmp.state.UserStatePart;
import org.ejml.data.FMatrixRMaj;

/**
 * Feature rows of users: row {@code i} of {@link #matrix()} belongs to {@code userIds().get(i)};
 * columns are named by {@link #featureNames()} and were made by {@link #transform()}.
 *
 * <pre>{@code
 * ProfileMatrix m = FeatureSpec.DEFAULT.fit(store);
 * FMatrixRMaj x = m.matrix();                 // n x d, float32, row-major
 * int row = m.rowOf("u42");
 * float recency = x.get(row, m.transform().indexOf("recency_days"));
 * }</pre>
 *
 * <p>The matrix is handed out as is, not copied, so that n×d floats are not duplicated for the
 * stages that read it; treat it as read-only.
 *
 * <p><b>Forgetting a user</b> ({@link #forget}) leaves a tombstone: the row keeps its place, so the
 * rows of other users and the labels that follow them do not move, but its id becomes the empty
 * string, {@link #rowOf} no longer finds it and its values are set to 0. {@link #writeTo} leaves
 * tombstones out.
 */
public final class ProfileMatrix implements UserStatePart {
  private final String[] userIds;
  private final List<String> idList;
  private final FMatrixRMaj matrix;
  private final FeatureTransform transform;
  private volatile Map<String, Integer> rows;
  private volatile long version = 1;

  ProfileMatrix(String[] userIds, FMatrixRMaj matrix, FeatureTransform transform) {
    this.userIds = userIds;
    this.idList = java.util.Collections.unmodifiableList(Arrays.asList(userIds));
    this.matrix = Objects.requireNonNull(matrix);
    this.transform = Objects.requireNonNull(transform);
    if (matrix.numRows != userIds.length || matrix.numCols != transform.dimension()) {
      throw new IllegalArgumentException(
          "matrix is "
              + matrix.numRows
              + "x"
              + matrix.numCols
              + " but there are "
              + userIds.length
              + " ids and "
              + transform.dimension()
              + " features");
    }
  }

  /** The user of each row, in row order. */
  public List<String> userIds() {
    return idList;
  }

  /** The user of row {@code i}. */
  public String userId(int i) {
    return userIds[i];
  }

  /** The row of a user, or -1 if absent. */
  public int rowOf(String userId) {
    Map<String, Integer> r = rows;
    if (r == null) {
      Map<String, Integer> m = new HashMap<>(userIds.length * 4 / 3 + 1);
      for (int i = 0; i < userIds.length; i++) {
        m.put(userIds[i], i);
      }
      rows = r = m;
    }
    Integer i = r.get(userId);
    return i == null ? -1 : i;
  }

  /** The n×d feature matrix (float32, row-major), shared, not copied. */
  public FMatrixRMaj matrix() {
    return matrix;
  }

  /** The number of rows (users). */
  public int rows() {
    return matrix.numRows;
  }

  /** The number of columns (features). */
  public int cols() {
    return matrix.numCols;
  }

  /** The feature names, in column order. */
  public List<String> featureNames() {
    return transform.featureNames();
  }

  /** The fitted transform that made the rows. */
  public FeatureTransform transform() {
    return transform;
  }

  /** Part name {@code "matrix"}. */
  @Override
  public String partName() {
    return "matrix";
  }

  /**
   * Tombstones the user's row (see the class comment).
   *
   * @return 1 if the user had a row, else 0
   */
  @Override
  public synchronized long forget(String userId) {
    int row = rowOf(Objects.requireNonNull(userId, "userId"));
    if (row < 0) {
      return 0;
    }
    Map<String, Integer> copy = new HashMap<>(rows);
    copy.remove(userId);
    rows = copy;
    userIds[row] = "";
    Arrays.fill(matrix.data, row * matrix.numCols, (row + 1) * matrix.numCols, 0f);
    version++;
    return 1;
  }

  /** Starts at 1 and grows with every forgotten user. */
  @Override
  public long modelVersion() {
    return version;
  }

  /** Writes the transform, then the live rows with their ids; {@link #read} restores them. */
  @Override
  public synchronized void writeTo(DataOutput out) throws IOException {
    Codec.writeHeader(out, Magic.PROFILE_MATRIX, 1);
    transform.write(out);
    int live = 0;
    for (String id : userIds) {
      if (!id.isEmpty()) {
        live++;
      }
    }
    out.writeInt(live);
    int d = matrix.numCols;
    for (int r = 0; r < userIds.length; r++) {
      if (userIds[r].isEmpty()) {
        continue;
      }
      out.writeUTF(userIds[r]);
      for (int j = 0; j < d; j++) {
        out.writeFloat(matrix.data[r * d + j]);
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws IOException if the stream is damaged or not a feature matrix
   */
  public static ProfileMatrix read(DataInput in) throws IOException {
    Codec.readHeader(in, Magic.PROFILE_MATRIX, 1);
    FeatureTransform transform = FeatureTransform.read(in);
    int n = Codec.readCount(in, "rows");
    int d = transform.dimension();
    String[] ids = new String[n];
    FMatrixRMaj m = new FMatrixRMaj(n, d);
    for (int r = 0; r < n; r++) {
      ids[r] = in.readUTF();
      for (int j = 0; j < d; j++) {
        m.data[r * d + j] = in.readFloat();
      }
    }
    return new ProfileMatrix(ids, m, transform);
  }

  /** Shows the shape only: ids may be personal data. */
  @Override
  public String toString() {
    return "ProfileMatrix[" + rows() + "x" + cols() + "]";
  }
}
