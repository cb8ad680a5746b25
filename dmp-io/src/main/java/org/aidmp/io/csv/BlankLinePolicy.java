package org.aidmp.io.csv;

/**
 * What a line with nothing on it means. Commons CSV, like RFC 4180, reads it as a record with one
 * empty field; in a file of several columns such a record is ragged.
 */
public enum BlankLinePolicy {
  /**
   * A blank line is a record of one empty field (the RFC 4180 reading): a value in a one-column
   * file, a ragged row, handled by the {@link org.aidmp.data.BadRecordPolicy}, otherwise.
   */
  RECORD,
  /**
   * A blank line is dropped and counted as skipped. A row holding only {@code ""} looks the same to
   * the parser, so in a one-column file such rows are dropped too.
   */
  SKIP
}
