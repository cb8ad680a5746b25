package org.aidmp.predict.clv;

import java.util.Objects;

/**
 * Customer lifetime value from a BG/NBD purchase model and a Gamma-Gamma spend model: expected
 * purchases in each future period times expected spend, discounted per period.
 *
 * <pre>{@code
 * Clv clv = new Clv(bgnbd, spend);
 * // 12 months of about 4.35 weeks, 1 % discount a month, for a history in weeks
 * double value = clv.value(x, tx, t, meanSpend, 12, 4.35, 0.01);
 * }</pre>
 *
 * @param purchases the BG/NBD model
 * @param spend the Gamma-Gamma model
 */
public record Clv(BgNbd.Model purchases, GammaGamma.Model spend) {
  /** Checks neither model is null. */
  public Clv {
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(spend, "spend");
  }

  /**
   * The discounted value of a customer's next {@code periods} periods.
   *
   * @param x repeat purchases in calibration
   * @param tx time of the last purchase after the first
   * @param t time from the first purchase to the end of calibration
   * @param meanSpend mean value of the repeat purchases (ignored when x = 0)
   * @param periods how many periods to add up
   * @param periodLength one period in the histories' time unit
   * @param discountRate per period, at least 0
   */
  public double value(
      double x,
      double tx,
      double t,
      double meanSpend,
      int periods,
      double periodLength,
      double discountRate) {
    if (periods < 0 || !(periodLength > 0) || !(discountRate >= 0)) {
      throw new IllegalArgumentException(
          "periods ("
              + periods
              + ") must be >= 0, periodLength ("
              + periodLength
              + ") > 0 and discountRate ("
              + discountRate
              + ") >= 0");
    }
    double value = spend.expectedSpend(x, meanSpend);
    double total = 0;
    double before = 0;
    for (int i = 1; i <= periods; i++) {
      double upTo = purchases.expectedPurchases(i * periodLength, x, tx, t);
      total += (upTo - before) * value / Math.pow(1 + discountRate, i);
      before = upTo;
    }
    return total;
  }
}
