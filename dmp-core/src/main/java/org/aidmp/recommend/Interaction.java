package org.aidmp.recommend;

import java.util.Objects;

/**
 * One user–item event: who, what, which kind of event, when, and an optional value (a rating, an
 * amount). The input of {@link Interactions} and of the evaluation splits.
 *
 * <pre>{@code
 * Interaction i = new Interaction("u1", "sku-9", "purchase", 1_700_000_000_000L, 19.99);
 * }</pre>
 *
 * @param userId the user
 * @param itemId the item
 * @param eventType the kind of event, such as view, click, cart or purchase
 * @param timestampMillis when, in milliseconds since the epoch
 * @param value a rating or amount; NaN when the event has none
 */
public record Interaction(
    String userId, String itemId, String eventType, long timestampMillis, double value) {
  /** Checks that the ids and type are present. */
  public Interaction {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(eventType, "eventType");
  }

  /** Shows the event type and time only: ids may be personal data. */
  @Override
  public String toString() {
    return "Interaction[" + eventType + " at " + timestampMillis + "]";
  }
}
