/**
 * Differential privacy for published aggregates: {@link org.aidmp.privacy.dp.DpRelease} releases a
 * report's numbers (segment sizes, campaign counts, any counts, persona means) with noise from
 * exact integer samplers (the geometric mechanism for counts, clamped sums for means), paying for
 * each release from a {@link org.aidmp.privacy.dp.PrivacyBudget} that refuses once ε is spent. The
 * mechanisms themselves are not public, so that no release can bypass the budget.
 *
 * <pre>{@code
 * DpRelease release = DpRelease.builder().setBudget(PrivacyBudget.of(Epsilon.of(1))).get();
 * Map<String, Long> sizes = release.segmentSizes(trueSizes, Epsilon.of(0.5));
 * }</pre>
 *
 * <p>Randomness is {@link java.security.SecureRandom} unless a test injects a seeded {@link
 * java.util.random.RandomGenerator}.
 */
package org.aidmp.privacy.dp;
