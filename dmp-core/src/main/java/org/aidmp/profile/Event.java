package org.aidmp.profile;

import java.util.Objects;

/**
 * One thing a user did: viewed, clicked, bought. Made from a record by an {@link EventMapping} or
 * directly by a live feed.
 *
 * <pre>{@code
 * Event e = new Event("u42", Instant.parse("2026-01-05T10:00:00Z").toEpochMilli(),
 *     "purchase", "sku-7", "books", 19.90);
 * store.accept(e);
 * }</pre>
 *
 * @param userId who did it; never null or empty
 * @param timestamp when, in milliseconds since the epoch (UTC)
 * @param type what kind of event ("view", "purchase"); never null or empty
 * @param itemId the item involved, or {@code null}
 * @param category the item's category, or {@code null}
 * @param value an amount (price, rating), or {@link Double#NaN} when the event has none; never
 *     infinite
 */
public record Event(
    String userId, long timestamp, String type, String itemId, String category, double value) {

  /** Checks the required fields; kept cheap because it runs once per event. */
  public Event {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(type, "type");
    if (userId.isEmpty()) {
      throw new IllegalArgumentException("userId is empty; every event needs a user");
    }
    if (type.isEmpty()) {
      throw new IllegalArgumentException("type is empty; give the event a type such as \"view\"");
    }
    if (Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "value (" + value + ") is infinite; use NaN for an event without a value");
    }
  }

  /** An event with no item, category or value. */
  public Event(String userId, long timestamp, String type) {
    this(userId, timestamp, type, null, null, Double.NaN);
  }

  /** Whether the event carries a value ({@link #value()} is not NaN). */
  public boolean hasValue() {
    return !Double.isNaN(value);
  }

  /** Shows type and time only: user and item ids may be personal data. */
  @Override
  public String toString() {
    return "Event[" + type + " at " + timestamp + (hasValue() ? ", with value" : "") + "]";
  }
}
