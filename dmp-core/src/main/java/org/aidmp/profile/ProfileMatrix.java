package org.aidmp.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 */
public final class ProfileMatrix {
  private final String[] userIds;
  private final List<String> idList;
  private final FMatrixRMaj matrix;
  private final FeatureTransform transform;
  private volatile Map<String, Integer> rows;

  ProfileMatrix(String[] userIds, FMatrixRMaj matrix, FeatureTransform transform) {
    this.userIds = userIds;
    this.idList = List.of(userIds);
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

  /** Shows the shape only: ids may be personal data. */
  @Override
  public String toString() {
    return "ProfileMatrix[" + rows() + "x" + cols() + "]";
  }
}
