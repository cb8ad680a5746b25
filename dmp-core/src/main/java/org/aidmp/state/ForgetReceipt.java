package org.aidmp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Evidence that a user was forgotten: when, how long it took and what each part removed. It holds
 * no user id, so it may be kept, logged and shown to auditors.
 *
 * @param at when the erasure started
 * @param took how long it took across all parts
 * @param parts what each part removed, in the order the parts were asked
 */
public record ForgetReceipt(Instant at, Duration took, List<PartErasure> parts) {
  /** Checks the values and copies the list. */
  public ForgetReceipt {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(took, "took");
    parts = List.copyOf(parts);
  }

  /** The total number of entries removed across all parts. */
  public long removed() {
    long sum = 0;
    for (PartErasure p : parts) {
      sum += p.removed();
    }
    return sum;
  }

  /**
   * What one part removed.
   *
   * @param part the part's {@link UserStatePart#partName()}
   * @param removed entries removed (0 when the part did not hold the user)
   * @param modelVersion the part's model version after the erasure
   */
  public record PartErasure(String part, long removed, long modelVersion) {
    /** Checks the values. */
    public PartErasure {
      Objects.requireNonNull(part, "part");
      if (removed < 0) {
        throw new IllegalArgumentException("removed (" + removed + ") must be >= 0");
      }
    }
  }
}
