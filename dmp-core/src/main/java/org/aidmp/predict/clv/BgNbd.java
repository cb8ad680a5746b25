package org.aidmp.predict.clv;

import java.util.Objects;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee, 2005), fitted by maximum likelihood.
 * While alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out
 * with probability p ~ Beta(a, b).
 *
 * <pre>{@code
 * RfmSummary rfm = RfmSummary.of(ids, days, amounts, calibrationEnd, 7);   // weeks
 * BgNbd.Model m = BgNbd.fit(rfm.frequency(), rfm.recency(), rfm.age());
 * double alive = m.probabilityAlive(x, tx, t);
 * double next39Weeks = m.expectedPurchases(39, x, tx, t);
 * }</pre>
 *
 * <p>Inputs per customer: {@code x} repeat purchases (whole days or periods after the first),
 * {@code tx} the time of the last one after the first, {@code T} the time from the first purchase
 * to the end of the calibration period, all in one time unit.
 */
public final class BgNbd {
  private BgNbd() {}

  /**
   * The fitted model.
   *
   * @param r shape of the purchase-rate gamma
   * @param alpha scale of the purchase-rate gamma
   * @param a first shape of the dropout beta
   * @param b second shape of the dropout beta
   * @param logLikelihood the summed log-likelihood at the optimum
   */
  public record Model(double r, double alpha, double a, double b, double logLikelihood) {
    /** Checks the parameters are positive and finite. */
    public Model {
      for (double v : new double[] {r, alpha, a, b}) {
        if (!(v > 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "BG/NBD parameters ("
                  + r
                  + ", "
                  + alpha
                  + ", "
                  + a
                  + ", "
                  + b
                  + ") must be positive and finite");
        }
      }
    }

    /** The probability the customer is still active at the end of calibration. */
    public double probabilityAlive(double x, double tx, double t) {
      if (x == 0) {
        return 1;
      }
      double logRatio = (r + x) * Math.log((alpha + t) / (alpha + tx));
      return 1 / (1 + Math.exp(Math.log(a / (b + x - 1)) + logRatio));
    }

    /**
     * Expected repeat purchases in the next {@code horizon} time units, given the customer's
     * history (equation 10 of Fader, Hardie and Lee 2005).
     */
    public double expectedPurchases(double horizon, double x, double tx, double t) {
      if (horizon <= 0) {
        return 0;
      }
      double z = horizon / (alpha + t + horizon);
      double f =
          Math.exp((r + x) * Math.log((alpha + t) / (alpha + t + horizon)))
              * Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
      double num = (a + b + x - 1) / (a - 1) * (1 - f);
      double den =
          x > 0
              ? 1 + a / (b + x - 1) * Math.exp((r + x) * Math.log((alpha + t) / (alpha + tx)))
              : 1;
      return num / den;
    }

    /** Expected repeat purchases of a new customer in their first {@code horizon} time units. */
    public double expectedPurchasesNew(double horizon) {
      if (horizon <= 0) {
        return 0;
      }
      double z = horizon / (alpha + horizon);
      return (a + b - 1)
          / (a - 1)
          * (1 - Math.pow(alpha / (alpha + horizon), r) * Hypergeometric.f21(r, b, a + b - 1, z));
    }

    /** The log-likelihood of one customer's history. */
    public double logLikelihood(double x, double tx, double t) {
      return BgNbd.logLikelihood(r, alpha, a, b, x, tx, t);
    }
  }

  static double logLikelihood(
      double r, double alpha, double a, double b, double x, double tx, double t) {
    double common = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
    double lbab = Beta.logBeta(a, b);
    double t1 = Beta.logBeta(a, b + x) - lbab + common - (r + x) * Math.log(alpha + t);
    if (x == 0) {
      return t1;
    }
    double t2 = Beta.logBeta(a + 1, b + x - 1) - lbab + common - (r + x) * Math.log(alpha + tx);
    double hi = Math.max(t1, t2);
    return hi + Math.log(Math.exp(t1 - hi) + Math.exp(t2 - hi));
  }

  /**
   * Fits the four parameters by maximum likelihood (Nelder–Mead on their logarithms, restarted from
   * its own optimum until it stops moving).
   *
   * @param frequency repeat purchases per customer, whole numbers ≥ 0
   * @param recency time of the last purchase after the first, 0 when frequency is 0
   * @param age time from the first purchase to the end of calibration, ≥ recency
   * @throws IllegalArgumentException if sizes differ or a history is impossible
   */
  public static Model fit(double[] frequency, double[] recency, double[] age) {
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(recency, "recency");
    Objects.requireNonNull(age, "age");
    int n = frequency.length;
    if (recency.length != n || age.length != n || n == 0) {
      throw new IllegalArgumentException(
          "frequency ("
              + n
              + "), recency ("
              + recency.length
              + ") and age ("
              + age.length
              + ") must have one equal, non-zero length");
    }
    for (int i = 0; i < n; i++) {
      double x = frequency[i];
      if (!(x >= 0)
          || x != Math.rint(x)
          || !(recency[i] >= 0)
          || !(age[i] >= recency[i])
          || Double.isInfinite(age[i])
          || (x == 0 && recency[i] != 0)) {
        throw new IllegalArgumentException(
            "customer at position "
                + i
                + " has an impossible history: frequency must be a whole number >= 0, "
                + "0 <= recency <= age, and recency 0 when frequency is 0");
      }
    }
    // Customers with the same history share a likelihood term: fit on distinct histories.
    java.util.Map<java.util.List<Double>, Integer> groups = new java.util.LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.merge(java.util.List.of(frequency[i], recency[i], age[i]), 1, Integer::sum);
    }
    int g = groups.size();
    double[] gx = new double[g];
    double[] gtx = new double[g];
    double[] gt = new double[g];
    double[] gw = new double[g];
    int k = 0;
    for (java.util.Map.Entry<java.util.List<Double>, Integer> e : groups.entrySet()) {
      gx[k] = e.getKey().get(0);
      gtx[k] = e.getKey().get(1);
      gt[k] = e.getKey().get(2);
      gw[k++] = e.getValue();
    }
    MultivariateFunction nll =
        p -> {
          double r = Math.exp(p[0]);
          double alpha = Math.exp(p[1]);
          double a = Math.exp(p[2]);
          double b = Math.exp(p[3]);
          double s = 0;
          for (int i = 0; i < g; i++) {
            s += gw[i] * logLikelihood(r, alpha, a, b, gx[i], gtx[i], gt[i]);
          }
          return Double.isFinite(s) ? -s : Double.MAX_VALUE;
        };
    double meanAge = 0;
    for (double v : age) {
      meanAge += v / n;
    }
    double[] start = {0, Math.log(Math.max(meanAge, 1e-3)), 0, 0};
    double[] best = minimize(nll, start);
    double value = -nll.value(best);
    return new Model(
        Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), Math.exp(best[3]), value);
  }

  /** Nelder–Mead restarted from its optimum until the value stops improving. */
  static double[] minimize(MultivariateFunction f, double[] start) {
    SimplexOptimizer opt = new SimplexOptimizer(1e-10, 1e-10);
    double[] x = start;
    double fx = f.value(x);
    for (int restart = 0; restart < 6; restart++) {
      PointValuePair p =
          opt.optimize(
              new MaxEval(20000),
              new ObjectiveFunction(f),
              GoalType.MINIMIZE,
              new InitialGuess(x),
              new NelderMeadSimplex(x.length, 0.5));
      boolean better = p.getValue() < fx - 1e-10 * Math.max(1, Math.abs(fx)) * 10;
      if (p.getValue() <= fx) {
        x = p.getPoint();
        fx = p.getValue();
      }
      if (!better) {
        break;
      }
    }
    return x;
  }
}
