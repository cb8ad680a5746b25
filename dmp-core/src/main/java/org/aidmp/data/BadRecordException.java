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
 *
 * <p>A source that cannot read its input at a known place (the CSV and JSON Lines sources of
 * dmp-io) says what kind of {@link Problem} it met and, for encoding errors, the byte offset:
 *
 * <pre>{@code
 * try {
 *   source.forEach(this::process);
 * } catch (BadRecordException e) {
 *   log.error("{} at line {} ({})", e.source(), e.line(), e.problem());
 * }
 * }</pre>
 *
 * <p>Which problems stop the read whatever the {@link BadRecordPolicy} depends on the format. In
 * CSV only {@link Problem#RAGGED_ROW} and {@link Problem#BAD_FIELD} are properties of one row and
 * honour the policy; the other problems break the framing of the text after them. In JSON Lines
 * every problem concerns one line and honours the policy except {@link Problem#LINE_TOO_LONG}: a
 * line that never ends cannot be skipped without reading the rest of the input.
 */
public class BadRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kind of problem; the javadoc of each says which inputs report it. */
  public enum Problem {
    /** A stage or source rejected the row for the {@linkplain #reason() reason} it gives. */
    REJECTED,
    /** CSV: a row has more or fewer fields than the schema has columns. */
    RAGGED_ROW,
    /** CSV: a field holds a character no text field has (NUL); the column names its position. */
    BAD_FIELD,
    /** CSV: a record grew past the field-size cap; almost always a quote that is never closed. */
    FIELD_TOO_LONG,
    /** CSV: quotes are used wrongly (text after a closing quote, end of input inside quotes). */
    MALFORMED_QUOTES,
    /**
     * CSV: the header line is missing, has a blank or repeated name, or differs from the schema.
     */
    BAD_HEADER,
    /** JSON Lines: the line is not one well-formed JSON value. */
    MALFORMED_JSON,
    /** JSON Lines: the line (or an element of its array) is not a JSON object. */
    NOT_AN_OBJECT,
    /** JSON Lines: a field's value cannot be coerced to its column's type. */
    WRONG_TYPE,
    /** JSON Lines: the line is longer than the cap; almost always a string that never ends. */
    LINE_TOO_LONG,
    /** CSV and JSON Lines: the bytes are not valid in the declared charset (UTF-8 for JSON). */
    INVALID_ENCODING
  }

  private final Problem problem;
  private final long byteOffset;
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
    this.problem = Problem.REJECTED;
    this.byteOffset = -1;
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
    this(Problem.REJECTED, source, line, column, reason, -1, cause);
  }

  /**
   * A row or stretch of input a source could not read, with the kind of problem.
   *
   * @param problem the kind of problem
   * @param source description of the source
   * @param line 1-based line, or 0 if unknown
   * @param column the column name or 1-based position, or {@code null}
   * @param reason what is wrong and the fix; never the row's values
   * @param byteOffset 0-based offset of the offending byte in the (decompressed) input, or -1
   * @param cause the underlying exception, or {@code null}
   */
  public BadRecordException(
      Problem problem,
      String source,
      long line,
      String column,
      String reason,
      long byteOffset,
      Throwable cause) {
    super(format(source, line, column, reason), cause);
    this.problem = java.util.Objects.requireNonNull(problem, "problem");
    this.byteOffset = byteOffset;
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

  /** The kind of problem; {@link Problem#REJECTED} unless a source says more. */
  public Problem problem() {
    return problem;
  }

  /**
   * The 0-based offset in the decompressed input of the offending byte ({@link
   * Problem#INVALID_ENCODING}) or, in JSON Lines, of the start of the line ({@link
   * Problem#LINE_TOO_LONG}); -1 otherwise.
   */
  public long byteOffset() {
    return byteOffset;
  }
}
