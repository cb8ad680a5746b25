package org.aidmp.io.csv;

/** What the first line of a CSV source is. */
public enum HeaderMode {
  /** The first line names the columns; this is the default when no schema is declared. */
  READ,
  /**
   * The first line names the columns and must equal the declared schema's names, in order; a file
   * with another header fails rather than being read under wrong names.
   */
  MATCH,
  /** The first line is a header that is ignored; the declared schema names the columns. */
  SKIP,
  /** There is no header: the first line is data. The default when a schema is declared. */
  NONE
}
