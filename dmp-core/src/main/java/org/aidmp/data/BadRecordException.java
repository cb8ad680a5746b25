package org.aidmp.data;

/**
 * A row that could not be read or accepted, with where it is and why. Messages name the source,
 * line and column but never the row's values, which may be personal data.
 */
public class BadRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;
  private final String reason;

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

  /** The description of the source. */
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
