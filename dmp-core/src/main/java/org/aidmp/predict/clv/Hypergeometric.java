package org.aidmp.predict.clv;

/** Gauss's hypergeometric function by its power series, for the CLV models' formulas. */
final class Hypergeometric {
  private Hypergeometric() {}

  /**
   * ₂F₁(a, b; c; z) for {@code 0 <= z < 1}, summed until a term no longer changes the sum.
   *
   * @throws IllegalArgumentException if z is outside [0, 1) or the series does not settle
   */
  static double f21(double a, double b, double c, double z) {
    if (!(z >= 0 && z < 1)) {
      throw new IllegalArgumentException("z (" + z + ") must be in [0, 1)");
    }
    double term = 1;
    double sum = 1;
    for (int k = 0; k < 100_000; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      double next = sum + term;
      if (next == sum) {
        return sum;
      }
      sum = next;
    }
    throw new IllegalArgumentException(
        "the hypergeometric series did not settle for z = " + z + "; shorten the horizon");
  }
}
