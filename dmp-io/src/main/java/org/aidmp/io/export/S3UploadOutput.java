package org.aidmp.io.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Buffers one part at a time and uploads it; small outputs go up as one PUT on commit, larger ones
 * as a multipart upload completed on commit and aborted on close without commit, so a failed export
 * never leaves a partial object behind.
 */
final class S3UploadOutput extends ExportOutput {
  /** 8 MiB parts: above S3's 5 MiB minimum, and 10,000 parts reach 78 GiB. */
  static final int DEFAULT_PART_BYTES = 8 << 20;

  static final int MIN_PART_BYTES = 5 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(S3UploadOutput.class);

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final byte[] part;
  private int filled;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private boolean done;

  S3UploadOutput(S3Client s3, String bucket, String key, int partBytes) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.part = new byte[partBytes];
  }

  static void checkPartSize(int partBytes) {
    if (partBytes < MIN_PART_BYTES) {
      throw new IllegalArgumentException(
          "partBytes ("
              + partBytes
              + ") is below S3's minimum part size of "
              + MIN_PART_BYTES
              + " bytes; raise it");
    }
  }

  /** Parts uploaded so far (0 for a single PUT). */
  int partsUploaded() {
    return parts.size();
  }

  private IOException failure(String what, SdkException e) {
    String detail =
        e instanceof S3Exception s ? "HTTP " + s.statusCode() : e.getClass().getSimpleName();
    return new IOException(
        "s3://" + bucket + "/" + key + ": " + what + " failed (" + detail + ")", e);
  }

  private void checkOpen() throws IOException {
    if (done) {
      throw new IOException("s3://" + bucket + "/" + key + ": output already committed or closed");
    }
  }

  @Override
  public void write(int b) throws IOException {
    checkOpen();
    if (filled == part.length) {
      uploadPart();
    }
    part[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkOpen();
    while (len > 0) {
      if (filled == part.length) {
        uploadPart();
      }
      int n = Math.min(len, part.length - filled);
      System.arraycopy(b, off, part, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  private void uploadPart() throws IOException {
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
      }
      int number = parts.size() + 1;
      String eTag =
          s3.uploadPart(
                  r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                  RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled)))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
      filled = 0;
    } catch (SdkException e) {
      throw failure("uploading part " + (parts.size() + 1), e);
    }
  }

  @Override
  public void commit() throws IOException {
    checkOpen();
    try {
      if (uploadId == null) {
        s3.putObject(
            r -> r.bucket(bucket).key(key),
            RequestBody.fromBytes(java.util.Arrays.copyOf(part, filled)));
      } else {
        if (filled > 0) {
          uploadPart();
        }
        s3.completeMultipartUpload(
            r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
      }
      done = true;
    } catch (SdkException e) {
      throw failure(uploadId == null ? "PUT" : "completing the multipart upload", e);
    }
  }

  @Override
  public void close() {
    if (done) {
      return;
    }
    done = true;
    if (uploadId != null) {
      try {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
      } catch (SdkException e) {
        // The bucket's lifecycle rule for incomplete uploads is the backstop; say so once.
        LOG.warn(
            "s3://{}/{}: could not abort an unfinished multipart upload ({}); a lifecycle"
                + " rule for incomplete uploads will remove its parts",
            bucket,
            key,
            e.getClass().getSimpleName());
      }
    }
  }
}
