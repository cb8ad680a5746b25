package org.aidmp.privacy.dp;

import java.util.List;
import java.util.Objects;

/**
 * Per-segment means of features released with noise (persona tables), and what they cost.
 *
 * <pre>{@code
 * NoisyMeans personas = release.personaMeans(rows, labels, names, lower, upper, Epsilon.of(1));
 * double spend = personas.mean(0, 2);   // segment 0, feature 2
 * }</pre>
 *
 * <p>Immutable.
 */
public final class NoisyMeans {
  private final List<String> segments;
  private final double[][] means;
  private final long[] counts;
  private final Epsilon epsilon;

  NoisyMeans(List<String> segments, double[][] means, long[] counts, Epsilon epsilon) {
    this.segments = List.copyOf(segments);
    this.means = means;
    this.counts = counts;
    this.epsilon = Objects.requireNonNull(epsilon, "epsilon");
  }

  /** The segment names, index = label. */
  public List<String> segments() {
    return segments;
  }

  /** The number of features. */
  public int features() {
    return means.length == 0 ? 0 : means[0].length;
  }

  /** The noisy mean of {@code feature} in {@code segment}, within that feature's bounds. */
  public double mean(int segment, int feature) {
    return means[segment][feature];
  }

  /** The noisy means of one segment; a copy. */
  public double[] means(int segment) {
    return means[segment].clone();
  }

  /** The noisy size of {@code segment}, at least 0. */
  public long count(int segment) {
    return counts[segment];
  }

  /** The privacy loss of the release. */
  public Epsilon epsilon() {
    return epsilon;
  }

  @Override
  public String toString() {
    return "NoisyMeans["
        + segments.size()
        + " segments, "
        + features()
        + " features, epsilon "
        + epsilon
        + "]";
  }
}
