package org.aidmp.io.report;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Projects rows onto their first two principal components, for the scatter plot of users in a
 * {@link SegmentReport}. Internal.
 *
 * <p>Columns are centred (not scaled: features arrive already scaled by the feature spec), then a
 * thin SVD of the centred sample gives the components; the work is in double precision. Each
 * component's sign is fixed so that its largest-magnitude loading is positive, so the same data
 * always gives the same picture.
 */
final class Pca2D {
  private Pca2D() {}

  /**
   * The projection of each row and how much of the total variance each axis explains.
   *
   * @param x coordinates on the first component, one per row
   * @param y coordinates on the second component (zeros when the data has one dimension)
   * @param explainedX the first component's share of the variance, in [0, 1]
   * @param explainedY the second component's share of the variance, in [0, 1]
   */
  record Projection(double[] x, double[] y, double explainedX, double explainedY) {}

  /**
   * Projects the rows of {@code data} (n × d, n ≥ 2, d ≥ 1, finite values); {@code data} is not
   * modified.
   */
  static Projection project(FMatrixRMaj data) {
    Objects.requireNonNull(data, "data");
    int n = data.numRows;
    int d = data.numCols;
    if (n < 2 || d < 1) {
      throw new IllegalArgumentException(
          "PCA needs at least 2 rows and 1 column, got " + n + " x " + d);
    }
    DMatrixRMaj centred = new DMatrixRMaj(n, d);
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        float v = data.data[i * d + j];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(
              "row "
                  + i
                  + ", column "
                  + j
                  + " is "
                  + v
                  + "; impute or drop non-finite values"
                  + " before the projection");
        }
        mean[j] += v;
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred.data[i * d + j] = data.data[i * d + j] - mean[j];
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(n, d, false, true, true);
    if (!svd.decompose(centred.copy())) {
      throw new IllegalStateException("the SVD of a " + n + " x " + d + " sample did not converge");
    }
    double[] sv = svd.getSingularValues();
    DMatrixRMaj vt = svd.getV(null, true);
    int rank = Math.min(sv.length, vt.numRows);
    // Order the components by singular value; EJML does not promise an order.
    int first = -1;
    int second = -1;
    for (int i = 0; i < rank; i++) {
      if (first < 0 || sv[i] > sv[first]) {
        second = first;
        first = i;
      } else if (second < 0 || sv[i] > sv[second]) {
        second = i;
      }
    }
    double total = 0;
    for (int i = 0; i < rank; i++) {
      total += sv[i] * sv[i];
    }
    double[] px = axis(centred, vt, first);
    double[] py = second < 0 ? new double[n] : axis(centred, vt, second);
    double ex = total == 0 ? 0 : sv[first] * sv[first] / total;
    double ey = total == 0 || second < 0 ? 0 : sv[second] * sv[second] / total;
    return new Projection(px, py, ex, ey);
  }

  private static double[] axis(DMatrixRMaj centred, DMatrixRMaj vt, int component) {
    int d = centred.numCols;
    double[] v = new double[d];
    int biggest = 0;
    for (int j = 0; j < d; j++) {
      v[j] = vt.get(component, j);
      if (Math.abs(v[j]) > Math.abs(v[biggest])) {
        biggest = j;
      }
    }
    if (v[biggest] < 0) {
      for (int j = 0; j < d; j++) {
        v[j] = -v[j];
      }
    }
    DMatrixRMaj out = new DMatrixRMaj(centred.numRows, 1);
    CommonOps_DDRM.mult(centred, new DMatrixRMaj(d, 1, true, v), out);
    return out.data;
  }
}
