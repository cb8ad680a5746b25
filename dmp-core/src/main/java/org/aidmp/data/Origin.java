package org.aidmp.data;

import java.util.Objects;

/**
 * Where a record came from: a description of its source and its line there.
 *
 * @param source a description of the source (a file path, {@code s3://bucket/key}); never row data
 * @param line the 1-based line on which the record starts, or 0 when the source has no lines
 */
public record Origin(String source, long line) {
  /** An origin for records made in memory. */
  public static final Origin IN_MEMORY = new Origin("memory", 0);

  /** Checks the arguments. */
  public Origin {
    Objects.requireNonNull(source, "source");
    if (line < 0) {
      throw new IllegalArgumentException("line (" + line + ") is negative");
    }
  }

  @Override
  public String toString() {
    return line > 0 ? source + ":" + line : source;
  }
}
