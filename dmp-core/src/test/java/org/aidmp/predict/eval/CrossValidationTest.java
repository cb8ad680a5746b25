package org.aidmp.predict.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aidmp.predict.Synthetic;
import org.aidmp.predict.linear.LogisticRegression;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  @Test
  void foldsAreStratifiedAndSeeded() {
    double[] y = new double[103];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 4 == 0 ? 1 : 0;
    }
    int[] f = CrossValidation.stratifiedFolds(y, 5, 1);
    assertArrayEquals(f, CrossValidation.stratifiedFolds(y, 5, 1));
    for (int k = 0; k < 5; k++) {
      int pos = 0;
      int all = 0;
      for (int i = 0; i < y.length; i++) {
        if (f[i] == k) {
          all++;
          pos += (int) y[i];
        }
      }
      assertTrue(pos == 5 || pos == 6, "fold " + k + " has " + pos + " positives");
      assertTrue(all >= 20 && all <= 21);
    }
    assertThrows(IllegalArgumentException.class, () -> CrossValidation.stratifiedFolds(y, 1, 1));
  }

  @Test
  void scoresEveryRowOutOfFold() {
    Synthetic.Data d = Synthetic.classification(1000, 21);
    CrossValidation.Result r =
        CrossValidation.run(
            LogisticRegression.builder().setCategoricalColumns(2).get(),
            d.rows(),
            d.labels(),
            4,
            7);
    assertEquals(4, r.perFold().size());
    assertTrue(r.meanAuc() > 0.8, "auc " + r.meanAuc());
    for (double p : r.outOfFold()) {
      assertTrue(p > 0 && p < 1);
    }
  }
}
