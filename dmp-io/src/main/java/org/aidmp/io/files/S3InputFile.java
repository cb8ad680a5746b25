package org.aidmp.io.files;

import java.io.IOException;
import java.io.InputStream;
import org.aidmp.io.s3.S3ObjectRef;
import org.aidmp.io.s3.S3Source;

/**
 * An object in a bucket, read through the {@link S3Source} that listed it: gunzipped under its
 * expansion cap, a cut connection resumed with a ranged GET pinned to the version first read.
 */
final class S3InputFile implements InputFile {
  private final S3Source store;
  private final S3ObjectRef object;
  private final FileRef ref;

  S3InputFile(S3Source store, S3ObjectRef object) {
    this.store = store;
    this.object = object;
    this.ref = new FileRef(object.uri(), object.size(), object.eTag() == null ? "" : object.eTag());
  }

  @Override
  public String location() {
    return ref.location();
  }

  @Override
  public String name() {
    String key = object.key();
    return key.substring(key.lastIndexOf('/') + 1);
  }

  @Override
  public long size() {
    return ref.size();
  }

  @Override
  public String version() {
    return ref.version();
  }

  @Override
  public InputStream open() throws IOException {
    return store.openObject(object.key());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof S3InputFile f && f.ref.equals(ref);
  }

  @Override
  public int hashCode() {
    return ref.hashCode();
  }

  @Override
  public String toString() {
    return ref.location();
  }
}
