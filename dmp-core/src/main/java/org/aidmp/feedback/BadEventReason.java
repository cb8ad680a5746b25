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
  /**
   * The value was infinite. No longer produced: {@link org.aidmp.profile.Event} refuses an infinite
   * value when it is made; kept so that counters in older snapshots keep their meaning.
   */
  NON_FINITE_VALUE("value is infinite; use NaN for an event without a value"),
  /**
   * The feature encoder produced NaN or infinity for the user's row; the event left no trace: the
   * user's counters, row and segment are as they were, and a user it would have created was not.
   */
  NON_FINITE_FEATURE("the feature row came out NaN or infinite; check the encoder's scaling"),
  /**
   * The feature encoder threw (for example an unseen category under a strict one-hot policy); the
   * event left no trace, as for {@link #NON_FINITE_FEATURE}.
   */
  ENCODING_FAILED("the feature encoder rejected the event; see the log for its message"),
  /** The user id was longer than the profile store's {@code maxUserIdLength}. */
  USER_ID_TOO_LONG("user id is longer than the profile store's maxUserIdLength; raise it"),
  /** The event would add a user beyond the profile store's {@code maxUsers}. */
  TOO_MANY_USERS("the profile store holds maxUsers users; raise it or forget users"),
  /** The event's category or item would go beyond the profile store's name caps. */
  TOO_MANY_NAMES("the profile store holds maxCategories categories or maxItems items; raise it");

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
      case MISSING_USER_ID, USER_ID_TOO_LONG, TOO_MANY_USERS -> "userId";
      case TOO_MANY_NAMES -> "category";
      case UNKNOWN_TYPE -> "type";
      case BEFORE_EPOCH, FUTURE_TIMESTAMP -> "timestamp";
      case NON_FINITE_VALUE -> "value";
    };
  }
}
