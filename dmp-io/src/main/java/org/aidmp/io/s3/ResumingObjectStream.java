package org.aidmp.io.s3;

import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The stored bytes of one object, exactly as long as the object. A connection that ends early (an
 * exception or a quiet end of stream before {@code Content-Length} bytes) is resumed with a ranged
 * GET pinned to the first response's entity tag; when the resumes run out, or the object changed,
 * reading fails with an error that says the object was truncated. It never reports a clean end of
 * stream before the last byte. Internal: {@link S3Source} layers decompression on top.
 *
 * <p>Every GET asks for checksum validation ({@link ChecksumMode#ENABLED}): when the server stored
 * a checksum with the object, the SDK checks the bytes received against it at the end of the body,
 * and a mismatch fails the object (it is never resumed past). {@link #validated()} says whether the
 * whole object was checked that way; it is not when the server sent no checksum, or when a cut
 * connection was resumed (a ranged response carries no checksum of the whole object).
 */
final class ResumingObjectStream extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResumingObjectStream.class);

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final int maxResumes;
  private final long length;
  private final String eTag;
  private ResponseInputStream<GetObjectResponse> body;
  private long position;
  private final boolean checksummed;
  private int resumes;
  private boolean closed;
  private boolean drained;
  private IOException endFailure;

  private ResumingObjectStream(
      S3Client s3,
      String bucket,
      String key,
      int maxResumes,
      ResponseInputStream<GetObjectResponse> body) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.maxResumes = maxResumes;
    this.body = body;
    GetObjectResponse r = body.response();
    this.length = r.contentLength() == null ? -1 : r.contentLength();
    this.eTag = r.eTag();
    this.checksummed =
        r.checksumCRC32() != null
            || r.checksumCRC32C() != null
            || r.checksumCRC64NVME() != null
            || r.checksumSHA1() != null
            || r.checksumSHA256() != null;
  }

  /** Opens the object with a plain GET; the SDK retries 5xx and throttling errors itself. */
  static ResumingObjectStream open(S3Client s3, String bucket, String key, int maxResumes)
      throws IOException {
    ResponseInputStream<GetObjectResponse> body;
    try {
      body =
          s3.getObject(
              GetObjectRequest.builder()
                  .bucket(bucket)
                  .key(key)
                  .checksumMode(ChecksumMode.ENABLED)
                  .build());
    } catch (SdkException e) {
      throw new ObjectReadException(bucket, key, "GET failed: " + describe(e), e);
    }
    if (body.response().contentLength() == null) {
      body.abort();
      throw new ObjectReadException(
          bucket,
          key,
          "the server sent no Content-Length, so a cut connection could not be told from the end"
              + " of the object; use a server that sends it",
          null);
    }
    return new ResumingObjectStream(s3, bucket, key, maxResumes, body);
  }

  /** The object's length in bytes, as stored. */
  long length() {
    return length;
  }

  /** Bytes delivered so far. */
  long position() {
    return position;
  }

  /** How many ranged GETs were needed. */
  int resumes() {
    return resumes;
  }

  /** Whether the server sent a checksum of the whole object with the first response. */
  boolean checksummed() {
    return checksummed;
  }

  /**
   * Whether the SDK checked every byte against the stored checksum: the server sent one and no
   * resume was needed. Meaningful once the object was read to its end.
   */
  boolean validated() {
    return checksummed && resumes == 0 && drained;
  }

  /** Whether every byte of the object was delivered. */
  boolean complete() {
    return position == length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("s3://" + bucket + "/" + key + ": stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (position >= length) {
        drainToEnd();
        return -1;
      }
      int want = (int) Math.min(len, length - position);
      Exception failure = null;
      int n;
      try {
        n = body.read(b, off, want);
      } catch (IOException | SdkException e) {
        failure = e;
        n = -1;
      }
      if (n > 0) {
        position += n;
        return n;
      }
      if (isChecksumMismatch(failure)) {
        throw checksumMismatch(failure);
      }
      resume(failure);
    }
  }

  /**
   * Reads the body to its end of stream once all bytes arrived: the SDK validates the checksum only
   * when its stream reports the end.
   */
  private void drainToEnd() throws IOException {
    if (drained) {
      return;
    }
    try {
      byte[] b = new byte[64];
      while (body.read(b, 0, b.length) >= 0) {
        // A server that sends more than Content-Length: nothing of it is delivered.
      }
      drained = true;
    } catch (IOException | SdkException e) {
      if (isChecksumMismatch(e)) {
        throw checksumMismatch(e);
      }
      // Every byte arrived; a connection closed just after the last one is not a fault.
      LOG.debug("s3://{}/{}: error after the last byte", bucket, key, e);
    }
  }

  private static boolean isChecksumMismatch(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("different checksum")) {
        return true;
      }
    }
    return false;
  }

  private ObjectReadException checksumMismatch(Exception cause) {
    return new ObjectReadException(
        bucket,
        key,
        "checksum mismatch: the bytes received differ from the checksum stored with the object"
            + " (corrupted in transit or at rest); the object was not read",
        cause);
  }

  private void resume(Exception cause) throws IOException {
    body.abort();
    if (resumes >= maxResumes) {
      throw new ObjectReadException(
          bucket,
          key,
          "truncated: the connection ended after "
              + position
              + " of "
              + length
              + " bytes and "
              + resumes
              + " ranged GET(s) could not finish it; the object was not read"
              + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"),
          cause);
    }
    resumes++;
    LOG.info(
        "s3://{}/{}: connection ended after {} of {} bytes; resuming with ranged GET {} of {}",
        bucket,
        key,
        position,
        length,
        resumes,
        maxResumes);
    GetObjectRequest.Builder req =
        GetObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .checksumMode(ChecksumMode.ENABLED)
            .range("bytes=" + position + "-");
    if (eTag != null) {
      req.ifMatch(eTag);
    }
    ResponseInputStream<GetObjectResponse> next;
    try {
      next = s3.getObject(req.build());
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw new ObjectReadException(
            bucket,
            key,
            "changed while it was being read (entity tag no longer "
                + eTag
                + "); read it again from the start",
            e);
      }
      throw new ObjectReadException(
          bucket,
          key,
          "truncated: the ranged GET to resume at byte " + position + " failed: " + describe(e),
          e);
    } catch (SdkException e) {
      throw new ObjectReadException(
          bucket,
          key,
          "truncated: the ranged GET to resume at byte " + position + " failed: " + describe(e),
          e);
    }
    String range = next.response().contentRange();
    if (range == null) {
      // The server ignored Range and sent the whole object: skip what was already delivered.
      long skip = position;
      byte[] sink = new byte[8192];
      while (skip > 0) {
        int n = next.read(sink, 0, (int) Math.min(sink.length, skip));
        if (n < 0) {
          break;
        }
        skip -= n;
      }
      if (skip > 0) {
        next.abort();
        throw new ObjectReadException(
            bucket, key, "truncated: the retry ended before reaching byte " + position, null);
      }
    } else if (!range.startsWith("bytes " + position + "-")) {
      next.abort();
      throw new ObjectReadException(
          bucket,
          key,
          "the server answered a resume at byte "
              + position
              + " with range '"
              + range
              + "'; the object cannot be resumed safely",
          null);
    }
    body = next;
  }

  /**
   * Checks, once every byte was delivered, that the body ends there and passes its checksum; a
   * consumer that stopped at the last byte without reading the end of stream is covered too.
   *
   * @throws ObjectReadException if the checksum does not match
   */
  void checkEnd() throws IOException {
    if (endFailure != null) {
      throw endFailure;
    }
    if (!closed && complete()) {
      drainToEnd();
    }
  }

  @Override
  public void close() {
    if (!closed) {
      if (complete() && !drained) {
        try {
          drainToEnd();
        } catch (IOException e) {
          endFailure = e;
        }
      }
      closed = true;
      // Aborting drops the connection instead of draining an unread body; after a complete read
      // closing returns the connection to the pool.
      if (complete()) {
        try {
          body.close();
        } catch (IOException e) {
          body.abort();
        }
      } else {
        body.abort();
      }
    }
  }

  /** An SDK error described by type, status and error code: never headers or credentials. */
  static String describe(SdkException e) {
    if (e instanceof S3Exception s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      return "HTTP " + s.statusCode() + (code == null ? "" : " " + code);
    }
    return e.getClass().getSimpleName()
        + (e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getSimpleName());
  }

  /** An I/O failure whose message already names the object. */
  static final class ObjectReadException extends IOException {
    private static final long serialVersionUID = 1L;

    ObjectReadException(String bucket, String key, String message, Throwable cause) {
      super("s3://" + bucket + "/" + key + ": " + message, cause);
    }
  }
}
