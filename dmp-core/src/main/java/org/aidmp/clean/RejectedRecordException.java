package org.aidmp.clean;

/**
 * Thrown by a {@link Cleaner} for a record it cannot accept, naming the column and the reason. The
 * {@link Cleaning} run adds the source, line and rule and applies its {@link
 * org.aidmp.data.BadRecordPolicy}.
 *
 * <pre>{@code
 * if (age < 0) {
 *   throw new RejectedRecordException("age", "negative age; expected 0 or more");
 * }
 * }</pre>
 *
 * <p>The reason must never hold the record's values, which may be personal data: say what is wrong
 * ("not an integer"), not what was there. Rejections are expected on bad data, so this exception
 * records no stack trace: under {@code SKIP} or {@code QUARANTINE} it is a cheap signal.
 */
public class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String reason;

  /**
   * @param column the offending column's name, or {@code null} when the whole row is bad
   * @param reason why, and the fix where there is one; never the row's values
   */
  public RejectedRecordException(String column, String reason) {
    super(null, null, false, false);
    this.column = column;
    this.reason = reason == null ? "rejected" : reason;
  }

  /** The offending column, or {@code null} when the whole row is bad. */
  public String column() {
    return column;
  }

  /** Why the record was rejected. */
  public String reason() {
    return reason;
  }

  /** The column and reason, built when asked so that a rejection costs nothing more. */
  @Override
  public String getMessage() {
    return column == null ? reason : "column " + column + ": " + reason;
  }
}
