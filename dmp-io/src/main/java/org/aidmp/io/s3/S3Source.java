package org.aidmp.io.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.io.csv.Compression;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.io.files.FileReadLog;
import org.aidmp.io.files.FileSet;
import org.aidmp.io.files.InputFile;
import org.aidmp.io.internal.glob.KeyGlob;
import org.aidmp.progress.ProgressListener;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
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
 *       .setReadLog(FileReadLog.open(Path.of("ingest.log")))
 *       .get();
 *   for (Record r : events) { ... }
 * }
 * }</pre>
 *
 * <p>Listing follows continuation tokens, so any number of keys is read, each once. Objects ending
 * in {@code .gz} are gunzipped (see {@link Compression}) with a cap on the expansion ratio. A
 * connection cut mid-object is resumed with a ranged GET; when that fails the object fails as
 * truncated, with an {@link S3ObjectException} that names bucket and key. Every GET asks for
 * checksum validation; {@link #account()} says how many objects were checked against a checksum the
 * server stored and how many could not be (the server had none).
 *
 * <p>Each object is read whole into a buffer before any of its records is handed out (at most
 * {@link Builder#setMaxRecordsPerObject maxRecordsPerObject} records), so the records of an object
 * that fails midway never reach the consumer: the object goes to the {@link
 * Builder#setBadObjectPolicy bad-object policy} instead. When the consumer has taken the last
 * record of an object, the object is marked delivered in the {@link FileReadLog}; it is recorded as
 * done only when the consumer {@link FileReadLog#acknowledge() acknowledges} that its state for it
 * is durable. Objects the log holds are skipped, so a resumed run neither repeats nor skips one.
 *
 * <p>The same objects can be read as files by a {@code MultiFileSource} instead, through {@link
 * #files()} or {@link #files(S3Client, String)}; each object is then an {@link InputFile} whose
 * location is {@code s3://bucket/key} and whose version is its entity tag.
 *
 * <p>The caller owns and closes the {@link S3Client}; the SDK retries throttling (503 SlowDown) and
 * 5xx errors as {@link S3Settings} configures.
 */
public final class S3Source implements Source {
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
     * @param body opens the object's decoded content; each call is a fresh read from the start
     */
    Source open(String description, Callable<InputStream> body);
  }

  // Settings and state below without "private" are read (and the last two written) by the
  // ObjectsIterator of each pass.
  private final S3Client s3;
  final String bucket;
  private final String prefix;
  private final KeyGlob glob;
  final ObjectFormat format;
  private final Compression compression;
  private final double maxExpansionRatio;
  private final int maxResumes;
  final FileReadLog readLog;
  final ProgressListener progress;
  final BadRecordPolicy badObjectPolicy;
  final Quarantine quarantine;
  final int maxRecordsPerObject;
  volatile Schema schema;
  volatile S3ReadAccount account = S3ReadAccount.EMPTY;

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
    this.badObjectPolicy = b.badObjectPolicy;
    this.quarantine = b.quarantine;
    this.maxRecordsPerObject = b.maxRecordsPerObject;
    if (bucket == null) {
      throw new IllegalStateException("no bucket set; call setBucket(\"name\")");
    }
    if (badObjectPolicy == BadRecordPolicy.QUARANTINE && quarantine == null) {
      throw new IllegalStateException(
          "badObjectPolicy is QUARANTINE but no quarantine is set; call setQuarantine(...)");
    }
  }

  /**
   * Objects as CSV, configured by {@code options} (schema, delimiter, bad-record policy...). The
   * CSV source's own decompression is switched off: this source has already decoded the bytes.
   */
  public static ObjectFormat csv(UnaryOperator<CsvSource.Builder> options) {
    Objects.requireNonNull(options, "options");
    return (description, body) ->
        options.apply(CsvSource.builder(description, body)).setCompression(Compression.NONE).get();
  }

  /**
   * The file under a local folder where an object of this key may be kept, such that no key,
   * however hostile ({@code ../}, absolute, backslashes, {@code %2e%2e}, NUL, a kilobyte long), can
   * name a file outside the folder.
   *
   * <pre>{@code
   * Path local = S3Source.localPath(Path.of("/data/cache"), "2026/11/part-0.csv");
   * // /data/cache/2026/11/part-0.csv
   * }</pre>
   *
   * <p>Each {@code /}-separated segment is percent-encoded except for letters, digits, {@code -},
   * {@code _} and {@code .}; {@code %} itself is encoded, so an encoded {@code %2e%2e} can never be
   * decoded back into {@code ..} by another layer. Segments that are empty, {@code .} or {@code ..}
   * are encoded too, so every key maps to a distinct path of plain names. A segment longer than 200
   * bytes after encoding is shortened to a prefix plus a hash of the whole segment. The result is
   * finally checked to lie inside the folder.
   *
   * @throws IllegalArgumentException if the key is empty
   */
  public static Path localPath(Path root, String key) {
    return LocalKeyPaths.resolve(root, key);
  }

  /** A builder reading through {@code s3}, which the caller keeps and closes. */
  public static Builder builder(S3Client s3) {
    return new Builder(Objects.requireNonNull(s3, "s3"));
  }

  /**
   * Every object under the prefix whose key (with the prefix removed) matches the glob, in key
   * order, following pagination to the end; each an {@link InputFile} read through this source.
   *
   * @throws S3ObjectException naming the bucket and prefix if listing fails
   */
  public List<InputFile> list() {
    return List.copyOf(listObjects());
  }

  List<S3File> listObjects() {
    List<S3File> out = new ArrayList<>();
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
          out.add(new S3File(this, bucket, o.key(), o.size() == null ? 0 : o.size(), o.eTag()));
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  /** The listed objects that the read log does not yet hold. */
  public List<InputFile> pending() {
    return List.copyOf(pendingObjects());
  }

  private List<S3File> pendingObjects() {
    List<S3File> all = listObjects();
    if (readLog == null) {
      return all;
    }
    List<S3File> out = new ArrayList<>(all.size());
    for (S3File r : all) {
      if (!readLog.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The objects this source lists (its bucket, prefix and glob) as files for a {@code
   * MultiFileSource}, sorted by key and read through this source (its decompression, expansion cap
   * and resumes); its format, read log and bad-object policy do not apply, the {@code
   * MultiFileSource}'s do. Listed again by each {@link FileSet#resolve()}.
   */
  public FileSet files() {
    return FileSet.from(
        description(),
        () -> {
          List<S3File> listed = new ArrayList<>(listObjects());
          listed.sort(Comparator.comparing(S3File::key));
          return List.<InputFile>copyOf(listed);
        });
  }

  /**
   * Exactly these objects of this source's bucket, in this order, each key given once; read through
   * this source as {@link #files()} says. A missing object fails the resolution with an error
   * naming it.
   */
  public FileSet files(List<String> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the key list is empty; give at least one key");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      String k = Objects.requireNonNull(keys.get(i), "keys[" + i + "]");
      if (k.isEmpty()) {
        throw new IllegalArgumentException("keys[" + i + "] is empty; give an object key");
      }
      if (!seen.add(k)) {
        throw new IllegalArgumentException(
            "key " + k + " is listed twice (position " + i + "); list each key once");
      }
    }
    List<String> copy = List.copyOf(keys);
    String where = "s3://" + bucket + "/";
    return FileSet.from(
        copy.size() == 1 ? where + copy.get(0) : copy.size() + " objects in " + where,
        () -> {
          List<InputFile> out = new ArrayList<>(copy.size());
          for (String k : copy) {
            out.add(head(k));
          }
          return out;
        });
  }

  /**
   * Objects of a bucket named by an address, as files for a {@code MultiFileSource}: {@code
   * s3://bucket/events/2011-*.csv} (a glob over keys), {@code s3://bucket/events/} (the objects
   * directly under a folder, like {@link FileSet#folder}) or {@code
   * s3://bucket/events/2011-01-04.csv} (one object). Objects ending in {@code .gz} are gunzipped;
   * for other reading options build a source and use {@link #files()}.
   *
   * <pre>{@code
   * MultiFileSource days =
   *     MultiFileSource.builder(S3Source.files(s3, "s3://acme-events/retail/2011-*.csv")).get();
   * }</pre>
   *
   * @param s3 the client, which the caller keeps and closes
   * @param address {@code s3://} then the bucket, then a key, a folder ending in {@code /} or a
   *     glob
   */
  public static FileSet files(S3Client s3, String address) {
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(address, "address");
    if (!address.startsWith("s3://")) {
      throw new IllegalArgumentException(
          "'" + address + "' is not an s3:// address; write s3://bucket/prefix/*.csv");
    }
    String rest = address.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String pattern = slash < 0 ? "" : rest.substring(slash + 1);
    Builder b = builder(s3).setBucket(bucket);
    int wild = firstWildcard(pattern);
    if (wild >= 0) {
      // The literal part before the first wildcard narrows the listing; the rest is matched.
      return b.setPrefix(pattern.substring(0, wild))
          .setGlob(pattern.substring(wild))
          .get()
          .describedAs(address);
    }
    if (pattern.isEmpty() || pattern.endsWith("/")) {
      return b.setPrefix(pattern).setGlob("*").get().describedAs(address);
    }
    return b.get().files(List.of(pattern));
  }

  private FileSet describedAs(String description) {
    FileSet all = files();
    return FileSet.from(description, all::resolve);
  }

  private static int firstWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        return i;
      }
    }
    return -1;
  }

  /** The bucket this source reads. */
  public String bucket() {
    return bucket;
  }

  /**
   * One object of the bucket by its key, with its size and entity tag as a listing gives them. The
   * prefix and glob do not apply: any key of the bucket may be asked for.
   *
   * @throws S3ObjectException naming the object if it does not exist or cannot be asked for
   */
  public InputFile head(String key) {
    Objects.requireNonNull(key, "key");
    HeadObjectResponse h;
    try {
      h = s3.headObject(b -> b.bucket(bucket).key(key));
    } catch (SdkException e) {
      String what =
          e instanceof S3Exception s && s.statusCode() == 404
              ? "no such object; check the key"
              : "cannot be looked up: " + ResumingObjectStream.describe(e);
      throw new S3ObjectException(bucket, key, what, new IOException(e));
    }
    return new S3File(
        this, bucket, key, h.contentLength() == null ? 0 : h.contentLength(), h.eTag());
  }

  /**
   * The decoded content of one object (gunzipped if it is gzip, resumed if cut). The stream fails
   * with an {@link IOException} naming the object if it cannot be read whole.
   */
  public InputStream openObject(String key) throws IOException {
    return openStream(key);
  }

  /** {@link #openObject}, typed for the checks a pass makes when the object was read. */
  ObjectStream openStream(String key) throws IOException {
    return ObjectStream.open(s3, bucket, key, compression, maxExpansionRatio, maxResumes);
  }

  /** The schema of the first pending object (all objects must share it). */
  @Override
  public Schema schema() {
    Schema s = schema;
    if (s == null) {
      List<S3File> objects = listObjects();
      if (objects.isEmpty()) {
        throw new IllegalStateException(
            "no object under " + description() + "; check the bucket, prefix and glob");
      }
      S3File first = objects.get(0);
      s = format.open(first.location(), first::open).schema();
      schema = s;
    }
    return s;
  }

  /** {@code s3://bucket/prefix} and the glob. */
  @Override
  public String description() {
    return "s3://" + bucket + "/" + prefix + (glob == KeyGlob.ALL ? "" : " (" + glob + ")");
  }

  /**
   * What the most recent pass did with its objects so far (read, quarantined, skipped, validated
   * against a stored checksum or not); {@link S3ReadAccount#EMPTY} before the first.
   */
  public S3ReadAccount account() {
    return account;
  }

  @Override
  public CloseableIterator<Record> iterator() {
    return new ObjectsIterator(this, pendingObjects());
  }

  @Override
  public String toString() {
    return "S3Source[" + description() + "]";
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
    private FileReadLog readLog;
    private ProgressListener progress = ProgressListener.NONE;
    private BadRecordPolicy badObjectPolicy = BadRecordPolicy.FAIL;
    private Quarantine quarantine;
    private int maxRecordsPerObject = 1_000_000;

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

    /**
     * Only keys whose part after the prefix matches this glob are read (default {@code **}): {@code
     * *} matches within one {@code /}-separated level, {@code **} across levels, {@code ?} one
     * character other than {@code /}; every other character matches itself.
     */
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
    public Builder setReadLog(FileReadLog readLog) {
      this.readLog = Objects.requireNonNull(readLog, "readLog");
      return this;
    }

    /**
     * What to do with an object that cannot be read whole (truncated beyond repair, checksum
     * mismatch, broken gzip, over the expansion or record cap): {@link BadRecordPolicy#FAIL} (the
     * default) ends the pass with an {@link S3ObjectException}; {@link BadRecordPolicy#QUARANTINE}
     * puts a record naming the object and the reason (no data) into the quarantine and goes on;
     * {@link BadRecordPolicy#SKIP} counts it and goes on. Either way none of its records reach the
     * consumer, and it is not marked delivered, so a later run tries it again.
     */
    public Builder setBadObjectPolicy(BadRecordPolicy policy) {
      this.badObjectPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Where bad objects go under {@link BadRecordPolicy#QUARANTINE}. */
    public Builder setQuarantine(Quarantine quarantine) {
      this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
      return this;
    }

    /**
     * The most records one object may hold (default 1,000,000). Each object is buffered whole so
     * that none of its records reach the consumer unless it is read to its end and checked; this
     * cap bounds that buffer. A larger object is a bad object.
     */
    public Builder setMaxRecordsPerObject(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRecordsPerObject (" + max + ") must be at least 1");
      }
      this.maxRecordsPerObject = max;
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
