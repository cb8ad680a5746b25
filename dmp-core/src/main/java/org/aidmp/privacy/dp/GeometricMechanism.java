package org.aidmp.privacy.dp;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The geometric mechanism for integer queries: adds two-sided geometric (discrete Laplace) noise
 * with {@code α = exp(−ε/Δ)}, which makes a query of L1 sensitivity Δ ε-differentially private.
 *
 * <pre>{@code
 * GeometricMechanism m = GeometricMechanism.builder().setEpsilon(Epsilon.of(0.5)).get();
 * long published = m.release(segmentSize);   // segmentSize + noise, noise ~ DLap(2)
 * }</pre>
 *
 * <p>Noise comes from {@link DiscreteLaplace} over a {@link SecureRandom} unless another generator
 * is set (tests use a seeded one). The mechanism does not track a budget: {@link DpRelease} does.
 * Immutable; thread-safe if the generator is ({@link SecureRandom} is).
 */
final class GeometricMechanism {
  private final Epsilon epsilon;
  private final long sensitivity;
  private final RandomGenerator random;
  private final long s;
  private final long t;

  private GeometricMechanism(Builder b) {
    if (b.epsilon == null) {
      throw new IllegalArgumentException("no epsilon set; call setEpsilon(Epsilon.of(0.5))");
    }
    this.epsilon = b.epsilon;
    this.sensitivity = b.sensitivity;
    this.random = b.random != null ? b.random : new SecureRandom();
    // scale Δ/ε = Δ·den/num, and DiscreteLaplace.sample(s, t) has scale t/s.
    this.s = epsilon.numerator();
    this.t = Math.multiplyExact(sensitivity, epsilon.denominator());
    if (t > DiscreteLaplace.MAX_PART) {
      throw new IllegalArgumentException(
          "sensitivity "
              + sensitivity
              + " times the denominator of epsilon "
              + epsilon
              + " exceeds 2^40; round epsilon to fewer digits or bound contributions more tightly");
    }
  }

  /** A new builder; epsilon must be set, sensitivity defaults to 1. */
  public static Builder builder() {
    return new Builder();
  }

  /** The privacy loss of one release. */
  public Epsilon epsilon() {
    return epsilon;
  }

  /** The L1 sensitivity Δ of the query the noise is calibrated to. */
  public long sensitivity() {
    return sensitivity;
  }

  /** {@code α = exp(−ε/Δ)}, the ratio of neighbouring noise probabilities (for display). */
  public double alpha() {
    return Math.exp(-epsilon.toDouble() / sensitivity);
  }

  /** One noise draw. */
  public long noise() {
    return DiscreteLaplace.sample(s, t, random);
  }

  /** {@code value} plus one noise draw. */
  public long release(long value) {
    return Math.addExact(value, noise());
  }

  @Override
  public String toString() {
    return "GeometricMechanism[epsilon=" + epsilon + ", sensitivity=" + sensitivity + "]";
  }

  /** Builds a {@link GeometricMechanism}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private Epsilon epsilon;
    private long sensitivity = 1;
    private RandomGenerator random;

    private Builder() {}

    /** The privacy loss of one release. */
    public Builder setEpsilon(Epsilon epsilon) {
      this.epsilon = Objects.requireNonNull(epsilon, "epsilon");
      if (epsilon.isZero()) {
        throw new IllegalArgumentException("epsilon is zero; give a positive epsilon");
      }
      return this;
    }

    /** How much one user can change the value (default 1, a count where each user counts once). */
    public Builder setSensitivity(long sensitivity) {
      if (sensitivity < 1 || sensitivity > Epsilon.MAX_PART) {
        throw new IllegalArgumentException(
            "sensitivity ("
                + sensitivity
                + ") must be between 1 and "
                + Epsilon.MAX_PART
                + "; bound each user's contribution");
      }
      this.sensitivity = sensitivity;
      return this;
    }

    /** The random source (default a new {@link SecureRandom}); seed one only in tests. */
    public Builder setRandom(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The mechanism. */
    public GeometricMechanism get() {
      return new GeometricMechanism(this);
    }
  }
}
