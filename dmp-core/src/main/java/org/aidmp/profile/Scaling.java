package org.aidmp.profile;

/**
 * How a {@link FeatureTransform} scales each numeric feature, with statistics fitted once on the
 * training profiles and then applied unchanged to every later profile. One-hot indicator columns
 * are never scaled: they stay 0 or 1 under every scaling.
 *
 * <pre>{@code
 * FeatureSpec spec = FeatureSpec.builder().setScaling(Scaling.MIN_MAX).get();
 * }</pre>
 *
 * <p>A feature that was constant in training (standard deviation 0, or max equal to min) maps to 0
 * for every profile, including later ones with other values.
 */
public enum Scaling {
  /** {@code (x - mean) / std}, with the population standard deviation. */
  STANDARD,
  /** {@code (x - min) / (max - min)}: 0 to 1 on the training data, outside it for new values. */
  MIN_MAX,
  /** The raw value (after the count transform). */
  NONE
}
