package org.aidmp.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Column;
import org.aidmp.data.Origin;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Records read from a Parquet file: the columns a pipeline asks for, with nested fields flattened
 * by dotted path and row groups left out by a filter.
 *
 * <pre>{@code
 * ParquetSource events = ParquetSource.builder(Path.of("events.parquet"))
 *     .setColumns("user_id", "ts", "context.page.url", "amount")
 *     .setFilter(FilterApi.gt(FilterApi.doubleColumn("amount"), 0.0))
 *     .get();
 * for (Record r : events) { ... }
 * }</pre>
 *
 * <p><b>Columns.</b> Each column is a leaf of the file's schema named by its path ({@code
 * context.page.url}); by default every leaf that is not inside a repeated field (a list or a map)
 * is read, in file order. Only the chosen columns are decoded. Types map as follows: {@code
 * BOOLEAN} to {@code BOOLEAN}; {@code INT32} to {@code INT} ({@code LONG} for unsigned 32-bit);
 * {@code INT64} to {@code LONG}; {@code FLOAT} and {@code DOUBLE} to {@code DOUBLE}; {@code
 * DECIMAL} of any physical type to {@code DOUBLE} (nearest double); {@code DATE} (start of the day,
 * UTC), {@code TIMESTAMP} in milliseconds, microseconds or nanoseconds, and legacy {@code INT96} to
 * {@code TIMESTAMP}; {@code UUID} to its text; strings, enums, JSON and other binary values to
 * {@code STRING}, decoded as UTF-8. Dictionary-encoded pages are decoded once per dictionary, not
 * once per value.
 *
 * <p><b>Filter.</b> With {@link Builder#setFilter} row groups whose statistics or dictionaries rule
 * the predicate out are not read at all, and rows that fail it are not returned; such rows are
 * outside the query, not rejected, so they are not counted.
 *
 * <p><b>Errors and counts.</b> Parquet values always have their declared type, so no row is bad:
 * every row read is accepted ({@link #counts()}). A file that is not Parquet, is cut short, or is
 * corrupt fails with a {@link ParquetReadException} naming the file (and the row group and row when
 * it breaks mid-way). Each record's origin is the file and its 1-based row in the file.
 *
 * <p>Each {@link #iterator()} opens the file again. Instances are immutable and thread-safe; each
 * iterator is for one thread.
 */
public final class ParquetSource implements Source {
  private final Path file;
  private final List<String> requested;
  private final FilterPredicate filter;
  private volatile Plan plan;
  private volatile Rows latest;

  private ParquetSource(Builder b) {
    this.file = b.file;
    this.requested = b.columns == null ? null : List.copyOf(b.columns);
    this.filter = b.filter;
  }

  /** A builder reading {@code file}. */
  public static Builder builder(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"));
  }

  /** The columns chosen and the projected Parquet schema, from the file's footer. */
  private record Plan(Schema schema, MessageType projection, List<ParquetColumns.Leaf> leaves) {}

  private Plan plan() {
    Plan p = plan;
    if (p != null) {
      return p;
    }
    MessageType fileSchema;
    try (ParquetFileReader r = open(null)) {
      fileSchema = r.getFooter().getFileMetaData().getSchema();
    } catch (IOException e) {
      throw new ParquetReadException(file, -1, 0, "cannot read the footer: " + e.getMessage(), e);
    }
    List<ParquetColumns.Leaf> all = ParquetColumns.leaves(fileSchema);
    List<ParquetColumns.Leaf> chosen = new ArrayList<>();
    if (requested == null) {
      chosen.addAll(all);
    } else {
      for (String path : requested) {
        ParquetColumns.Leaf leaf = null;
        for (ParquetColumns.Leaf l : all) {
          if (l.path().equals(path)) {
            leaf = l;
          }
        }
        if (leaf == null) {
          List<String> names = all.stream().map(ParquetColumns.Leaf::path).toList();
          throw new IllegalArgumentException(
              file
                  + " has no column '"
                  + path
                  + "' outside lists and maps; it has "
                  + names
                  + " (nested fields are named by dotted path; repeated fields are not flattened)");
        }
        chosen.add(leaf);
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(
          file + " has no column outside lists and maps; name the columns to read");
    }
    List<Column> cols = new ArrayList<>();
    Set<String> paths = new LinkedHashSet<>();
    for (ParquetColumns.Leaf l : chosen) {
      cols.add(new Column(l.path(), l.columnType()));
      paths.add(l.path());
    }
    MessageType projection = new MessageType(fileSchema.getName(), prune(fileSchema, "", paths));
    p = new Plan(Schema.of(cols), projection, List.copyOf(chosen));
    plan = p;
    return p;
  }

  private static List<Type> prune(GroupType group, String prefix, Set<String> paths) {
    List<Type> kept = new ArrayList<>();
    for (Type t : group.getFields()) {
      String path = prefix.isEmpty() ? t.getName() : prefix + "." + t.getName();
      if (t.isPrimitive()) {
        if (paths.contains(path)) {
          kept.add(t);
        }
      } else if (!t.isRepetition(Type.Repetition.REPEATED) && !ParquetColumns.isListOrMap(t)) {
        List<Type> sub = prune(t.asGroupType(), path, paths);
        if (!sub.isEmpty()) {
          kept.add(t.asGroupType().withNewFields(sub));
        }
      }
    }
    return kept;
  }

  private ParquetFileReader open(FilterPredicate predicate) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ParquetReadException(
          file, -1, 0, "no such file", new java.nio.file.NoSuchFileException(file.toString()));
    }
    ParquetReadOptions.Builder o = ParquetReadOptions.builder(new PlainParquetConfiguration());
    if (predicate != null) {
      o.withRecordFilter(FilterCompat.get(predicate));
    }
    try {
      return new ParquetFileReader(new LocalInputFile(file), o.build());
    } catch (IOException | RuntimeException e) {
      throw new ParquetReadException(
          file, -1, 0, "not a readable Parquet file (" + e.getMessage() + ")", e);
    }
  }

  /** The chosen columns, read from the footer on the first call. */
  @Override
  public Schema schema() {
    return plan().schema();
  }

  /** The file's path. */
  @Override
  public String description() {
    return file.toString();
  }

  /** A pass over the rows, opening the file. */
  @Override
  public Rows iterator() {
    Rows it = new Rows(plan());
    latest = it;
    return it;
  }

  /** The counts of the most recent pass; empty before the first. */
  public ReadCounts counts() {
    Rows r = latest;
    return r == null ? ReadCounts.EMPTY : r.counts();
  }

  /** Always 0: Parquet rows are typed, so none is rejected while reading. */
  @Override
  public long quarantinedRows() {
    return 0;
  }

  /** Always 0. */
  @Override
  public long skippedRows() {
    return 0;
  }

  @Override
  public String toString() {
    return "ParquetSource[" + file + "]";
  }

  /** One pass over the file. Not thread-safe, except {@link #counts()}. */
  public final class Rows implements CloseableIterator<Record> {
    private final Plan plan;
    private final ParquetFileReader reader;
    private final MessageColumnIO columnIO;
    private final Materializer materializer;
    private final FilterCompat.Filter recordFilter;
    private final int rowGroupsAfterFilter;
    private final int rowGroupsInFile;
    private RecordReader<Object[]> rows;
    private long left;
    private int rowGroup = -1;
    private long rowInFile;
    private Record next;
    private boolean closed;
    private volatile long accepted;

    private Rows(Plan plan) {
      this.plan = plan;
      try {
        this.reader = open(filter);
      } catch (IOException e) {
        throw new ParquetReadException(file, -1, 0, e.getMessage(), e);
      }
      rowGroupsInFile = reader.getFooter().getBlocks().size();
      rowGroupsAfterFilter = reader.getRowGroups().size();
      reader.setRequestedSchema(plan.projection());
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      this.columnIO = new ColumnIOFactory(false).getColumnIO(plan.projection(), fileSchema, true);
      this.materializer = new Materializer(plan);
      this.recordFilter = filter == null ? FilterCompat.NOOP : FilterCompat.get(filter);
    }

    /** Row groups in the file. */
    public int rowGroupsInFile() {
      return rowGroupsInFile;
    }

    /** Row groups left to read after the filter ruled some out by statistics or dictionary. */
    public int rowGroupsToRead() {
      return rowGroupsAfterFilter;
    }

    /** Rows handed out so far; read = accepted. Any thread may call it. */
    public ReadCounts counts() {
      long a = accepted;
      return new ReadCounts(a, a, 0, 0);
    }

    @Override
    public boolean hasNext() {
      while (next == null && !closed) {
        if (left == 0 && !nextRowGroup()) {
          close();
          return false;
        }
        Object[] values;
        try {
          values = rows.read();
          left--;
          rowInFile++;
          if (rows.shouldSkipCurrentRecord()) {
            values = null;
          }
        } catch (RuntimeException e) {
          close();
          throw new ParquetReadException(
              file, rowGroup, rowInFile + 1, "cannot decode (" + e.getMessage() + ")", e);
        }
        if (values != null) {
          // under a filter whole row groups are left out, so this counts the rows of the row
          // groups read; without one it is the row's position in the file
          next = Record.of(plan.schema(), new Origin(file.toString(), rowInFile), values);
          accepted++;
        }
      }
      return next != null;
    }

    private boolean nextRowGroup() {
      PageReadStore pages;
      try {
        pages = filter == null ? reader.readNextRowGroup() : reader.readNextFilteredRowGroup();
        rowGroup++;
      } catch (IOException | RuntimeException e) {
        close();
        throw new ParquetReadException(
            file, rowGroup + 1, 0, "cannot read the row group (" + e.getMessage() + ")", e);
      }
      if (pages == null) {
        return false;
      }
      left = pages.getRowCount();
      rows = columnIO.getRecordReader(pages, materializer, recordFilter);
      return true;
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more rows in " + file);
      }
      Record r = next;
      next = null;
      return r;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        reader.close();
      } catch (IOException e) {
        // reading only: nothing is lost when closing fails
      }
    }
  }

  /** Builds each row straight into the record's value array. */
  private static final class Materializer extends RecordMaterializer<Object[]> {
    private final int width;
    private final Object[][] current = new Object[1][];
    private final Group root;

    Materializer(Plan plan) {
      this.width = plan.schema().size();
      this.root = new Group(plan.projection(), "", plan.schema(), current, true, width);
    }

    @Override
    public Object[] getCurrentRecord() {
      return current[0];
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }

    @Override
    public void skipCurrentRecord() {
      current[0] = null;
    }
  }

  private static final class Group extends GroupConverter {
    private final Converter[] children;
    private final Object[][] current;
    private final boolean root;
    private final int width;

    Group(
        GroupType type, String prefix, Schema schema, Object[][] current, boolean root, int width) {
      this.current = current;
      this.root = root;
      this.width = width;
      this.children = new Converter[type.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        Type t = type.getType(i);
        String path = prefix.isEmpty() ? t.getName() : prefix + "." + t.getName();
        children[i] =
            t.isPrimitive()
                ? new Leaf(t.asPrimitiveType(), schema.indexOf(path), current)
                : new Group(t.asGroupType(), path, schema, current, false, width);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      if (root) {
        current[0] = new Object[width];
      }
    }

    @Override
    public void end() {}
  }

  private static final class Leaf extends PrimitiveConverter {
    private final int column;
    private final Object[][] current;
    private final ParquetColumns.Decoder decoder;
    private final PrimitiveType.PrimitiveTypeName physical;
    private Object[] dictionary;

    Leaf(PrimitiveType type, int column, Object[][] current) {
      this.column = column;
      this.current = current;
      this.physical = type.getPrimitiveTypeName();
      this.decoder = ParquetColumns.decoder(type);
    }

    @Override
    public boolean hasDictionarySupport() {
      return physical != PrimitiveType.PrimitiveTypeName.BOOLEAN;
    }

    @Override
    public void setDictionary(Dictionary d) {
      Object[] values = new Object[d.getMaxId() + 1];
      for (int id = 0; id < values.length; id++) {
        values[id] =
            switch (physical) {
              case FLOAT -> (double) d.decodeToFloat(id);
              case DOUBLE -> d.decodeToDouble(id);
              default -> decoder.ofDictionary(d, id);
            };
      }
      dictionary = values;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      current[0][column] = dictionary[dictionaryId];
    }

    @Override
    public void addBoolean(boolean value) {
      current[0][column] = value;
    }

    @Override
    public void addInt(int value) {
      current[0][column] = decoder.ofInt(value);
    }

    @Override
    public void addLong(long value) {
      current[0][column] = decoder.ofLong(value);
    }

    @Override
    public void addFloat(float value) {
      current[0][column] = (double) value;
    }

    @Override
    public void addDouble(double value) {
      current[0][column] = value;
    }

    @Override
    public void addBinary(Binary value) {
      current[0][column] = decoder.ofBinary(value);
    }
  }

  /** Options of a {@link ParquetSource}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final Path file;
    private List<String> columns;
    private FilterPredicate filter;

    private Builder(Path file) {
      this.file = file;
    }

    /**
     * Reads only these columns, by dotted path, in this order (default: every leaf outside lists
     * and maps, in file order). Checked against the file when the schema is first needed.
     */
    public Builder setColumns(String... paths) {
      Objects.requireNonNull(paths, "paths");
      if (paths.length == 0) {
        throw new IllegalArgumentException("no columns given; name at least one or leave it unset");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String p : paths) {
        if (!seen.add(Objects.requireNonNull(p, "path"))) {
          throw new IllegalArgumentException("column '" + p + "' is given twice; give it once");
        }
      }
      this.columns = new ArrayList<>(Arrays.asList(paths));
      return this;
    }

    /**
     * Keeps only rows that satisfy {@code predicate}, skipping whole row groups whose statistics or
     * dictionaries rule it out. Build it with {@code
     * org.apache.parquet.filter2.predicate.FilterApi} on the columns' paths.
     */
    public Builder setFilter(FilterPredicate predicate) {
      this.filter = Objects.requireNonNull(predicate, "predicate");
      return this;
    }

    /** The source; the file is opened by {@link ParquetSource#schema()} and each iterator. */
    public ParquetSource get() {
      return new ParquetSource(this);
    }
  }
}
