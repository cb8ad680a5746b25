package org.aidmp.data;

/**
 * A row that could not be read or accepted, with where it is and why. Messages name the source,
 * line and column but never the row's values, which may be personal data.
 *
 * <p>A stage that does not know where its rows came from (a {@code Cleaner}) rejects a row with
 * {@link #BadRecordException(String, String)}, naming only the column and the reason; the stage
 * running it (a {@code Cleaning}) adds the source, line and rule and applies its {@link
 * BadRecordPolicy}:
 *
 * <pre>{@code
 * if (age < 0) {
 *   throw new BadRecordException("age", "negative age; expected 0 or more");
 * }
 * }</pre>
 *
 * <p>The reason must never hold the row's values: say what is wrong ("not an integer"), not what
 * was there.
 */
public class BadRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;
  private final String reason;

  /**
   * A rejection by a stage that does not know where the row came from. Rejections are expected on
   * bad data, so this exception records no stack trace and builds its message only when asked:
   * under {@code SKIP} or {@code QUARANTINE} it is a cheap signal. {@link #source()} is then {@code
   * null} and {@link #line()} 0.
   *
   * @param column the offending column's name, or {@code null} when the whole row is bad
   * @param reason why, and the fix where there is one; never the row's values
   */
  public BadRecordException(String column, String reason) {
    super(null, null, false, false);
    this.source = null;
    this.line = 0;
    this.column = column;
    this.reason = reason == null ? "rejected" : reason;
  }

  /**
   * @param source description of the source
   * @param line 1-based line, or 0 if unknown
   * @param column the column name or 1-based position, or {@code null} if the whole row is bad
   * @param reason why the row was rejected, with the fix where there is one
   */
  public BadRecordException(String source, long line, String column, String reason) {
    this(source, line, column, reason, null);
  }

  /** Like {@link #BadRecordException(String, long, String, String)}, with a cause. */
  public BadRecordException(
      String source, long line, String column, String reason, Throwable cause) {
    super(format(source, line, column, reason), cause);
    this.source = source;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  private static String format(String source, long line, String column, String reason) {
    StringBuilder sb = new StringBuilder(String.valueOf(source));
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    return sb.append(": ").append(reason).toString();
  }

  /**
   * The source, line and column (those known) and the reason; for a rejection without a source,
   * built when asked.
   */
  @Override
  public String getMessage() {
    String m = super.getMessage();
    if (m != null || source != null) {
      return m;
    }
    return column == null ? reason : "column " + column + ": " + reason;
  }

  /** The description of the source, or {@code null} for a rejection that does not know it. */
  public String source() {
    return source;
  }

  /** The 1-based line, or 0 if unknown. */
  public long line() {
    return line;
  }

  /** The column, or {@code null} when the whole row is bad. */
  public String column() {
    return column;
  }

  /** Why the row was rejected. */
  public String reason() {
    return reason;
  }
}
