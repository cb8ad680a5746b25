package org.aidmp.campaign;

/**
 * Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), using the Marsaglia–Tsang
 * squeeze method for the Gamma draws. Allocation-free, so Thompson sampling adds no garbage per
 * request; commons-math3's {@code BetaDistribution} would need an object per posterior and is used
 * only in the tests, as the reference.
 */
final class BetaSampler {
  private BetaSampler() {}

  /** One Beta(a, b) draw; a and b must be positive and finite. */
  static double beta(SplitMix64 rng, double a, double b) {
    double x = gamma(rng, a);
    double y = gamma(rng, b);
    double sum = x + y;
    // Both draws can underflow to 0 for tiny shapes; the mean is the honest answer then.
    return sum > 0 ? x / sum : a / (a + b);
  }

  /** One Gamma(shape, 1) draw. */
  static double gamma(SplitMix64 rng, double shape) {
    if (shape < 1) {
      // Boost to shape + 1 and scale by U^(1/shape): the standard trick for shapes below one.
      double u = rng.nextDouble();
      return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) {
        return d * v;
      }
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
