package org.aidmp.jdbc;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Column;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Origin;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/**
 * Records streamed from a SQL query, a fetch size at a time, so the result is never held whole in
 * memory.
 *
 * <pre>{@code
 * JdbcSource orders = JdbcSource.builder(db, "SELECT customer_id, ordered_at, amount FROM orders")
 *     .setDescription("crm.orders")
 *     .setFetchSize(10_000)
 *     .setBadRecordPolicy(BadRecordPolicy.QUARANTINE).setQuarantine(rejected)
 *     .get();
 * }</pre>
 *
 * <p><b>Streaming.</b> Each pass opens a connection, turns auto-commit off and runs the query
 * forward-only with the fetch size, which is what makes PostgreSQL's driver use a cursor instead of
 * loading every row; the transaction is rolled back and the connection closed at the end.
 *
 * <p><b>Types.</b> Columns are named by their labels and typed from the result's metadata: {@code
 * BOOLEAN}/{@code BIT} to {@code BOOLEAN}; {@code TINYINT}, {@code SMALLINT}, {@code INTEGER} to
 * {@code INT}; {@code BIGINT} to {@code LONG}; {@code REAL}, {@code FLOAT}, {@code DOUBLE}, {@code
 * NUMERIC}, {@code DECIMAL} to {@code DOUBLE}; {@code DATE} (start of the day, UTC), {@code
 * TIMESTAMP} (read as UTC) and {@code TIMESTAMP WITH TIME ZONE} to {@code TIMESTAMP}; text types
 * and anything else the driver can show as text (UUID, JSON) to {@code STRING}. Binary, array and
 * structured columns are refused when the schema is read: cast them in the query.
 *
 * <p><b>Bad rows.</b> A value that the driver cannot convert, or a number that is not finite
 * ({@code NaN}, a timestamp outside years 1 to 9999 such as PostgreSQL's {@code infinity}), makes
 * the row bad, handled by the {@link BadRecordPolicy} with the row's 1-based position as its line;
 * read = accepted + quarantined + skipped. A failure of the query or the connection (a dropped
 * connection mid-read) stops the pass with a {@link JdbcException} naming the source and the row
 * reached.
 */
public final class JdbcSource implements Source {
  private static final Instant MIN_TIME = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** The rule name of quarantined rows. */
  public static final String BAD_VALUE_RULE = "jdbc.bad-value";

  private final ConnectionSupplier connections;
  private final String sql;
  private final List<Object> parameters;
  private final String description;
  private final int fetchSize;
  private final BadRecordPolicy policy;
  private final Quarantine quarantine;
  private volatile Schema schema;
  private volatile Rows latest;

  private JdbcSource(Builder b) {
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
    this.connections = b.connections;
    this.sql = b.sql;
    this.parameters = List.copyOf(b.parameters);
    this.description = b.description;
    this.fetchSize = b.fetchSize;
    this.policy = b.policy;
    this.quarantine = b.quarantine;
  }

  /**
   * A builder running {@code sql} on connections from {@code connections}.
   *
   * @param sql a query; parameters are given with {@link Builder#setParameters}, never concatenated
   */
  public static Builder builder(ConnectionSupplier connections, String sql) {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(sql, "sql");
    if (sql.isBlank()) {
      throw new IllegalArgumentException("the query is blank; give a SELECT");
    }
    return new Builder(connections, sql);
  }

  @Override
  public Schema schema() {
    Schema s = schema;
    if (s == null) {
      try (Connection c = connections.open();
          PreparedStatement ps = prepare(c)) {
        ResultSetMetaData md = ps.getMetaData();
        if (md == null) {
          ps.setMaxRows(1);
          try (ResultSet rs = ps.executeQuery()) {
            s = schemaOf(rs.getMetaData());
          }
        } else {
          s = schemaOf(md);
        }
      } catch (SQLException e) {
        throw new JdbcException(description, 0, "cannot describe the query: " + state(e), e);
      }
      schema = s;
    }
    return s;
  }

  private PreparedStatement prepare(Connection c) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    for (int i = 0; i < parameters.size(); i++) {
      ps.setObject(i + 1, parameters.get(i));
    }
    return ps;
  }

  private Schema schemaOf(ResultSetMetaData md) throws SQLException {
    List<Column> cols = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String name = md.getColumnLabel(i);
      ColumnType t = typeOf(md.getColumnType(i));
      if (t == null) {
        throw new IllegalArgumentException(
            description
                + ": column '"
                + name
                + "' is "
                + md.getColumnTypeName(i)
                + ", which has no dmp type; cast it to text or a number in the query");
      }
      cols.add(new Column(name, t));
    }
    return Schema.of(cols);
  }

  /** Read a column by its dmp type (getInt, getString, getObject for times...). */
  private static final int READ_BY_TYPE = 0;

  /** Read a TIMESTAMP column as a {@code LocalDateTime} (taken as UTC). */
  private static final int READ_LOCAL_DATE_TIME = 1;

  /** Read a TIMESTAMP WITH TIME ZONE column as an {@code OffsetDateTime}. */
  private static final int READ_OFFSET_DATE_TIME = 2;

  /** Read a DATE column as a {@code LocalDate} (the start of the day, UTC). */
  private static final int READ_LOCAL_DATE = 3;

  static int readerOf(ColumnType type, int sqlType) {
    if (type != ColumnType.TIMESTAMP) {
      return READ_BY_TYPE;
    }
    return switch (sqlType) {
      case Types.TIMESTAMP -> READ_LOCAL_DATE_TIME;
      case Types.TIMESTAMP_WITH_TIMEZONE -> READ_OFFSET_DATE_TIME;
      case Types.DATE -> READ_LOCAL_DATE;
      default -> READ_BY_TYPE;
    };
  }

  static ColumnType typeOf(int sqlType) {
    return switch (sqlType) {
      case Types.BOOLEAN, Types.BIT -> ColumnType.BOOLEAN;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> ColumnType.INT;
      case Types.BIGINT -> ColumnType.LONG;
      case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> ColumnType.DOUBLE;
      case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ColumnType.TIMESTAMP;
      case Types.BINARY,
          Types.VARBINARY,
          Types.LONGVARBINARY,
          Types.BLOB,
          Types.ARRAY,
          Types.STRUCT,
          Types.REF,
          Types.JAVA_OBJECT ->
          null;
      default -> ColumnType.STRING;
    };
  }

  private static String state(SQLException e) {
    return "SQLSTATE " + e.getSQLState() + " (" + e.getClass().getSimpleName() + ")";
  }

  @Override
  public String description() {
    return description;
  }

  /** A pass over the query's rows, on a connection of its own. */
  @Override
  public Rows iterator() {
    Rows r = new Rows(schema());
    latest = r;
    return r;
  }

  /** The counts of the most recent pass; empty before the first. */
  public ReadCounts counts() {
    Rows r = latest;
    return r == null ? ReadCounts.EMPTY : r.counts();
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
    return "JdbcSource[" + description + "]";
  }

  /**
   * One pass over the result. Not thread-safe, except {@link #counts()}.
   *
   * <p>How each column is read is decided once, from the result's metadata, not per row: date and
   * time columns are asked for as {@code java.time} values ({@code LocalDate}, {@code
   * LocalDateTime}, {@code OffsetDateTime}), which JDBC 4.2 drivers produce without going through
   * {@code java.sql.Timestamp} and the default time zone; a driver that cannot is asked with plain
   * {@code getObject} from then on.
   */
  public final class Rows implements CloseableIterator<Record> {
    private final Schema schema;
    private final ColumnType[] types;
    private final int[] readers;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rs;
    private long row;
    private Record next;
    private boolean closed;
    // Written by the reading thread only, read by counts() from any thread: release stores keep
    // the per-row cost to a plain store, and counts() derives read from the three, so any mix of
    // values it sees is balanced.
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private Rows(Schema schema) {
      this.schema = schema;
      this.types = new ColumnType[schema.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = schema.column(i).type();
      }
      this.readers = new int[types.length];
      try {
        connection = connections.open();
        connection.setAutoCommit(false);
        statement = prepare(connection);
        statement.setFetchSize(fetchSize);
        rs = statement.executeQuery();
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 0; i < types.length; i++) {
          readers[i] = readerOf(types[i], md.getColumnType(i + 1));
        }
      } catch (SQLException e) {
        close();
        throw new JdbcException(description, 0, "the query failed: " + state(e), e);
      }
    }

    /** Counts so far; read = accepted + quarantined + skipped. */
    public ReadCounts counts() {
      long a = accepted.get();
      long q = quarantined.get();
      long s = skipped.get();
      return new ReadCounts(a + q + s, a, q, s);
    }

    @Override
    public boolean hasNext() {
      while (next == null && !closed) {
        boolean more;
        try {
          more = rs.next();
        } catch (SQLException e) {
          close();
          throw new JdbcException(
              description, row + 1, "reading failed after " + row + " rows: " + state(e), e);
        }
        if (!more) {
          close();
          break;
        }
        row++;
        Object[] values = new Object[types.length];
        String badColumn = null;
        String reason = null;
        for (int i = 0; i < types.length && reason == null; i++) {
          try {
            values[i] = value(i);
          } catch (SQLException | RuntimeException e) {
            badColumn = schema.column(i).name();
            reason =
                e instanceof BadValue
                    ? e.getMessage()
                    : "the driver cannot read it as "
                        + types[i]
                        + " ("
                        + e.getClass().getSimpleName()
                        + ")";
          }
        }
        if (reason == null) {
          next = Record.of(schema, new Origin(description, row), values);
          accepted.lazySet(accepted.get() + 1);
        } else {
          reject(badColumn, reason, values);
        }
      }
      return next != null;
    }

    private void reject(String column, String reason, Object[] values) {
      switch (policy) {
        case FAIL -> {
          close();
          throw new BadRecordException(description, row, column, reason);
        }
        case SKIP -> skipped.lazySet(skipped.get() + 1);
        case QUARANTINE -> {
          List<String> text = new ArrayList<>(values.length);
          for (Object v : values) {
            text.add(v == null ? "" : v.toString());
          }
          quarantine.accept(
              new QuarantinedRecord(description, row, column, BAD_VALUE_RULE, reason, text));
          quarantined.lazySet(quarantined.get() + 1);
        }
      }
    }

    private Object value(int column) throws SQLException {
      int i = column + 1;
      switch (readers[column]) {
        case READ_LOCAL_DATE_TIME -> {
          return typed(column, LocalDateTime.class);
        }
        case READ_OFFSET_DATE_TIME -> {
          return typed(column, OffsetDateTime.class);
        }
        case READ_LOCAL_DATE -> {
          return typed(column, LocalDate.class);
        }
        default -> {
          // fall through to the type's own reader below
        }
      }
      switch (types[column]) {
        case BOOLEAN -> {
          boolean b = rs.getBoolean(i);
          return rs.wasNull() ? null : b;
        }
        case INT -> {
          int v = rs.getInt(i);
          return rs.wasNull() ? null : v;
        }
        case LONG -> {
          long v = rs.getLong(i);
          return rs.wasNull() ? null : v;
        }
        case DOUBLE -> {
          double v = rs.getDouble(i);
          if (rs.wasNull()) {
            return null;
          }
          if (!Double.isFinite(v)) {
            throw new BadValue("not a finite number");
          }
          return v;
        }
        case TIMESTAMP -> {
          return instant(rs.getObject(i));
        }
        default -> {
          return rs.getString(i);
        }
      }
    }

    /**
     * A date or time column read as {@code type}; if the driver cannot, the column is read with
     * plain {@code getObject} from now on, starting with this value.
     */
    private Instant typed(int column, Class<?> type) throws SQLException {
      Object o;
      try {
        o = rs.getObject(column + 1, type);
      } catch (SQLException | RuntimeException e) {
        readers[column] = READ_BY_TYPE;
        o = rs.getObject(column + 1);
      }
      return instant(o);
    }

    private Instant instant(Object o) {
      if (o == null) {
        return null;
      }
      Instant t = convert(o);
      // databases mark infinity with extreme values (PostgreSQL's 'infinity'); no real event lies
      // outside years 1 to 9999
      if (t.isBefore(MIN_TIME) || t.isAfter(MAX_TIME)) {
        throw new BadValue("a timestamp outside years 1 to 9999 (or infinity)");
      }
      return t;
    }

    private Instant convert(Object o) {
      if (o instanceof Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
      }
      if (o instanceof Date d) {
        return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (o instanceof OffsetDateTime t) {
        return t.toInstant();
      }
      if (o instanceof LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC);
      }
      if (o instanceof LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (o instanceof Instant t) {
        return t;
      }
      throw new BadValue("a " + o.getClass().getSimpleName() + " where a timestamp was expected");
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more rows in " + description);
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
      // a read-only pass: roll back rather than commit, and never let cleanup hide the failure
      try {
        if (rs != null) {
          rs.close();
        }
      } catch (SQLException ignored) {
        // the connection may already be gone
      }
      try {
        if (statement != null) {
          statement.close();
        }
      } catch (SQLException ignored) {
        // as above
      }
      try {
        if (connection != null) {
          if (!connection.isClosed() && !connection.getAutoCommit()) {
            connection.rollback();
          }
          connection.close();
        }
      } catch (SQLException ignored) {
        // as above
      }
    }
  }

  /** A value that was read but cannot enter the data. */
  private static final class BadValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadValue(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Options of a {@link JdbcSource}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final ConnectionSupplier connections;
    private final String sql;
    private List<Object> parameters = List.of();
    private String description = "jdbc query";
    private int fetchSize = 10_000;
    private BadRecordPolicy policy = BadRecordPolicy.FAIL;
    private Quarantine quarantine;

    private Builder(ConnectionSupplier connections, String sql) {
      this.connections = connections;
      this.sql = sql;
    }

    /** Values for the query's {@code ?} placeholders, in order. */
    public Builder setParameters(Object... values) {
      this.parameters = new ArrayList<>(java.util.Arrays.asList(values));
      return this;
    }

    /** What origins and errors call the source (default {@code "jdbc query"}); no secrets. */
    public Builder setDescription(String description) {
      Objects.requireNonNull(description, "description");
      if (description.isBlank()) {
        throw new IllegalArgumentException("description is blank; name the table or query");
      }
      this.description = description;
      return this;
    }

    /**
     * Rows fetched per round trip (default 10,000); it bounds the memory of a pass together with
     * the row width.
     */
    public Builder setFetchSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException(
            "fetch size (" + rows + ") must be at least 1; 0 would let drivers load everything");
      }
      this.fetchSize = rows;
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

    /** The source. */
    public JdbcSource get() {
      return new JdbcSource(this);
    }
  }
}
