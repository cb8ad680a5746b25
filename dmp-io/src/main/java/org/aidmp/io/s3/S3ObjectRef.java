package org.aidmp.io.s3;

import java.util.Objects;

/**
 * One object in a bucket as listed: where it is, how long it is and its entity tag, which pins the
 * version that a resumed read must continue.
 *
 * <pre>{@code
 * S3ObjectRef ref = new S3ObjectRef("events", "2026/11/part-1.csv.gz", 1_234_567, "\"9b2c\"");
 * String where = ref.uri();   // s3://events/2026/11/part-1.csv.gz
 * }</pre>
 *
 * @param bucket the bucket
 * @param key the object key
 * @param size the length in bytes as stored (compressed, for {@code .gz})
 * @param eTag the entity tag as listed, or {@code null} if unknown
 */
public record S3ObjectRef(String bucket, String key, long size, String eTag) {
  /** Checks the arguments. */
  public S3ObjectRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException("size (" + size + ") is negative");
    }
  }

  /** {@code s3://bucket/key}. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return uri();
  }
}
