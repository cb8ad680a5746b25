package org.aidmp.privacy.dp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts released with noise, and what they cost.
 *
 * <pre>{@code
 * NoisyCounts sizes = release.segmentSizes(trueSizes, Epsilon.of(0.5));
 * sizes.counts().forEach((segment, n) -> System.out.println(segment + ": ~" + n));
 * System.out.println("epsilon " + sizes.epsilon());
 * }</pre>
 *
 * @param label what was released
 * @param counts the noisy counts by name, in the input's order, never negative
 * @param epsilon the privacy loss of the release
 */
public record NoisyCounts(String label, Map<String, Long> counts, Epsilon epsilon) {
  /** Checks and copies. */
  public NoisyCounts {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(epsilon, "epsilon");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }
}
