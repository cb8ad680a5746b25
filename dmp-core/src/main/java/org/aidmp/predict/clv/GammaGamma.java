package org.aidmp.predict.clv;

import java.util.Objects;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee, 2005, "RFM and CLV"),
 * fitted by maximum likelihood on customers with at least one repeat purchase. A customer's
 * transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers.
 *
 * <pre>{@code
 * GammaGamma.Model spend = GammaGamma.fit(rfm.frequency(), rfm.monetary());
 * double expected = spend.expectedSpend(x, meanSpend);
 * }</pre>
 */
public final class GammaGamma {
  private GammaGamma() {}

  /**
   * The fitted model.
   *
   * @param p shape of each transaction's value
   * @param q shape of the customers' scale distribution
   * @param gamma scale of the customers' scale distribution
   * @param logLikelihood the summed log-likelihood at the optimum
   */
  public record Model(double p, double q, double gamma, double logLikelihood) {
    /** Checks the parameters. */
    public Model {
      for (double v : new double[] {p, q, gamma}) {
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "Gamma-Gamma parameters ("
                  + p
                  + ", "
                  + q
                  + ", "
                  + gamma
                  + ") must be positive and finite");
        }
      }
    }

    /**
     * The expected value of a transaction of a customer with {@code x} repeat purchases of mean
     * value {@code meanSpend}; with x = 0, the population mean (needs q > 1).
     */
    public double expectedSpend(double x, double meanSpend) {
      if (x == 0) {
        return populationMean();
      }
      return p * (gamma + x * meanSpend) / (p * x + q - 1);
    }

    /** The mean transaction value over the population: p·γ / (q − 1); NaN when q ≤ 1. */
    public double populationMean() {
      return q > 1 ? p * gamma / (q - 1) : Double.NaN;
    }
  }

  /**
   * Fits on customers with at least one repeat purchase; others are ignored.
   *
   * @param frequency repeat purchases per customer
   * @param meanSpend mean value of those purchases, positive where frequency > 0
   */
  public static Model fit(double[] frequency, double[] meanSpend) {
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(meanSpend, "meanSpend");
    if (frequency.length != meanSpend.length) {
      throw new IllegalArgumentException(
          "frequency ("
              + frequency.length
              + ") and meanSpend ("
              + meanSpend.length
              + ") differ in length");
    }
    int m = 0;
    for (int i = 0; i < frequency.length; i++) {
      if (frequency[i] > 0) {
        if (!(meanSpend[i] > 0) || Double.isInfinite(meanSpend[i])) {
          throw new IllegalArgumentException(
              "customer at position "
                  + i
                  + " has repeat purchases but a mean spend that is not positive");
        }
        m++;
      }
    }
    if (m < 2) {
      throw new IllegalArgumentException(
          "Gamma-Gamma needs at least 2 customers with repeat purchases, got " + m);
    }
    double[] x = new double[m];
    double[] s = new double[m];
    for (int i = 0, k = 0; i < frequency.length; i++) {
      if (frequency[i] > 0) {
        x[k] = frequency[i];
        s[k++] = meanSpend[i];
      }
    }
    MultivariateFunction nll =
        v -> {
          double p = Math.exp(v[0]);
          double q = Math.exp(v[1]);
          double g = Math.exp(v[2]);
          double sum = 0;
          double lgq = Gamma.logGamma(q);
          for (int i = 0; i < x.length; i++) {
            double px = p * x[i];
            sum +=
                Gamma.logGamma(px + q)
                    - Gamma.logGamma(px)
                    - lgq
                    + q * Math.log(g)
                    + (px - 1) * Math.log(s[i])
                    + px * Math.log(x[i])
                    - (px + q) * Math.log(g + x[i] * s[i]);
          }
          return Double.isFinite(sum) ? -sum : Double.MAX_VALUE;
        };
    double mean = 0;
    for (double v : s) {
      mean += v / m;
    }
    double[] best = BgNbd.minimize(nll, new double[] {0, 0, Math.log(mean)});
    return new Model(Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), -nll.value(best));
  }
}
