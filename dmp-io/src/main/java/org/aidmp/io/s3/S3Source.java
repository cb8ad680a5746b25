package org.aidmp.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Records from every object under a bucket prefix that matches a glob, each object streamed from
 * the store straight into a per-object parser (no temporary files), in key order.
 *
 * <pre>{@code
 * try (S3Client s3 = S3Settings.builder().setRegion("eu-west-1").get().newClient()) {
 *   Source events = S3Source.builder(s3)
 *       .setBucket("acme-events").setPrefix("2026/11/").setGlob("**\/*.csv.gz")
 *       .setFormat(S3Source.csv(csv -> csv.setBadRecordPolicy(BadRecordPolicy.QUARANTINE)))
 *       .setReadLog(S3ReadLog.open(Path.of("ingest.log")))
 *       .get();
 *   for (Record r : events) { ... }
 * }
 * }</pre>
 *
 * <p>Listing follows continuation tokens, so any number of keys is read, each once. Objects ending
 * in {@code .gz} are gunzipped (see {@link Compression}) with a cap on the expansion ratio. A
 * connection cut mid-object is resumed with a ranged GET; when that fails the object fails as
 * truncated, with an {@link S3ObjectException} that names bucket and key. An object is recorded in
 * the {@link S3ReadLog} only after its last byte arrived, and objects a log already holds are
 * skipped, so a resumed run neither repeats nor skips one. Records of an object that failed midway
 * may already have been delivered; consumers that need exactly-once treat an object as the unit.
 *
 * <p>The caller owns and closes the {@link S3Client}; the SDK retries throttling (503 SlowDown) and
 * 5xx errors as {@link S3Settings} configures.
 */
public final class S3Source implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(S3Source.class);

  /**
   * Turns one object into records: the CSV source in practice. It may open the body more than once
   * (to read a header, then rows); each open is a new GET.
   */
  @FunctionalInterface
  public interface ObjectFormat {
    /**
     * A source over one object.
     *
     * @param description {@code s3://bucket/key}, for origins and errors
     * @param body opens the object's decoded content
     */
    Source open(String description, ObjectBody body);
  }

  /** Opens the decoded content of one object; each call is a fresh read from the start. */
  @FunctionalInterface
  public interface ObjectBody {
    /** A new stream from the start of the object. */
    InputStream open() throws IOException;
  }

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final KeyGlob glob;
  private final ObjectFormat format;
  private final Compression compression;
  private final double maxExpansionRatio;
  private final int maxResumes;
  private final S3ReadLog readLog;
  private final ProgressListener progress;
  private volatile Schema schema;

  private S3Source(Builder b) {
    this.s3 = b.s3;
    this.bucket = b.bucket;
    this.prefix = b.prefix;
    this.glob = b.glob;
    this.format = b.format;
    this.compression = b.compression;
    this.maxExpansionRatio = b.maxExpansionRatio;
    this.maxResumes = b.maxResumes;
    this.readLog = b.readLog;
    this.progress = b.progress;
    if (bucket == null) {
      throw new IllegalStateException("no bucket set; call setBucket(\"name\")");
    }
  }

  /**
   * Objects as CSV, configured by {@code options} (schema, delimiter, bad-record policy...). The
   * CSV source's own decompression is switched off: this source has already decoded the bytes.
   */
  public static ObjectFormat csv(UnaryOperator<CsvSource.Builder> options) {
    Objects.requireNonNull(options, "options");
    return (description, body) ->
        options
            .apply(CsvSource.builder(description, body::open))
            .setCompression(org.aidmp.io.csv.Compression.NONE)
            .get();
  }

  /** A builder reading through {@code s3}, which the caller keeps and closes. */
  public static Builder builder(S3Client s3) {
    return new Builder(Objects.requireNonNull(s3, "s3"));
  }

  /**
   * Every object under the prefix whose key (with the prefix removed) matches the glob, in key
   * order, following pagination to the end.
   *
   * @throws S3ObjectException naming the bucket and prefix if listing fails
   */
  public List<S3ObjectRef> list() {
    List<S3ObjectRef> out = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket);
      if (!prefix.isEmpty()) {
        req.prefix(prefix);
      }
      if (token != null) {
        req.continuationToken(token);
      }
      ListObjectsV2Response page;
      try {
        page = s3.listObjectsV2(req.build());
      } catch (SdkException e) {
        throw new S3ObjectException(
            bucket,
            prefix,
            "listing failed after " + out.size() + " objects: " + ResumingObjectStream.describe(e),
            new IOException(e));
      }
      for (S3Object o : page.contents()) {
        String rel = o.key().substring(Math.min(prefix.length(), o.key().length()));
        if (!o.key().endsWith("/") && glob.matches(rel)) {
          out.add(new S3ObjectRef(bucket, o.key(), o.size() == null ? 0 : o.size(), o.eTag()));
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  /** The listed objects that the read log does not yet hold. */
  public List<S3ObjectRef> pending() {
    List<S3ObjectRef> all = list();
    if (readLog == null) {
      return all;
    }
    List<S3ObjectRef> out = new ArrayList<>(all.size());
    for (S3ObjectRef r : all) {
      if (!readLog.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The decoded content of one object (gunzipped if it is gzip, resumed if cut). The stream fails
   * with an {@link IOException} naming the object if it cannot be read whole.
   */
  public InputStream openObject(String key) throws IOException {
    return ObjectStream.open(s3, bucket, key, compression, maxExpansionRatio, maxResumes);
  }

  /** The schema of the first pending object (all objects must share it). */
  @Override
  public Schema schema() {
    Schema s = schema;
    if (s == null) {
      List<S3ObjectRef> objects = list();
      if (objects.isEmpty()) {
        throw new IllegalStateException(
            "no object under " + description() + "; check the bucket, prefix and glob");
      }
      s = format.open(objects.get(0).uri(), () -> openObject(objects.get(0).key())).schema();
      schema = s;
    }
    return s;
  }

  /** {@code s3://bucket/prefix} and the glob. */
  @Override
  public String description() {
    return "s3://" + bucket + "/" + prefix + (glob == KeyGlob.ALL ? "" : " (" + glob + ")");
  }

  @Override
  public CloseableIterator<Record> iterator() {
    return new ObjectsIterator(pending());
  }

  @Override
  public String toString() {
    return "S3Source[" + description() + "]";
  }

  /** Chains the per-object iterators and records each object once it was read whole. */
  private final class ObjectsIterator implements CloseableIterator<Record> {
    private final List<S3ObjectRef> objects;
    private int nextObject;
    private S3ObjectRef current;
    private CloseableIterator<Record> records;
    private ObjectStream lastOpened;
    private boolean closed;

    ObjectsIterator(List<S3ObjectRef> objects) {
      this.objects = objects;
    }

    @Override
    public boolean hasNext() {
      while (!closed) {
        if (records != null) {
          boolean more;
          try {
            more = records.hasNext();
          } catch (RuntimeException e) {
            throw fail(e);
          }
          if (more) {
            return true;
          }
          finishCurrent();
        }
        if (nextObject >= objects.size()) {
          close();
          return false;
        }
        startNext();
      }
      return false;
    }

    private void startNext() {
      current = objects.get(nextObject++);
      S3ObjectRef ref = current;
      lastOpened = null;
      Source one =
          format.open(
              ref.uri(),
              () -> {
                ObjectStream s =
                    ObjectStream.open(
                        s3, bucket, ref.key(), compression, maxExpansionRatio, maxResumes);
                lastOpened = s;
                return s;
              });
      Schema first = schema;
      try {
        records = one.iterator();
        if (first == null) {
          schema = one.schema();
        } else if (!first.equals(one.schema())) {
          throw new IllegalStateException(
              ref.uri()
                  + " has schema "
                  + one.schema()
                  + " but earlier objects have "
                  + first
                  + "; give objects of one layout or narrow the glob");
        }
      } catch (RuntimeException e) {
        throw fail(e);
      }
    }

    private void finishCurrent() {
      try {
        records.close();
        if (lastOpened == null) {
          throw new IllegalStateException(
              current.uri() + ": the object format produced records without opening the object");
        }
        long left = lastOpened.finish();
        if (left > 0) {
          LOG.warn("{}: the parser stopped {} bytes before the end of the object", current, left);
        }
        lastOpened.close();
      } catch (IOException e) {
        throw fail(new UncheckedIOException(e));
      } catch (RuntimeException e) {
        throw fail(e);
      }
      if (readLog != null) {
        readLog.markRead(current);
      }
      progress.onProgress("read " + description(), nextObject, objects.size());
      records = null;
      current = null;
    }

    private RuntimeException fail(RuntimeException e) {
      S3ObjectRef ref = current;
      close();
      if (e instanceof S3ObjectException || ref == null) {
        return e;
      }
      Throwable cause = e;
      while (cause != null && !(cause instanceof IOException)) {
        cause = cause.getCause();
      }
      if (cause instanceof IOException io) {
        String msg =
            io instanceof ResumingObjectStream.ObjectReadException
                ? io.getMessage().substring(ref.uri().length() + 2)
                : io.getClass().getSimpleName() + ": " + io.getMessage();
        return new S3ObjectException(bucket, ref.key(), msg, io);
      }
      return e;
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more records in " + description());
      }
      try {
        return records.next();
      } catch (RuntimeException e) {
        throw fail(e);
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (records != null) {
        records.close();
      }
      if (lastOpened != null) {
        try {
          lastOpened.close();
        } catch (IOException e) {
          LOG.debug("{}: close failed", current, e);
        }
      }
    }
  }

  /** Options of an {@link S3Source}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final S3Client s3;
    private String bucket;
    private String prefix = "";
    private KeyGlob glob = KeyGlob.ALL;
    private ObjectFormat format = csv(b -> b);
    private Compression compression = Compression.AUTO;
    private double maxExpansionRatio = 100;
    private int maxResumes = 3;
    private S3ReadLog readLog;
    private ProgressListener progress = ProgressListener.NONE;

    private Builder(S3Client s3) {
      this.s3 = s3;
    }

    /** The bucket (required). */
    public Builder setBucket(String bucket) {
      Objects.requireNonNull(bucket, "bucket");
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new IllegalArgumentException(
            "bucket name '"
                + bucket
                + "' is not valid: use 3-63 lower-case letters, digits,"
                + " '.' or '-'");
      }
      this.bucket = bucket;
      return this;
    }

    /** Only keys starting with this prefix are listed (default: all). */
    public Builder setPrefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Only keys whose part after the prefix matches this glob are read (default {@code **}). */
    public Builder setGlob(String glob) {
      this.glob = KeyGlob.of(glob);
      return this;
    }

    /** Turns an object into records (default: CSV with a header line, see {@link #csv}). */
    public Builder setFormat(ObjectFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** How objects are decoded (default {@link Compression#AUTO}: gzip for {@code .gz}). */
    public Builder setCompression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /**
     * How many times larger than its stored size a gzip object may decompress (default 100);
     * objects may always expand to 1 MiB. Beyond the cap the object fails as a likely bomb.
     */
    public Builder setMaxExpansionRatio(double ratio) {
      if (!(ratio >= 1) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException(
            "maxExpansionRatio (" + ratio + ") must be a finite number of at least 1");
      }
      this.maxExpansionRatio = ratio;
      return this;
    }

    /** Ranged GETs allowed per object to finish a cut download (default 3; 0 fails at once). */
    public Builder setMaxResumes(int maxResumes) {
      if (maxResumes < 0 || maxResumes > 100) {
        throw new IllegalArgumentException(
            "maxResumes (" + maxResumes + ") must be between 0 and 100");
      }
      this.maxResumes = maxResumes;
      return this;
    }

    /** Records read objects and skips those already recorded (default: none). */
    public Builder setReadLog(S3ReadLog readLog) {
      this.readLog = Objects.requireNonNull(readLog, "readLog");
      return this;
    }

    /** Told after each object, as objects done of objects pending. */
    public Builder setProgressListener(ProgressListener progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The source. */
    public S3Source get() {
      return new S3Source(this);
    }
  }
}
