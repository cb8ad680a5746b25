package org.aidmp.privacy;

import java.time.Instant;

/**
 * Told when a user refuses or withdraws consent for a purpose, so that state kept for that purpose
 * (live profile, cached recommendations) can be dropped at once.
 *
 * <pre>{@code
 * registry.addRevocationListener((userId, purpose, at) -> {
 *   if (purpose.equals(Purpose.PERSONALISATION)) {
 *     liveState.forget(userId);
 *   }
 * });
 * }</pre>
 *
 * <p>Called on the thread that recorded the refusal, after the registry has stored it, once per
 * refusal recorded (also when the user had already refused: dropping twice is harmless, missing a
 * drop is not). Keep it short; hand long work to another thread.
 */
@FunctionalInterface
public interface RevocationListener {
  /**
   * The user refused {@code purpose}.
   *
   * @param userId the user's id as the registry holds it
   * @param purpose the purpose refused
   * @param at when the refusal was given, or {@code null} if not known
   */
  void revoked(String userId, Purpose purpose, Instant at);
}
