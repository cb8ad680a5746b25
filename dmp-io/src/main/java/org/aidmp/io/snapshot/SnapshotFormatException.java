package org.aidmp.io.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A snapshot file that cannot be trusted: truncated, corrupted, of another format or version, or
 * out of step with its folder's manifest. Nothing of such a file is ever handed to a reader.
 *
 * <pre>{@code
 * try {
 *   model = SnapshotReader.open(folder).read("kmeans", KMeansModel::read);
 * } catch (SnapshotFormatException e) {
 *   // e.file() names the bad file; retrain or restore an older snapshot
 * }
 * }</pre>
 */
public final class SnapshotFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file that failed the check; not serialized, since {@link Path} is not serializable. */
  private final transient Path file;

  /**
   * A failure of {@code file}, with a message that says what is wrong and what to do.
   *
   * @param file the file that failed the check
   * @param message what is wrong and how to fix it; never file contents
   */
  public SnapshotFormatException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  /** The file that failed the check (may be {@code null} after deserialization). */
  public Path file() {
    return file;
  }
}
