package org.aidmp.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.aidmp.io.files.InputFile;

/**
 * One object of a bucket as listed, read through the {@link S3Source} that listed it: where it is,
 * how long it is and its entity tag, which pins the version that a resumed read must continue.
 * Gunzipped under the source's expansion cap, a cut connection resumed with a ranged GET.
 */
final class S3File implements InputFile {
  private final S3Source store;
  private final String bucket;
  private final String key;
  private final long size;
  private final String eTag;

  S3File(S3Source store, String bucket, String key, long size, String eTag) {
    this.store = store;
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    if (size < 0) {
      throw new IllegalArgumentException("size (" + size + ") is negative");
    }
    this.size = size;
    this.eTag = eTag == null ? "" : eTag;
  }

  /** The object key. */
  String key() {
    return key;
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String name() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  @Override
  public long size() {
    return size;
  }

  /** The entity tag as listed, or empty if the store gave none. */
  @Override
  public String version() {
    return eTag;
  }

  @Override
  public InputStream open() throws IOException {
    return store.openObject(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof S3File f
        && f.bucket.equals(bucket)
        && f.key.equals(key)
        && f.size == size
        && f.eTag.equals(eTag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bucket, key, size, eTag);
  }

  @Override
  public String toString() {
    return location();
  }
}
