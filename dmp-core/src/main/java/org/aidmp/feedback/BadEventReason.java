package org.aidmp.feedback;

/** Why a live event was rejected; each reason has its own counter in {@link FeedbackStats}. */
public enum BadEventReason {
  /** The event was null. */
  NULL_EVENT("event is null"),
  /** The user id was null or blank. */
  MISSING_USER_ID("user id is missing; every event needs a user"),
  /** The type was null, blank or not one of the configured event types. */
  UNKNOWN_TYPE("event type is not one of the configured types; add it to setEventTypes"),
  /** The timestamp was before 1970-01-01T00:00Z. */
  BEFORE_EPOCH("timestamp is before the epoch; send milliseconds since 1970-01-01T00:00Z"),
  /** The timestamp was further ahead of the clock than the configured skew. */
  FUTURE_TIMESTAMP("timestamp is further in the future than maxFutureSkew allows"),
  /** The value was infinite. */
  NON_FINITE_VALUE("value is infinite; use NaN for an event without a value"),
  /**
   * The feature encoder produced NaN or infinity for the user's row; the row and segment were left
   * as they were, though the user's counters already include the event.
   */
  NON_FINITE_FEATURE("the feature row came out NaN or infinite; check the encoder's scaling"),
  /**
   * The feature encoder threw (for example an unseen category under a strict one-hot policy); the
   * row and segment were left as they were, though the user's counters include the event.
   */
  ENCODING_FAILED("the feature encoder rejected the event; see the log for its message");

  private final String message;

  BadEventReason(String message) {
    this.message = message;
  }

  /** A message with the fix, free of event values. */
  public String message() {
    return message;
  }

  /** The column the reason is about, for quarantine and exceptions; null for the whole event. */
  String column() {
    return switch (this) {
      case NULL_EVENT, NON_FINITE_FEATURE, ENCODING_FAILED -> null;
      case MISSING_USER_ID -> "userId";
      case UNKNOWN_TYPE -> "type";
      case BEFORE_EPOCH, FUTURE_TIMESTAMP -> "timestamp";
      case NON_FINITE_VALUE -> "value";
    };
  }
}
