package org.aidmp.privacy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer of one user for one purpose, with the time it was given when known.
 *
 * <pre>{@code
 * Consent c = registry.consent("u42", Purpose.ADVERTISING);
 * if (c.status() == ConsentStatus.REFUSED) {
 *   c.recordedAt().ifPresent(t -> audit.log("refused since " + t));
 * }
 * }</pre>
 *
 * @param status the answer
 * @param at when it was given or recorded; {@code null} when the source does not say (a consent
 *     column in a file)
 */
public record Consent(ConsentStatus status, Instant at) {
  /** No answer, no time. */
  public static final Consent UNKNOWN = new Consent(ConsentStatus.UNKNOWN, null);

  /** Checks the status. */
  public Consent {
    Objects.requireNonNull(status, "status");
  }

  /** Consent given at {@code at}. */
  public static Consent granted(Instant at) {
    return new Consent(ConsentStatus.GRANTED, at);
  }

  /** Consent refused or withdrawn at {@code at}. */
  public static Consent refused(Instant at) {
    return new Consent(ConsentStatus.REFUSED, at);
  }

  /** When the answer was given, if known. */
  public Optional<Instant> recordedAt() {
    return Optional.ofNullable(at);
  }
}
