package org.aidmp.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.aidmp.data.Column;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Sink;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes records to a Parquet file, which appears whole when the sink is closed: exported
 * audiences, segments, scores and recommendations, or any records.
 *
 * <pre>{@code
 * try (ParquetSink out = ParquetSink.builder(Path.of("audience.parquet"), audience.schema()).get()) {
 *   out.acceptAll(audience);
 * }
 * }</pre>
 *
 * <p>Every column is optional (missing values are nulls). Types map as {@code STRING} and {@code
 * CATEGORY} to UTF-8 strings, {@code INT} to {@code INT32}, {@code LONG} to {@code INT64}, {@code
 * DOUBLE} to {@code DOUBLE}, {@code BOOLEAN} to {@code BOOLEAN} and {@code TIMESTAMP} to {@code
 * INT64} microseconds since the epoch, adjusted to UTC, so {@link ParquetSource}, DuckDB, Spark and
 * pandas read the file back with the same types. Text columns are dictionary-encoded where that
 * pays. The file is written beside the target under a temporary name and moved into place by {@link
 * #close()}; a sink that fails or is {@linkplain #abort() aborted} leaves nothing.
 */
public final class ParquetSink implements Sink<Record> {
  private final Path target;
  private final Path temp;
  private final Schema schema;
  private final ParquetWriter<Record> writer;
  private long rows;
  private boolean closed;

  private ParquetSink(Builder b) throws IOException {
    this.target = b.target;
    this.schema = b.schema;
    Path dir = target.toAbsolutePath().getParent();
    this.temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    MessageType type = messageType(schema);
    try {
      this.writer =
          new WriterBuilder(new LocalOutputFile(temp), type)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .withCompressionCodec(b.codec)
              .withRowGroupSize(b.rowGroupBytes)
              .withDictionaryEncoding(true)
              .build();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** A builder writing records of {@code schema} to {@code file}. */
  public static Builder builder(Path file, Schema schema) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(schema, "schema");
    if (schema.size() == 0) {
      throw new IllegalArgumentException("the schema has no columns; a file needs at least one");
    }
    return new Builder(file, schema);
  }

  /** The Parquet schema records of {@code schema} are written with. */
  static MessageType messageType(Schema schema) {
    Types.MessageTypeBuilder m = Types.buildMessage();
    for (Column c : schema.columns()) {
      Type t =
          switch (c.type()) {
            case STRING, CATEGORY ->
                Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(c.name());
            case INT -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
            case LONG -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            case TIMESTAMP ->
                Types.optional(PrimitiveTypeName.INT64)
                    .as(
                        LogicalTypeAnnotation.timestampType(
                            true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(c.name());
          };
      m.addField(t);
    }
    return m.named("record");
  }

  /**
   * Writes one record; it must have the sink's schema.
   *
   * @throws IllegalArgumentException if the record has another schema
   * @throws UncheckedIOException naming the file if writing fails; the output is then discarded
   */
  @Override
  public void accept(Record record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      throw new IllegalStateException(target + ": the sink is closed");
    }
    if (!record.schema().equals(schema)) {
      throw new IllegalArgumentException(
          "record from "
              + record.origin()
              + " has schema "
              + record.schema()
              + " but the sink writes "
              + schema
              + "; reshape records before writing");
    }
    try {
      writer.write(record);
      rows++;
    } catch (IOException | RuntimeException e) {
      abort();
      throw new UncheckedIOException(
          target + ": writing row " + (rows + 1) + " failed",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** Discards everything written; the target is left as it was. */
  public void abort() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException | RuntimeException e) {
      // the output is discarded anyway
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // a stray temporary file is harmless: it is hidden and never read as the target
    }
  }

  /**
   * Completes the file and moves it into place. Closing twice does nothing.
   *
   * @throws UncheckedIOException naming the file if it cannot be completed
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      writer.close();
      closed = true;
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      abort();
      throw new UncheckedIOException(
          "completing " + target + " failed",
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static final class WriterBuilder extends ParquetWriter.Builder<Record, WriterBuilder> {
    private final MessageType type;

    WriterBuilder(LocalOutputFile file, MessageType type) {
      super(file);
      this.type = type;
    }

    @Override
    protected WriterBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<Record> getWriteSupport(Configuration conf) {
      return new RecordWriteSupport(type);
    }

    @Override
    protected WriteSupport<Record> getWriteSupport(ParquetConfiguration conf) {
      return new RecordWriteSupport(type);
    }
  }

  private static final class RecordWriteSupport extends WriteSupport<Record> {
    private final MessageType type;
    private final PrimitiveTypeName[] physical;
    private final String[] names;
    private RecordConsumer out;

    RecordWriteSupport(MessageType type) {
      this.type = type;
      this.physical = new PrimitiveTypeName[type.getFieldCount()];
      this.names = new String[physical.length];
      for (int i = 0; i < physical.length; i++) {
        physical[i] = type.getType(i).asPrimitiveType().getPrimitiveTypeName();
        names[i] = type.getType(i).getName();
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, new HashMap<>());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(type, new HashMap<String, String>(Map.of()));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Record r) {
      out.startMessage();
      for (int i = 0; i < physical.length; i++) {
        Object v = r.get(i);
        if (v == null) {
          continue;
        }
        out.startField(names[i], i);
        switch (physical[i]) {
          case BINARY -> out.addBinary(Binary.fromString((String) v));
          case INT32 -> out.addInteger((Integer) v);
          case INT64 -> {
            if (v instanceof Instant t) {
              out.addLong(
                  Math.addExact(
                      Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000));
            } else {
              out.addLong((Long) v);
            }
          }
          case DOUBLE -> out.addDouble((Double) v);
          case BOOLEAN -> out.addBoolean((Boolean) v);
          default -> throw new AssertionError(physical[i]);
        }
        out.endField(names[i], i);
      }
      out.endMessage();
    }
  }

  /** Options of a {@link ParquetSink}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final Path target;
    private final Schema schema;
    private CompressionCodecName codec = CompressionCodecName.SNAPPY;
    private long rowGroupBytes = 64L << 20;

    private Builder(Path target, Schema schema) {
      this.target = target;
      this.schema = schema;
    }

    /** The compression codec (default {@code SNAPPY}; {@code UNCOMPRESSED}, {@code GZIP}...). */
    public Builder setCompression(CompressionCodecName codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * The target size of a row group in bytes (default 64 MiB); smaller groups let readers skip
     * more with a filter, larger ones compress better.
     */
    public Builder setRowGroupBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            "row group size (" + bytes + " bytes) must be at least 1024");
      }
      this.rowGroupBytes = bytes;
      return this;
    }

    /**
     * Opens the sink: creates the temporary file beside the target.
     *
     * @throws UncheckedIOException naming the target if it cannot be created
     */
    public ParquetSink get() {
      try {
        return new ParquetSink(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a Parquet file beside " + target, e);
      }
    }
  }
}
