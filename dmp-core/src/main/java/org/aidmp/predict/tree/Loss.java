package org.aidmp.predict.tree;

/** What gradient-boosted trees minimise. */
public enum Loss {
  /** Binary log-loss on labels 0 and 1; the model scores a probability. */
  LOGISTIC,
  /** Squared error on real labels; the model scores the expected value. */
  SQUARED_ERROR;

  double baseMargin(double weightedMean) {
    if (this == SQUARED_ERROR) {
      return weightedMean;
    }
    double p = Math.min(Math.max(weightedMean, 1e-15), 1 - 1e-15);
    return Math.log(p / (1 - p));
  }

  /** The score of a margin: the probability for {@link #LOGISTIC}, the margin itself otherwise. */
  double link(double margin) {
    return this == LOGISTIC ? sigmoid(margin) : margin;
  }

  /** The loss of one row. */
  double loss(double margin, double label) {
    if (this == SQUARED_ERROR) {
      double e = margin - label;
      return 0.5 * e * e;
    }
    // log(1 + e^m) − y·m, written to stay finite for large |m|.
    double softplus =
        margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
    return softplus - label * margin;
  }

  static double sigmoid(double m) {
    return m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
  }
}
