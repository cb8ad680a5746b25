package org.aidmp.feedback;

/**
 * One live event as the host application hands it over. The constructor checks nothing on purpose:
 * a live feed can send anything, and the {@link FeedbackUpdater} counts and quarantines bad events
 * instead of throwing into the host's request path.
 *
 * <pre>{@code
 * updater.accept(new FeedbackEvent("u42", System.currentTimeMillis(), "click", "sku-7", "books",
 *     Double.NaN));
 * }</pre>
 *
 * @param userId who did it; a null or blank id makes the event bad
 * @param timestamp when, in milliseconds since the epoch
 * @param type the event type; one of {@link FeedbackConfig#eventTypes()} or the event is bad
 * @param itemId the item involved, or {@code null}
 * @param category the item's category, or {@code null}
 * @param value an amount, or {@link Double#NaN} for none (as in batch profiles); infinite is bad
 */
public record FeedbackEvent(
    String userId, long timestamp, String type, String itemId, String category, double value) {

  /** An event with no item, category or value. */
  public FeedbackEvent(String userId, long timestamp, String type) {
    this(userId, timestamp, type, null, null, Double.NaN);
  }

  /** Shows type and time only: user and item ids may be personal data. */
  @Override
  public String toString() {
    return "FeedbackEvent[" + type + " at " + timestamp + "]";
  }
}
