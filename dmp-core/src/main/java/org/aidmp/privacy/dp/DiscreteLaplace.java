package org.aidmp.privacy.dp;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exact samplers, in integer arithmetic only, for Bernoulli(exp(−n/d)) and for the discrete Laplace
 * (two-sided geometric) distribution {@code P(Y = y) ∝ exp(−|y|·s/t)}.
 *
 * <pre>{@code
 * RandomGenerator rng = new SecureRandom();
 * long noise = DiscreteLaplace.sample(1, 2, rng);   // scale 2: ε = 1/2 for a count
 * }</pre>
 *
 * <p><b>Why this way.</b> Adding continuous Laplace noise computed in floating point leaks: the set
 * of doubles it can produce depends on the true value, and Mironov (CCS 2012) recovers the true
 * value from single outputs. Adding integer noise to an integer count avoids that, provided the
 * integer noise itself is drawn without floating point. These are the algorithms of Canonne, Kamath
 * and Steinke ("The Discrete Gaussian for Differential Privacy", NeurIPS 2020, Algorithms 1 and 2):
 * Bernoulli(exp(−γ)) for rational γ from uniform integers only, then a geometric variable built
 * from such trials, a random sign, and the rejection of the negative zero. Every step is a uniform
 * integer from {@link RandomGenerator#nextLong(long)} or a fair bit, so the output distribution is
 * exactly the one stated, not an approximation of it. Their expected running time is constant; the
 * running time does depend on the output, which a caller that publishes timings should keep in
 * mind.
 *
 * <p>Stateless; thread-safe if the generator is.
 */
final class DiscreteLaplace {
  /**
   * The largest {@code t} (and {@code s}) accepted: 2⁴⁰, so that {@code u + t·v} cannot overflow
   * for any geometric {@code v} with a probability above exp(−2²³).
   */
  public static final long MAX_PART = 1L << 40;

  private DiscreteLaplace() {}

  /**
   * One draw of Bernoulli(exp(−n/d)).
   *
   * @param n the numerator of γ, at least 0
   * @param d the denominator of γ, at least 1
   */
  public static boolean bernoulliExp(long n, long d, RandomGenerator rng) {
    if (n < 0 || d <= 0) {
      throw new IllegalArgumentException("gamma " + n + "/" + d + " must be at least 0");
    }
    Objects.requireNonNull(rng, "rng");
    // exp(-γ) = exp(-1)^⌊γ⌋ · exp(-(γ - ⌊γ⌋)): one trial per whole unit, stop at the first miss.
    while (n > d) {
      if (!bernoulliExpAtMostOne(1, 1, rng)) {
        return false;
      }
      n -= d;
    }
    return bernoulliExpAtMostOne(n, d, rng);
  }

  /** Bernoulli(exp(−n/d)) for 0 ≤ n ≤ d: the parity of the first failed Bernoulli(γ/k) trial. */
  private static boolean bernoulliExpAtMostOne(long n, long d, RandomGenerator rng) {
    long k = 1;
    // Bernoulli(n/(d·k)) as Bernoulli(n/d) and Bernoulli(1/k), independent: no product to overflow.
    while (rng.nextLong(d) < n && rng.nextLong(k) == 0) {
      k++;
    }
    return (k & 1) == 1;
  }

  /**
   * One draw of the discrete Laplace distribution with scale {@code t/s}: {@code P(Y = y) = (1 −
   * α)/(1 + α) · α^|y|} with {@code α = exp(−s/t)}.
   *
   * @param s numerator of 1/scale, at least 1
   * @param t denominator of 1/scale, at least 1
   */
  public static long sample(long s, long t, RandomGenerator rng) {
    if (s <= 0 || t <= 0 || s > MAX_PART || t > MAX_PART) {
      throw new IllegalArgumentException(
          "scale "
              + t
              + "/"
              + s
              + " must be positive with numerator and denominator at most 2^40; round epsilon"
              + " or lower the sensitivity");
    }
    Objects.requireNonNull(rng, "rng");
    while (true) {
      // X = U + t·V is geometric with parameter exp(-1/t): U uniform below t kept with
      // probability exp(-U/t), V geometric with parameter exp(-1).
      long u = rng.nextLong(t);
      if (!bernoulliExp(u, t, rng)) {
        continue;
      }
      long v = 0;
      while (bernoulliExp(1, 1, rng)) {
        v++;
      }
      long x = Math.addExact(u, Math.multiplyExact(t, v));
      long y = x / s;
      boolean negative = rng.nextBoolean();
      if (negative && y == 0) {
        continue; // -0 and +0 would otherwise double the mass at 0
      }
      return negative ? -y : y;
    }
  }
}
