package org.aidmp.io.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where an export goes: a local file (written atomically) or an S3 object (multipart upload for
 * large ones, committed only when complete).
 *
 * <pre>{@code
 * ExportTarget local = ExportTarget.file(Path.of("out/segments.csv"));
 * ExportTarget remote = ExportTarget.s3(s3, "acme-exports", "2026-11-29/segments.csv");
 * }</pre>
 */
public final class ExportTarget {
  /** Opens the stream of one export. */
  @FunctionalInterface
  private interface Opener {
    ExportOutput open() throws IOException;
  }

  private final String description;
  private final Opener opener;

  private ExportTarget(String description, Opener opener) {
    this.description = description;
    this.opener = opener;
  }

  /** Opens a new output; nothing is visible at the target until it is committed. */
  ExportOutput open() throws IOException {
    return opener.open();
  }

  /** A path or {@code s3://} URI, for reports and errors. */
  public String description() {
    return description;
  }

  /** A local file, replaced atomically on commit (temporary file, fsync, rename). */
  public static ExportTarget file(Path file) {
    Objects.requireNonNull(file, "file");
    return new ExportTarget(file.toString(), () -> new FileExportOutput(file));
  }

  /** An S3 object, uploaded in parts of 8 MiB. */
  public static ExportTarget s3(S3Client s3, String bucket, String key) {
    return s3(s3, bucket, key, S3UploadOutput.DEFAULT_PART_BYTES);
  }

  /**
   * An S3 object uploaded in parts of {@code partBytes} (at least 5 MiB, S3's minimum); objects
   * smaller than one part go up in a single PUT.
   */
  public static ExportTarget s3(S3Client s3, String bucket, String key, int partBytes) {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    S3UploadOutput.checkPartSize(partBytes);
    return new ExportTarget(
        "s3://" + bucket + "/" + key, () -> new S3UploadOutput(s3, bucket, key, partBytes));
  }

  @Override
  public String toString() {
    return description;
  }
}
