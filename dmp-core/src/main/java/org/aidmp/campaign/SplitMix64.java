package org.aidmp.campaign;

/**
 * A tiny seeded generator (SplitMix64) whose whole state is one {@code long}, so a snapshot can
 * save it and a restart continues the exact same sequence; {@link java.util.SplittableRandom} hides
 * its state. Not thread-safe: each segment owns one and uses it under its lock.
 *
 * <pre>{@code
 * SplitMix64 rng = new SplitMix64(42);
 * double u = rng.nextDouble();
 * }</pre>
 */
final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /** The current state; {@code new SplitMix64(state())} continues the same sequence. */
  long state() {
    return state;
  }

  long nextLong() {
    return mix(state += GOLDEN_GAMMA);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A standard normal draw by the polar method (the second value is dropped to keep no state). */
  double nextGaussian() {
    while (true) {
      double u = 2 * nextDouble() - 1;
      double v = 2 * nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }

  /** The SplitMix64 finaliser; also used to hash ids into stable pseudo-random values. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
