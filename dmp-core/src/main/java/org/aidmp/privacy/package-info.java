/**
 * Privacy machinery the other stages call: consent per user and {@link org.aidmp.privacy.Purpose}
 * ({@link org.aidmp.privacy.ConsentPolicy} reads it from attributes, {@link
 * org.aidmp.privacy.ConsentRegistry} takes it from the host and tells listeners of withdrawals),
 * keyed pseudonyms of user ids ({@link org.aidmp.privacy.Pseudonymizer}) and how long data is kept
 * ({@link org.aidmp.privacy.RetentionPolicy}, applied by {@code ProfileStore.expire}, {@code
 * FeedbackUpdater.expire} or {@code PipelineResult.expire} on the host's schedule). Noise for
 * published aggregates is in {@link org.aidmp.privacy.dp}.
 *
 * <pre>{@code
 * ConsentRegistry consent = new ConsentRegistry(ConsentPolicy.DEFAULT);   // deny by default
 * Pseudonymizer ids = Pseudonymizer.of(PseudonymKey.of("k1", secretFromVault));
 * String stored = ids.pseudonym(rawUserId);
 * }</pre>
 *
 * <p>Nothing here logs, and no exception message names a user id, a pseudonym, an attribute value
 * or a key's secret.
 */
package org.aidmp.privacy;
