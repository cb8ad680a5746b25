package org.aidmp.io.csv;

import java.util.Objects;
import org.aidmp.data.BadRecordException;

/**
 * A CSV or JSON Lines source could not read its text at a known place. The message names the
 * source, the line and, where known, the column; {@link #byteOffset()} gives the offending byte for
 * encoding errors. It never holds the row's values.
 *
 * <pre>{@code
 * try {
 *   source.forEach(this::process);
 * } catch (TextFormatException e) {
 *   log.error("{} at line {} ({})", e.source(), e.line(), e.problem());
 * }
 * }</pre>
 *
 * <p>Which problems stop the read whatever the {@link org.aidmp.data.BadRecordPolicy} depends on
 * the format. In CSV only {@link Problem#RAGGED_ROW} and {@link Problem#BAD_FIELD} are properties
 * of one row and honour the policy; the other problems break the framing of the text after them. In
 * JSON Lines every problem concerns one line and honours the policy except {@link
 * Problem#LINE_TOO_LONG}: a line that never ends cannot be skipped without reading the rest of the
 * input.
 */
public class TextFormatException extends BadRecordException {
  private static final long serialVersionUID = 1L;

  /** The kind of problem; the javadoc of each says which format reports it. */
  public enum Problem {
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
    /** Both: the bytes are not valid in the declared charset (UTF-8 for JSON Lines). */
    INVALID_ENCODING
  }

  private final Problem problem;
  private final long byteOffset;

  /**
   * @param problem the kind of problem
   * @param source description of the source
   * @param line 1-based line, or 0 if unknown
   * @param column the column name or 1-based position, or {@code null}
   * @param reason what is wrong and the fix; never the row's values
   * @param byteOffset 0-based offset of the offending byte in the (decompressed) input, or -1
   * @param cause the underlying exception, or {@code null}
   */
  public TextFormatException(
      Problem problem,
      String source,
      long line,
      String column,
      String reason,
      long byteOffset,
      Throwable cause) {
    super(source, line, column, reason, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.byteOffset = byteOffset;
  }

  /** Like the constructor above, without a cause. */
  public TextFormatException(
      Problem problem, String source, long line, String column, String reason, long byteOffset) {
    this(problem, source, line, column, reason, byteOffset, null);
  }

  /** The kind of problem. */
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
