package org.aidmp.io.csv;

import org.aidmp.data.BadRecordException;

/**
 * A CSV source could not be read as CSV at a known place. The message names the source, the line
 * and, where known, the column and byte offset; it never holds the row's values.
 *
 * <pre>{@code
 * try {
 *   source.forEach(this::process);
 * } catch (CsvFormatException e) {
 *   log.error("{} at line {} ({})", e.source(), e.line(), e.problem());
 * }
 * }</pre>
 *
 * <p>Only {@link Problem#RAGGED_ROW} and {@link Problem#BAD_FIELD} are properties of one row and
 * honour the {@link org.aidmp.data.BadRecordPolicy}; the other problems break the framing of the
 * text after them, so they always stop the read.
 */
public class CsvFormatException extends BadRecordException {
  private static final long serialVersionUID = 1L;

  /** The kind of problem. */
  public enum Problem {
    /** A row has more or fewer fields than the schema has columns. */
    RAGGED_ROW,
    /** A field holds a character no text field has (NUL); the column names its position. */
    BAD_FIELD,
    /** A record grew past the field-size cap; almost always a quote that is never closed. */
    FIELD_TOO_LONG,
    /** Quotes are used wrongly (text after a closing quote, end of input inside quotes). */
    MALFORMED_QUOTES,
    /** The bytes are not valid in the declared charset. */
    INVALID_ENCODING,
    /** The header line is missing, has a blank or repeated name, or differs from the schema. */
    BAD_HEADER
  }

  private final Problem problem;
  private final long byteOffset;

  /**
   * @param problem the kind of problem
   * @param source description of the source
   * @param line 1-based line, or 0 if unknown
   * @param column the column name or 1-based position, or {@code null}
   * @param reason what is wrong and the fix
   * @param byteOffset 0-based offset of the offending byte in the (decompressed) input, or -1
   * @param cause the underlying exception, or {@code null}
   */
  public CsvFormatException(
      Problem problem,
      String source,
      long line,
      String column,
      String reason,
      long byteOffset,
      Throwable cause) {
    super(source, line, column, reason, cause);
    this.problem = java.util.Objects.requireNonNull(problem, "problem");
    this.byteOffset = byteOffset;
  }

  /** The kind of problem. */
  public Problem problem() {
    return problem;
  }

  /**
   * The 0-based offset of the offending byte in the decompressed input, for {@link
   * Problem#INVALID_ENCODING}; -1 otherwise.
   */
  public long byteOffset() {
    return byteOffset;
  }
}
