/**
 * Differential privacy for published aggregates: exact integer samplers ({@link
 * org.aidmp.privacy.dp.DiscreteLaplace}), the geometric mechanism for counts ({@link
 * org.aidmp.privacy.dp.GeometricMechanism}), a clamped-sum mechanism for means ({@link
 * org.aidmp.privacy.dp.ClampedMean}), an accountant that refuses once ε is spent ({@link
 * org.aidmp.privacy.dp.PrivacyBudget}) and a helper that releases a report's numbers through them
 * ({@link org.aidmp.privacy.dp.DpRelease}).
 *
 * <pre>{@code
 * DpRelease release = DpRelease.builder().setBudget(PrivacyBudget.of(Epsilon.of(1))).get();
 * NoisyCounts sizes = release.segmentSizes(trueSizes, Epsilon.of(0.5));
 * }</pre>
 *
 * <p>Randomness is {@link java.security.SecureRandom} unless a test injects a seeded {@link
 * java.util.random.RandomGenerator}.
 */
package org.aidmp.privacy.dp;
