package org.aidmp.kafka;

/**
 * Why a record's value could not be turned into an event. Each reason travels to the dead-letter
 * topic in the {@code dmp.reason} header, with a message free of the value's content.
 */
public enum BadValueReason {
  /** The record had no value or an empty one. */
  EMPTY_VALUE("the record has no value; send one event per record"),
  /** The value is not UTF-8 text. */
  NOT_UTF8("the value is not UTF-8 text"),
  /** The value is not one flat JSON object. */
  MALFORMED_JSON("the value is not one flat JSON object of strings, numbers and nulls"),
  /** The value is not one CSV line of the configured columns. */
  MALFORMED_CSV("the value is not one well-formed CSV line (check quotes)"),
  /** The CSV line has another number of fields than the configured columns. */
  WRONG_FIELD_COUNT("the CSV line's field count differs from the configured columns"),
  /** A required field (user, timestamp or type) is absent or null. */
  MISSING_FIELD("a required field (user, timestamp or type) is missing or null"),
  /** The timestamp is neither epoch milliseconds nor an ISO-8601 instant. */
  BAD_TIMESTAMP("the timestamp is neither epoch milliseconds nor an ISO-8601 instant"),
  /** The value field is not a number. */
  BAD_NUMBER("the value field is not a number"),
  /**
   * The record's key is not the event's user id (or is null): every user's records must share one
   * partition, so producers key records by user id.
   */
  KEY_MISMATCH("the record key is not the event's user id; key records by user id"),
  /** The feedback updater rejected the parsed event; the header names its own reason. */
  REJECTED_BY_UPDATER("the feedback updater rejected the event");

  private final String message;

  BadValueReason(String message) {
    this.message = message;
  }

  /** A message with the fix, free of the value's content. */
  public String message() {
    return message;
  }
}
