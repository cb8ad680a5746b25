package org.aidmp.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A Parquet file could not be read: not a Parquet file, cut short, or corrupt in a row group. The
 * message names the file and, where known, the row group and the 1-based row in the file; never
 * values.
 *
 * <pre>{@code
 * try {
 *   source.forEach(this::process);
 * } catch (ParquetReadException e) {
 *   log.error("{} row {}: {}", e.file(), e.row(), e.getMessage());
 * }
 * }</pre>
 */
public class ParquetReadException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int rowGroup;
  private final long row;

  /**
   * @param file the file
   * @param rowGroup the 0-based row group, or -1 when the file itself is bad
   * @param row the 1-based row in the file, or 0 when unknown
   * @param reason what is wrong
   * @param cause the underlying failure
   */
  public ParquetReadException(Path file, int rowGroup, long row, String reason, Throwable cause) {
    super(
        file
            + (rowGroup >= 0 ? ", row group " + rowGroup : "")
            + (row > 0 ? ", row " + row : "")
            + ": "
            + reason,
        cause instanceof IOException io ? io : new IOException(cause));
    this.file = file;
    this.rowGroup = rowGroup;
    this.row = row;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The 0-based row group, or -1 when the file itself could not be opened. */
  public int rowGroup() {
    return rowGroup;
  }

  /** The 1-based row in the file, or 0 when unknown. */
  public long row() {
    return row;
  }
}
