package org.aidmp.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class EaseTest {

  /** EASE by the formula with a general (LU) inverse and dense products, for comparison. */
  static DMatrixRMaj referenceB(Interactions x, double lambda) {
    double[][] d = TestData.dense(x);
    DMatrixRMaj m = new DMatrixRMaj(d);
    DMatrixRMaj g = new DMatrixRMaj(x.itemCount(), x.itemCount());
    CommonOps_DDRM.multTransA(m, m, g);
    for (int i = 0; i < g.numRows; i++) {
      g.add(i, i, lambda);
    }
    DMatrixRMaj p = g.copy();
    assertTrue(CommonOps_DDRM.invert(p));
    DMatrixRMaj b = new DMatrixRMaj(p.numRows, p.numCols);
    for (int i = 0; i < p.numRows; i++) {
      for (int j = 0; j < p.numCols; j++) {
        b.set(i, j, (i == j ? 1 : 0) - p.get(i, j) / p.get(j, j));
      }
    }
    return b;
  }

  @Test
  void scoresMatchTheClosedFormWithAGeneralInverse() {
    for (long seed = 1; seed <= 4; seed++) {
      Interactions x = TestData.random(seed, 70, 35, 600);
      double lambda = 0.5 * seed * seed;
      DMatrixRMaj b = referenceB(x, lambda);
      double[][] d = TestData.dense(x);
      Recommender model = RecommenderTrainer.ease(lambda).fit(x);
      float[] out = new float[x.itemCount()];
      for (int u = 0; u < x.userCount(); u += 5) {
        model.score(x.userId(u), out);
        for (int j = 0; j < x.itemCount(); j++) {
          assertEquals(0, b.get(j, j), 1e-12, "zero diagonal");
          double ref = 0;
          for (int i = 0; i < x.itemCount(); i++) {
            ref += d[u][i] * b.get(i, j);
          }
          assertEquals(
              ref,
              out[j],
              1e-4 * (1 + Math.abs(ref)),
              "seed=" + seed + " lambda=" + lambda + " user=" + u + " item=" + j);
        }
      }
    }
  }

  @Test
  void explanationsAddUpToTheScore() {
    Interactions x = TestData.random(9, 40, 25, 400);
    Recommender model = RecommenderTrainer.ease(5).fit(x);
    for (Recommendation r :
        model.recommend(
            x.userId(1), RecommendRequest.builder().setK(4).setExplanations(100).get())) {
      double sum = 0;
      for (Contribution c : r.because()) {
        sum += c.amount();
      }
      assertEquals(r.score(), sum, 1e-4, r.itemId());
    }
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RecommenderTrainer.ease(0));
    assertThrows(IllegalArgumentException.class, () -> RecommenderTrainer.ease(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> RecommenderTrainer.ease(250).fit(Interactions.builder().build()));
    Interactions x = TestData.random(1, 5, 5, 20);
    Recommender model = RecommenderTrainer.ease(250).fit(x);
    assertEquals(
        RecommenderTrainer.popularity().fit(x).recommend("nobody", 3),
        model.recommend("nobody", 3));
  }
}
