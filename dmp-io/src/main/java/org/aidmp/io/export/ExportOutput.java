package org.aidmp.io.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream to an export target whose content becomes visible only on {@link #commit()}; closing
 * without committing discards everything written (deletes the temporary file, aborts the upload).
 *
 * <pre>{@code
 * try (ExportOutput out = ExportTarget.file(path).open()) {
 *   out.write(bytes);
 *   out.commit();
 * }
 * }</pre>
 */
public abstract class ExportOutput extends OutputStream {
  /** For subclasses. */
  protected ExportOutput() {}

  /** Makes what was written visible at the target, whole. Further writes are errors. */
  public abstract void commit() throws IOException;

  /** Discards the output unless it was committed. */
  @Override
  public abstract void close() throws IOException;
}
