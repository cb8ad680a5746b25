package org.aidmp.privacy.dp;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.ejml.data.FMatrixRMaj;

/**
 * Publishes the aggregates a report shows (segment sizes, persona means, campaign counts) with
 * differentially private noise, paying for each release from one {@link PrivacyBudget}.
 *
 * <pre>{@code
 * DpRelease release = DpRelease.builder().setBudget(PrivacyBudget.of(Epsilon.of(1))).get();
 * Map<String, Long> sizes = release.segmentSizes(Map.of("loyal", 877L, "bargain", 1204L),
 *     Epsilon.of(0.5));
 * Map<String, Long> conversions = release.campaignCounts(perArm, 1, Epsilon.of(0.25));
 * release.budget().ledger();   // what each release cost, by name
 * }</pre>
 *
 * <p>Each method first spends its epsilon from the budget and throws {@link
 * BudgetExhaustedException}, releasing nothing, if the budget cannot pay. What each costs:
 *
 * <ul>
 *   <li>{@link #segmentSizes}: every user is in one segment, so adding or removing a user changes
 *       one size by one; the whole histogram costs ε (parallel composition over disjoint segments).
 *   <li>{@link #campaignCounts}: counts where one user adds at most {@code maxPerUser} in total
 *       over all counts; noise is calibrated to that.
 *   <li>{@link #personaMeans}: half of ε for the segment sizes, half split evenly over the
 *       features' clamped sums (sequential composition over features, parallel over segments).
 * </ul>
 *
 * <p>Counts come back as an unmodifiable map in the input's order; what a release cost is the
 * epsilon it was given, recorded under its name in the budget's {@linkplain PrivacyBudget#ledger()
 * ledger}. Released counts are clamped at 0 and means to their bounds (post-processing, which costs
 * no privacy). Thread-safe when the generator is ({@link SecureRandom}, the default, is).
 */
public final class DpRelease {
  private final PrivacyBudget budget;
  private final RandomGenerator random;
  private final long steps;

  private DpRelease(Builder b) {
    if (b.budget == null) {
      throw new IllegalArgumentException(
          "no budget set; call setBudget(PrivacyBudget.of(Epsilon.of(1)))");
    }
    this.budget = b.budget;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.steps = b.steps;
  }

  /** A new builder; the budget must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The budget releases are paid from. */
  public PrivacyBudget budget() {
    return budget;
  }

  /**
   * Segment sizes (distinct users per segment, each user in one segment) with noise, recorded in
   * the ledger as {@code "segment sizes"}.
   */
  public Map<String, Long> segmentSizes(Map<String, Long> sizes, Epsilon epsilon) {
    return counts("segment sizes", sizes, 1, epsilon);
  }

  /**
   * Campaign counts (sends, conversions per arm) with noise, recorded in the ledger as {@code
   * "campaign counts"}.
   *
   * @param maxPerUser the most one user adds over all the counts together
   */
  public Map<String, Long> campaignCounts(
      Map<String, Long> counts, long maxPerUser, Epsilon epsilon) {
    return counts("campaign counts", counts, maxPerUser, epsilon);
  }

  /**
   * Any counts with noise.
   *
   * @param label names the release in the budget's ledger
   * @param sensitivity the most one user changes the counts, summed over all of them
   * @return the noisy counts by name, in the input's order, never negative; unmodifiable
   */
  public Map<String, Long> counts(
      String label, Map<String, Long> counts, long sensitivity, Epsilon epsilon) {
    Objects.requireNonNull(counts, "counts");
    GeometricMechanism m =
        GeometricMechanism.builder()
            .setEpsilon(epsilon)
            .setSensitivity(sensitivity)
            .setRandom(random)
            .get();
    for (Long v : counts.values()) {
      if (v == null || v < 0) {
        throw new IllegalArgumentException(
            "a count is missing or negative; give a count of at least 0 for every name");
      }
    }
    budget.spend(epsilon, label);
    Map<String, Long> out = new LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k, Math.max(0, m.release(v))));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The mean of each feature in each segment, with noise.
   *
   * @param rows one row per user (n × d), not modified
   * @param labels each row's segment, in {@code [0, segments.size())}
   * @param segments the segment names, index = label
   * @param lower each feature's lower bound; values below count as the bound
   * @param upper each feature's upper bound; values above count as the bound
   */
  public NoisyMeans personaMeans(
      FMatrixRMaj rows,
      int[] labels,
      List<String> segments,
      double[] lower,
      double[] upper,
      Epsilon epsilon) {
    int n = rows.numRows;
    int d = rows.numCols;
    int k = segments.size();
    if (labels.length != n || lower.length != d || upper.length != d) {
      throw new IllegalArgumentException(
          "rows are "
              + n
              + " × "
              + d
              + " but there are "
              + labels.length
              + " labels and "
              + lower.length
              + "/"
              + upper.length
              + " bounds; give one label per row and one bound pair per column");
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(lower[j]) || !Double.isFinite(upper[j]) || !(upper[j] > lower[j])) {
        throw new IllegalArgumentException(
            "bounds of column " + j + " must be finite with lower < upper");
      }
    }
    Epsilon half = epsilon.divide(2);
    GeometricMechanism countNoise =
        GeometricMechanism.builder().setEpsilon(half).setRandom(random).get();
    GeometricMechanism sumNoise =
        d == 0
            ? null
            : GeometricMechanism.builder()
                .setEpsilon(half.divide(d))
                .setSensitivity(steps)
                .setRandom(random)
                .get();
    long[] count = new long[k];
    long[][] sum = new long[k][d];
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      if (c < 0 || c >= k) {
        throw new IllegalArgumentException(
            "label " + c + " at row " + i + " is outside [0, " + k + "); name every segment");
      }
      count[c]++;
      for (int j = 0; j < d; j++) {
        sum[c][j] += ClampedMean.toGrid(rows.data[i * d + j], lower[j], upper[j], steps);
      }
    }
    budget.spend(epsilon, "persona means");
    double[][] means = new double[k][d];
    long[] noisyCount = new long[k];
    for (int c = 0; c < k; c++) {
      noisyCount[c] = Math.max(0, countNoise.release(count[c]));
      for (int j = 0; j < d; j++) {
        means[c][j] =
            ClampedMean.fromGrid(
                sumNoise.release(sum[c][j]), noisyCount[c], lower[j], upper[j], steps);
      }
    }
    return new NoisyMeans(segments, means, noisyCount, epsilon);
  }

  @Override
  public String toString() {
    return "DpRelease[" + budget + "]";
  }

  /** Builds a {@link DpRelease}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private PrivacyBudget budget;
    private RandomGenerator random;
    private long steps = 4096;

    private Builder() {}

    /** The budget every release is paid from. */
    public Builder setBudget(PrivacyBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** The random source (default a new {@link SecureRandom}); seed one only in tests. */
    public Builder setRandom(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The grid of persona means (default 4,096 steps): each value is clamped to its bounds and
     * rounded to {@code (upper − lower) / steps} before the noisy sum. The noise in value units
     * does not depend on it.
     */
    public Builder setSteps(long steps) {
      if (steps < 1 || steps > 1 << 20) {
        throw new IllegalArgumentException(
            "steps (" + steps + ") must be between 1 and 1048576; 4096 suits most uses");
      }
      this.steps = steps;
      return this;
    }

    /** The release helper. */
    public DpRelease get() {
      return new DpRelease(this);
    }
  }
}
