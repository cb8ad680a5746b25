package org.aidmp.privacy.dp;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An ε-differentially private mean of one value per user: each value is clamped to {@code [lower,
 * upper]} and put on a grid of {@code steps} steps, then the sum and the count each get geometric
 * noise with half of ε, and the mean is their ratio.
 *
 * <pre>{@code
 * ClampedMean m = ClampedMean.builder()
 *     .setBounds(0, 500)                   // order values in euros; larger ones count as 500
 *     .setEpsilon(Epsilon.of(1))
 *     .get();
 * ClampedMean.Result r = m.release(orderValues);
 * double mean = r.mean();
 * }</pre>
 *
 * <p>Clamping bounds what one user can add to the sum ({@code steps} grid units above {@code
 * lower}), which is the sensitivity the sum's noise is calibrated to; the count's sensitivity is 1.
 * Grid rounding is applied to the data before any noise, and the noise itself is drawn in integers
 * ({@link DiscreteLaplace}), so no floating-point artefact of the noise can reveal a value. NaN
 * values are left out. The published mean is clamped to the bounds. Immutable; thread-safe if the
 * generator is.
 */
final class ClampedMean {
  private final double lower;
  private final double upper;
  private final long steps;
  private final Epsilon epsilon;
  private final GeometricMechanism countNoise;
  private final GeometricMechanism sumNoise;

  private ClampedMean(Builder b) {
    if (b.epsilon == null) {
      throw new IllegalArgumentException("no epsilon set; call setEpsilon(Epsilon.of(1))");
    }
    if (!(b.upper > b.lower)) {
      throw new IllegalArgumentException(
          "bounds [" + b.lower + ", " + b.upper + "] are empty; call setBounds(lower, upper)");
    }
    this.lower = b.lower;
    this.upper = b.upper;
    this.steps = b.steps;
    this.epsilon = b.epsilon;
    RandomGenerator random = b.random != null ? b.random : new SecureRandom();
    Epsilon half = b.epsilon.divide(2);
    this.countNoise = GeometricMechanism.builder().setEpsilon(half).setRandom(random).get();
    this.sumNoise =
        GeometricMechanism.builder().setEpsilon(half).setSensitivity(steps).setRandom(random).get();
  }

  /** A new builder; bounds and epsilon must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The privacy loss of one release. */
  public Epsilon epsilon() {
    return epsilon;
  }

  /** The value on the grid: 0 for {@code lower}, {@code steps} for {@code upper}. */
  long toGrid(double v) {
    return toGrid(v, lower, upper, steps);
  }

  static long toGrid(double v, double lower, double upper, long steps) {
    double c = Math.min(upper, Math.max(lower, v));
    return Math.round((c - lower) / (upper - lower) * steps);
  }

  static double fromGrid(long noisySum, long noisyCount, double lower, double upper, long steps) {
    double share = (double) noisySum / Math.max(1, noisyCount) / steps;
    return lower + (upper - lower) * Math.min(1, Math.max(0, share));
  }

  /** The noisy mean of the non-NaN values, one per user. */
  public Result release(double[] values) {
    long sum = 0;
    long count = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += toGrid(v);
        count++;
      }
    }
    long noisyCount = Math.max(0, countNoise.release(count));
    long noisySum = sumNoise.release(sum);
    return new Result(fromGrid(noisySum, noisyCount, lower, upper, steps), noisyCount, epsilon);
  }

  @Override
  public String toString() {
    return "ClampedMean["
        + lower
        + ".."
        + upper
        + ", steps="
        + steps
        + ", epsilon="
        + epsilon
        + "]";
  }

  /**
   * A released mean.
   *
   * @param mean the noisy mean, within the bounds
   * @param noisyCount the noisy number of values, at least 0
   * @param epsilon the privacy loss of the release
   */
  public record Result(double mean, long noisyCount, Epsilon epsilon) {}

  /** Builds a {@link ClampedMean}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private double lower = Double.NaN;
    private double upper = Double.NaN;
    private long steps = 4096;
    private Epsilon epsilon;
    private RandomGenerator random;

    private Builder() {}

    /** The range each value is clamped to; both finite, {@code lower < upper}. */
    public Builder setBounds(double lower, double upper) {
      if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(upper > lower)) {
        throw new IllegalArgumentException(
            "bounds ["
                + lower
                + ", "
                + upper
                + "] must be finite with lower < upper; give the range of plausible values");
      }
      this.lower = lower;
      this.upper = upper;
      return this;
    }

    /**
     * The grid resolution (default 4,096): values are rounded to {@code (upper − lower)/steps}. The
     * noise in value units does not depend on it.
     */
    public Builder setSteps(long steps) {
      if (steps < 1 || steps > 1 << 20) {
        throw new IllegalArgumentException(
            "steps (" + steps + ") must be between 1 and 1048576; 4096 suits most uses");
      }
      this.steps = steps;
      return this;
    }

    /** The privacy loss of one release, split evenly between sum and count. */
    public Builder setEpsilon(Epsilon epsilon) {
      this.epsilon = Objects.requireNonNull(epsilon, "epsilon");
      return this;
    }

    /** The random source (default a new {@link SecureRandom}); seed one only in tests. */
    public Builder setRandom(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The mechanism. */
    public ClampedMean get() {
      return new ClampedMean(this);
    }
  }
}
