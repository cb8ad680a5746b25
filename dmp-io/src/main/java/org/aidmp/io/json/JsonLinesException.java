package org.aidmp.io.json;

import java.util.Objects;
import org.aidmp.data.BadRecordException;

/**
 * A JSON Lines source could not read a line at a known place. The message names the source, the
 * line, the column where one is at fault and, for encoding errors, the byte offset; it never holds
 * the line's content.
 *
 * <pre>{@code
 * try {
 *   source.forEach(this::process);
 * } catch (JsonLinesException e) {
 *   log.error("{} line {}: {}", e.source(), e.line(), e.problem());
 * }
 * }</pre>
 *
 * <p>{@link Problem#LINE_TOO_LONG} always stops the read, whatever the policy: a line that never
 * ends cannot be skipped without reading the rest of the input. The other problems concern one line
 * and honour the {@link org.aidmp.data.BadRecordPolicy}.
 */
public class JsonLinesException extends BadRecordException {
  private static final long serialVersionUID = 1L;

  /** The kind of problem. */
  public enum Problem {
    /** The line is not one well-formed JSON value. */
    MALFORMED_JSON,
    /** The line (or an element of its array) is not a JSON object. */
    NOT_AN_OBJECT,
    /** A field's value cannot be coerced to its column's type. */
    WRONG_TYPE,
    /** The line is longer than the cap; almost always a string or line that never ends. */
    LINE_TOO_LONG,
    /** The line holds bytes that are not valid UTF-8. */
    INVALID_ENCODING
  }

  private final Problem problem;
  private final long byteOffset;

  /**
   * @param problem the kind of problem
   * @param source description of the source
   * @param line 1-based line
   * @param column the column at fault, or {@code null}
   * @param reason what is wrong and the fix
   * @param byteOffset 0-based offset of the offending byte in the decompressed input, or -1
   */
  public JsonLinesException(
      Problem problem, String source, long line, String column, String reason, long byteOffset) {
    super(source, line, column, reason);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.byteOffset = byteOffset;
  }

  /** The kind of problem. */
  public Problem problem() {
    return problem;
  }

  /**
   * The 0-based offset in the decompressed input of the offending byte ({@link
   * Problem#INVALID_ENCODING}) or of the start of the line ({@link Problem#LINE_TOO_LONG}); -1
   * otherwise.
   */
  public long byteOffset() {
    return byteOffset;
  }
}
