package org.aidmp.io.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A failure to list, read or write one object, naming its bucket and key. The message never holds
 * credentials or object contents.
 *
 * <pre>{@code
 * try { source.forEach(sink::accept); }
 * catch (S3ObjectException e) { log.warn("skipping {}", e.uri()); }
 * }</pre>
 */
public final class S3ObjectException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  private final String bucket;
  private final String key;

  /**
   * A failure of {@code s3://bucket/key}.
   *
   * @param bucket the bucket
   * @param key the key, or a prefix for listing failures
   * @param message what went wrong and what to do
   * @param cause the underlying failure
   */
  public S3ObjectException(String bucket, String key, String message, IOException cause) {
    super("s3://" + bucket + "/" + key + ": " + message, Objects.requireNonNull(cause, "cause"));
    this.bucket = bucket;
    this.key = key;
  }

  /** The bucket. */
  public String bucket() {
    return bucket;
  }

  /** The key (or, for a listing, the prefix). */
  public String key() {
    return key;
  }

  /** {@code s3://bucket/key}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
