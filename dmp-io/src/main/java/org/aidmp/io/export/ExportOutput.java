package org.aidmp.io.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream to an export target whose content becomes visible only on {@link #commit()}; closing
 * without committing discards everything written (deletes the temporary file, aborts the upload).
 * Internal to the exports: {@link ExportTarget} opens one per export.
 */
abstract class ExportOutput extends OutputStream {
  ExportOutput() {}

  /** Makes what was written visible at the target, whole. Further writes are errors. */
  abstract void commit() throws IOException;

  /** Discards the output unless it was committed. */
  @Override
  public abstract void close() throws IOException;
}
