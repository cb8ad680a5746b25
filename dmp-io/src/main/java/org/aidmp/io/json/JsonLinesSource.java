package org.aidmp.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.io.csv.Compression;
import org.aidmp.io.internal.compress.GzipInput;
import org.aidmp.io.internal.stream.Streams;

/**
 * Records read from JSON Lines: one JSON object per line, or an array of objects (a batch of
 * events) on a line, mapped onto a declared {@link Schema}.
 *
 * <pre>{@code
 * Schema events = Schema.builder()
 *     .add("user_id", ColumnType.STRING)
 *     .add("ts", ColumnType.TIMESTAMP)
 *     .add("url", ColumnType.STRING)
 *     .add("value", ColumnType.DOUBLE)
 *     .build();
 * JsonLinesSource source = JsonLinesSource.builder(Path.of("events.jsonl.gz"))
 *     .setSchema(events)
 *     .setPath("url", "context.page.url")
 *     .setBadRecordPolicy(BadRecordPolicy.QUARANTINE).setQuarantine(rejected)
 *     .get();
 * }</pre>
 *
 * <p><b>Fields.</b> Each column reads the field at its path: the column's name unless {@link
 * Builder#setPath} gives another, with dots separating the names of nested objects ({@code
 * context.page.url}). A field that is absent, or {@code null}, is missing; fields no column asks
 * for are skipped without being decoded.
 *
 * <p><b>Types.</b> Values are coerced to the column's type: {@code STRING} and {@code CATEGORY}
 * take strings, and numbers and booleans as their JSON text; {@code INT} and {@code LONG} take
 * integers in range, whole decimals and strings of digits; {@code DOUBLE} takes finite numbers and
 * strings in decimal notation; {@code BOOLEAN} takes {@code true}/{@code false}, also quoted;
 * {@code TIMESTAMP} takes ISO-8601 strings (an instant, an offset date-time, or a local date-time
 * or date read as UTC) and integers as epoch milliseconds (or seconds, see {@link
 * Builder#setEpochSeconds}). An object or array where a value is expected, or a value that cannot
 * be coerced, makes the row bad, naming the column.
 *
 * <p><b>Rows and counts.</b> A line holding an object is one row; a line holding an array is one
 * row per element, each of which must be an object. Blank lines are not rows. A line that is not
 * one well-formed JSON value, or holds bytes that are not UTF-8, is one bad row. Bad rows follow
 * the {@link BadRecordPolicy}: {@code FAIL} (the default) throws a {@link BadRecordException},
 * {@code SKIP} counts and drops them, {@code QUARANTINE} hands them to the {@link Quarantine} with
 * the line, the column and the reason (the line's text is the one field). Every pass counts read =
 * accepted + quarantined + skipped ({@link #counts()}). Origins carry the description and the
 * 1-based line.
 *
 * <p><b>Memory.</b> Lines are read one at a time into a buffer capped at {@link
 * Builder#setMaxLineBytes} (16 MiB by default); a longer line, such as a string that is never
 * closed, stops the read at once with {@link BadRecordException.Problem#LINE_TOO_LONG}. Names and
 * messages never hold the content of a line.
 *
 * <p>Each {@link #iterator()} opens the input again. Instances are immutable and thread-safe; each
 * iterator is for one thread.
 */
public final class JsonLinesSource implements Source {
  /** The default cap on the bytes of one line: 16 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;

  /** The rule name of rows that are not well-formed JSON. */
  public static final String MALFORMED_RULE = "json.malformed";

  /** The rule name of rows that are not objects. */
  public static final String NOT_AN_OBJECT_RULE = "json.not-an-object";

  /** The rule name of rows with a value that does not fit its column. */
  public static final String WRONG_TYPE_RULE = "json.wrong-type";

  /** The rule name of rows with bytes that are not UTF-8. */
  public static final String ENCODING_RULE = "json.invalid-utf8";

  private static final Pattern PATH = Pattern.compile("[^.]+(\\.[^.]+)*");

  private final String description;
  private final Callable<InputStream> supplier;
  private final Path path;
  private final Schema schema;
  private final Map<String, String> paths;
  private final BadRecordPolicy policy;
  private final Quarantine quarantine;
  private final int maxLineBytes;
  private final Compression compression;
  private final boolean epochSeconds;
  private final JsonFactory factory;
  private final FieldTree tree;
  private volatile JsonLinesIterator latest;

  private JsonLinesSource(Builder b) {
    if (b.schema == null) {
      throw new IllegalArgumentException(
          "no schema for " + b.description + "; call setSchema(...) with the columns to read");
    }
    for (String column : b.paths.keySet()) {
      if (!b.schema.contains(column)) {
        throw new IllegalArgumentException(
            "a path is set for column '"
                + column
                + "', which is not in the schema "
                + b.schema.names()
                + "; add the column or fix its name");
      }
    }
    if (b.policy == BadRecordPolicy.QUARANTINE && b.quarantine == null) {
      throw new IllegalArgumentException(
          "bad-record policy QUARANTINE needs a quarantine; call setQuarantine(...)");
    }
    if (b.policy != BadRecordPolicy.QUARANTINE && b.quarantine != null) {
      throw new IllegalArgumentException(
          "a quarantine is set but the bad-record policy is "
              + b.policy
              + ", so it would never be used; set the policy to QUARANTINE or drop the quarantine");
    }
    this.description = b.description;
    this.supplier = b.supplier;
    this.path = b.path;
    this.schema = b.schema;
    this.paths = Map.copyOf(b.paths);
    this.policy = b.policy;
    this.quarantine = b.quarantine;
    this.maxLineBytes = b.maxLineBytes;
    this.compression = b.compression;
    this.epochSeconds = b.epochSeconds;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(Math.max(maxLineBytes, 1 << 10))
                    .maxNumberLength(1000)
                    .build())
            .build();
    this.tree = new FieldTree();
    for (int i = 0; i < schema.size(); i++) {
      String name = schema.column(i).name();
      tree.add(paths.getOrDefault(name, name), i);
    }
  }

  /** A builder for a source reading a file; a name ending in {@code .gz} is gunzipped. */
  public static Builder builder(Path path) {
    Objects.requireNonNull(path, "path");
    return new Builder(path.toString(), () -> Files.newInputStream(path), path);
  }

  /**
   * A builder for a source reading whatever stream {@code supplier} opens.
   *
   * @param description where the bytes come from, for errors and origins; no secrets
   * @param supplier opens a new stream from the first byte for each read, which the source closes;
   *     an {@link IOException} it throws fails the read naming the description
   */
  public static Builder builder(String description, Callable<InputStream> supplier) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(supplier, "supplier");
    if (description.isBlank()) {
      throw new IllegalArgumentException("description is blank; say where the bytes come from");
    }
    return new Builder(description, supplier, null);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public String description() {
    return description;
  }

  /** The path each column reads, in schema order. */
  public Map<String, String> paths() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : schema.names()) {
      out.put(name, paths.getOrDefault(name, name));
    }
    return out;
  }

  /** The cap on the bytes of one line. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /**
   * Opens the input and returns an iterator over its rows; {@link #counts()} follows it. Reading to
   * the end, or a failure, closes the input; close the iterator if you stop early.
   *
   * @throws UncheckedIOException naming the source if the input cannot be opened
   */
  @Override
  public CloseableIterator<Record> iterator() {
    return pass();
  }

  /** What {@link #iterator()} opens, typed for the counts of this one pass. */
  JsonLinesIterator pass() {
    InputStream raw;
    try {
      raw = Streams.open(supplier, description);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + description + ": " + e.getMessage(), e);
    }
    try {
      JsonLinesIterator it = new JsonLinesIterator(this, decompress(raw), raw);
      latest = it;
      return it;
    } catch (IOException e) {
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot read " + description + ": " + e.getMessage(), e);
    }
  }

  /** The counts of the most recent pass (live while it runs), or empty before the first. */
  public ReadCounts counts() {
    JsonLinesIterator it = latest;
    return it == null ? ReadCounts.EMPTY : it.counts();
  }

  @Override
  public long quarantinedRows() {
    return counts().quarantined();
  }

  @Override
  public long skippedRows() {
    return counts().skipped();
  }

  @Override
  public String toString() {
    return "JsonLinesSource[" + description + "]";
  }

  /** Gzip as the CSV source detects it; lines are capped in length, so no expansion cap. */
  private InputStream decompress(InputStream in) throws IOException {
    return switch (compression) {
      case NONE -> in;
      case GZIP -> GzipInput.gunzip(in, Double.POSITIVE_INFINITY, description);
      case AUTO -> GzipInput.detect(in, path, Double.POSITIVE_INFINITY, description);
    };
  }

  // ---- for the iterator

  JsonFactory factory() {
    return factory;
  }

  FieldTree tree() {
    return tree;
  }

  BadRecordPolicy policy() {
    return policy;
  }

  Quarantine quarantine() {
    return quarantine;
  }

  boolean epochSeconds() {
    return epochSeconds;
  }

  /** Field names by path, as a tree: the nodes a column reads are marked with its position. */
  static final class FieldTree {
    final Map<String, FieldTree> children = new HashMap<>();
    int column = -1;

    void add(String path, int column) {
      FieldTree node = this;
      for (String part : path.split("\\.")) {
        node = node.children.computeIfAbsent(part, k -> new FieldTree());
      }
      node.column = column;
    }
  }

  /** Settings of a {@link JsonLinesSource}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final String description;
    private final Callable<InputStream> supplier;
    private final Path path;
    private Schema schema;
    private final Map<String, String> paths = new HashMap<>();
    private BadRecordPolicy policy = BadRecordPolicy.FAIL;
    private Quarantine quarantine;
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private Compression compression = Compression.AUTO;
    private boolean epochSeconds;

    private Builder(String description, Callable<InputStream> supplier, Path path) {
      this.description = description;
      this.supplier = supplier;
      this.path = path;
    }

    /** The columns to read and their types (required). */
    public Builder setSchema(Schema schema) {
      Objects.requireNonNull(schema, "schema");
      if (schema.size() == 0) {
        throw new IllegalArgumentException("the schema has no columns; declare at least one");
      }
      this.schema = schema;
      return this;
    }

    /**
     * Reads {@code column} from the field at {@code path}, dot-separated names of nested objects
     * ({@code "context.page.url"}); by default a column reads the field at its own name.
     */
    public Builder setPath(String column, String path) {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(path, "path");
      if (!PATH.matcher(path).matches()) {
        throw new IllegalArgumentException(
            "path '"
                + path
                + "' for column '"
                + column
                + "' is not dot-separated field names; write it like context.page.url");
      }
      this.paths.put(column, path);
      return this;
    }

    /** What to do with a bad row; {@link BadRecordPolicy#FAIL} by default. */
    public Builder setBadRecordPolicy(BadRecordPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Where rows go under {@link BadRecordPolicy#QUARANTINE}; {@code null} removes it. */
    public Builder setQuarantine(Quarantine quarantine) {
      this.quarantine = quarantine;
      return this;
    }

    /**
     * The most bytes one line may have (16 MiB by default); it bounds the memory a line that never
     * ends can take, so keep it well under the heap.
     */
    public Builder setMaxLineBytes(int maxLineBytes) {
      if (maxLineBytes < 2) {
        throw new IllegalArgumentException(
            "maxLineBytes (" + maxLineBytes + ") must be at least 2");
      }
      this.maxLineBytes = maxLineBytes;
      return this;
    }

    /** Whether to gunzip; {@link Compression#AUTO} by default. */
    public Builder setCompression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /** Reads integer timestamps as epoch seconds instead of milliseconds. */
    public Builder setEpochSeconds(boolean seconds) {
      this.epochSeconds = seconds;
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalArgumentException if settings are missing or contradict each other
     */
    public JsonLinesSource get() {
      return new JsonLinesSource(this);
    }
  }
}
