package org.aidmp.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import org.aidmp.data.Column;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Sink;
import org.aidmp.io.export.ExportReport;
import org.aidmp.io.export.SmallGroupPolicy;

/**
 * Writes records to a database table, in batches inside one transaction per run, so that a run is
 * all there or not there at all and running it again replaces it.
 *
 * <pre>{@code
 * try (JdbcSink out = JdbcSink.builder(db, "marketing.audience", audience.schema())
 *     .setRunId("spring-sale-2026-03-01")
 *     .setCreateTable(true)
 *     .setMinGroupSize(50, "segment", "user_id")
 *     .get()) {
 *   out.acceptAll(audience);
 * }                                           // commits; out.report() says what was written
 * }</pre>
 *
 * <p><b>Idempotent runs.</b> The table has a run-id column ({@code dmp_run_id} by default) besides
 * the record's columns. Opening the sink deletes the rows of its run id, rows are inserted in
 * batches, and {@link #close()} commits, all in one transaction: a crash or a dropped connection
 * before the commit leaves the table as it was, and a run that did commit is replaced, not doubled,
 * when it runs again with the same id. Runs with different ids leave each other alone.
 *
 * <p><b>Small groups.</b> With {@link Builder#setMinGroupSize} the sink counts the distinct users
 * of each group and, before committing, refuses the run ({@link SmallGroupPolicy#REFUSE}, the
 * default: nothing is committed) or deletes the rows of groups under the minimum ({@link
 * SmallGroupPolicy#OMIT}), so no group smaller than the minimum is ever visible in the table. It
 * keeps one entry per distinct user and group in memory.
 *
 * <p><b>Errors.</b> A failed batch (a unique key violated, the connection dropped) rolls the run
 * back and throws a {@link JdbcException} naming the table, the run and the rows of the batch;
 * values are never part of messages. Table and column names are quoted, so they keep their case.
 */
public final class JdbcSink implements Sink<Record> {
  private final String table;
  private final String quotedTable;
  private final Schema schema;
  private final String runId;
  private final int batchSize;
  private final int minGroupSize;
  private final int groupIndex;
  private final int userIndex;
  private final String groupColumn;
  private final String runIdColumn;
  private final SmallGroupPolicy smallGroups;
  private final Connection connection;
  private final PreparedStatement insert;
  private final Map<Object, Set<Object>> usersByGroup = new HashMap<>();
  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private int pending;
  private long rows;
  private boolean closed;
  private ExportReport report;

  private JdbcSink(Builder b) {
    this.table = b.table;
    this.quotedTable = quoteQualified(b.table);
    this.schema = b.schema;
    this.runId = b.runId;
    this.batchSize = b.batchSize;
    this.minGroupSize = b.minGroupSize;
    this.groupColumn = b.groupColumn;
    this.runIdColumn = b.runIdColumn;
    this.groupIndex = b.groupColumn == null ? -1 : schema.indexOf(b.groupColumn);
    this.userIndex = b.userColumn == null ? -1 : schema.indexOf(b.userColumn);
    this.smallGroups = b.smallGroups;
    if (schema.contains(runIdColumn)) {
      throw new IllegalArgumentException(
          "the records already have a column '"
              + runIdColumn
              + "'; call setRunIdColumn(...) with another name");
    }
    Connection c = null;
    try {
      c = b.connections.open();
      c.setAutoCommit(false);
      if (b.createTable) {
        try (Statement s = c.createStatement()) {
          s.execute(createTableSql());
        }
      }
      try (PreparedStatement del =
          c.prepareStatement(
              "DELETE FROM " + quotedTable + " WHERE " + quote(runIdColumn) + " = ?")) {
        del.setString(1, runId);
        del.executeUpdate();
      }
      StringBuilder sql = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (");
      StringBuilder marks = new StringBuilder();
      for (Column col : schema.columns()) {
        sql.append(quote(col.name())).append(", ");
        marks.append("?, ");
      }
      sql.append(quote(runIdColumn)).append(") VALUES (").append(marks).append("?)");
      this.insert = c.prepareStatement(sql.toString());
      this.connection = c;
    } catch (SQLException e) {
      rollbackAndClose(c);
      throw new JdbcException(
          table, 0, "cannot start run '" + runId + "': SQLSTATE " + e.getSQLState(), e);
    }
  }

  /**
   * A builder writing records of {@code schema} into {@code table} ({@code name} or {@code
   * schema.name}).
   */
  public static Builder builder(ConnectionSupplier connections, String table, Schema schema) {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(schema, "schema");
    quoteQualified(Objects.requireNonNull(table, "table"));
    if (schema.size() == 0) {
      throw new IllegalArgumentException("the schema has no columns; a table needs at least one");
    }
    return new Builder(connections, table, schema);
  }

  static String quote(String identifier) {
    if (identifier.isEmpty() || identifier.indexOf('"') >= 0 || identifier.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "name '" + identifier + "' is empty or holds a double quote or NUL; rename it");
    }
    return '"' + identifier + '"';
  }

  static String quoteQualified(String table) {
    StringBuilder sb = new StringBuilder();
    for (String part : table.split("\\.", -1)) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(quote(part));
    }
    return sb.toString();
  }

  private String createTableSql() {
    StringBuilder sb =
        new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quotedTable).append(" (");
    for (Column c : schema.columns()) {
      sb.append(quote(c.name())).append(' ').append(sqlType(c)).append(", ");
    }
    return sb.append(quote(runIdColumn)).append(" VARCHAR NOT NULL)").toString();
  }

  private static String sqlType(Column c) {
    return switch (c.type()) {
      case STRING, CATEGORY -> "VARCHAR";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
    };
  }

  /**
   * Adds one record to the run; it must have the sink's schema. Rows are sent in batches.
   *
   * @throws JdbcException if a batch fails; the run is rolled back
   */
  @Override
  public void accept(Record record) {
    Objects.requireNonNull(record, "record");
    if (closed) {
      throw new IllegalStateException(table + ": the sink is closed");
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
      for (int i = 0; i < schema.size(); i++) {
        Object v = record.get(i);
        int p = i + 1;
        if (v == null) {
          insert.setNull(p, sqlTypeCode(schema.column(i)));
        } else if (v instanceof Instant t) {
          insert.setTimestamp(p, Timestamp.from(t), utc);
        } else {
          insert.setObject(p, v);
        }
      }
      insert.setString(schema.size() + 1, runId);
      insert.addBatch();
    } catch (SQLException e) {
      throw fail(rows + 1, "cannot bind row", e);
    }
    rows++;
    if (groupIndex >= 0) {
      Object g = record.get(groupIndex);
      Object u = record.get(userIndex);
      usersByGroup.computeIfAbsent(g, k -> new HashSet<>()).add(u);
    }
    if (++pending >= batchSize) {
      flush();
    }
  }

  private static int sqlTypeCode(Column c) {
    return switch (c.type()) {
      case STRING, CATEGORY -> Types.VARCHAR;
      case INT -> Types.INTEGER;
      case LONG -> Types.BIGINT;
      case DOUBLE -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case TIMESTAMP -> Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }

  private void flush() {
    if (pending == 0) {
      return;
    }
    try {
      insert.executeBatch();
      pending = 0;
    } catch (SQLException | RuntimeException e) {
      throw fail(
          rows - pending + 1,
          "the batch of rows " + (rows - pending + 1) + " to " + rows + " failed",
          e);
    }
  }

  private JdbcException fail(long row, String what, Exception e) {
    closed = true;
    rollbackAndClose(connection);
    String state =
        e instanceof SQLException s
            ? "SQLSTATE " + (s.getNextException() != null ? s.getNextException() : s).getSQLState()
            : e.getClass().getSimpleName();
    return new JdbcException(
        table,
        row,
        what + " in run '" + runId + "': " + state + "; nothing of the run was committed",
        e);
  }

  private static void rollbackAndClose(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection may be gone; the server rolls back an open transaction then
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // as above
    }
  }

  /** Rows added so far. */
  public long rows() {
    return rows;
  }

  /** What the committed run holds: rows and groups kept and left out; {@code null} before. */
  public ExportReport report() {
    return report;
  }

  /** Rolls the run back: the table keeps what it had before the sink was opened. */
  public void abort() {
    if (!closed) {
      closed = true;
      rollbackAndClose(connection);
    }
  }

  /**
   * Sends the last batch, applies the minimum group size and commits the run.
   *
   * @throws JdbcException if writing or committing fails; nothing of the run is committed
   * @throws IllegalStateException under {@link SmallGroupPolicy#REFUSE} when a group is too small;
   *     nothing is committed
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    flush();
    List<String> kept = new ArrayList<>();
    List<String> omitted = new ArrayList<>();
    long keptRows = rows;
    if (groupIndex >= 0) {
      List<Object> small = new ArrayList<>();
      for (Map.Entry<Object, Set<Object>> e : usersByGroup.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (e.getValue().size() < minGroupSize) {
          omitted.add(name);
          small.add(e.getKey());
        } else {
          kept.add(name);
        }
      }
      kept.sort(null);
      omitted.sort(null);
      if (!omitted.isEmpty() && smallGroups == SmallGroupPolicy.REFUSE) {
        abort();
        throw new IllegalStateException(
            table
                + ": "
                + omitted.size()
                + " group(s) of column '"
                + groupColumn
                + "' have fewer than "
                + minGroupSize
                + " distinct users; nothing of run '"
                + runId
                + "' was committed (use SmallGroupPolicy.OMIT to leave them out)");
      }
      if (!omitted.isEmpty()) {
        try (PreparedStatement del =
            connection.prepareStatement(
                "DELETE FROM "
                    + quotedTable
                    + " WHERE "
                    + quote(runIdColumn)
                    + " = ? AND "
                    + quote(groupColumn)
                    + " IS NOT DISTINCT FROM ?")) {
          for (Object g : small) {
            del.setString(1, runId);
            if (g == null) {
              del.setNull(2, sqlTypeCode(schema.column(groupIndex)));
            } else {
              del.setObject(2, g);
            }
            keptRows -= del.executeUpdate();
          }
        } catch (SQLException e) {
          throw fail(0, "leaving out small groups failed", e);
        }
      }
    }
    try {
      insert.close();
      connection.commit();
      connection.close();
      closed = true;
    } catch (SQLException e) {
      throw fail(0, "the commit failed", e);
    }
    report = new ExportReport(table, keptRows, kept, omitted);
  }

  /** Options of a {@link JdbcSink}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final ConnectionSupplier connections;
    private final String table;
    private final Schema schema;
    private String runId;
    private String runIdColumn = "dmp_run_id";
    private int batchSize = 1000;
    private boolean createTable;
    private int minGroupSize;
    private String groupColumn;
    private String userColumn;
    private SmallGroupPolicy smallGroups = SmallGroupPolicy.REFUSE;

    private Builder(ConnectionSupplier connections, String table, Schema schema) {
      this.connections = connections;
      this.table = table;
      this.schema = schema;
    }

    /**
     * The id of this run (required): its rows carry it, and a run with the same id replaces them.
     * Give a new id for a new export and the same id when repeating one.
     */
    public Builder setRunId(String runId) {
      Objects.requireNonNull(runId, "runId");
      if (runId.isBlank()) {
        throw new IllegalArgumentException("run id is blank; name the run, such as a date");
      }
      this.runId = runId;
      return this;
    }

    /** The name of the run-id column (default {@code dmp_run_id}). */
    public Builder setRunIdColumn(String column) {
      quote(Objects.requireNonNull(column, "column"));
      this.runIdColumn = column;
      return this;
    }

    /** Rows per batch sent to the database (default 1,000). */
    public Builder setBatchSize(int rows) {
      if (rows < 1 || rows > 1_000_000) {
        throw new IllegalArgumentException(
            "batch size (" + rows + ") must be between 1 and 1,000,000");
      }
      this.batchSize = rows;
      return this;
    }

    /** Whether to create the table, with the run-id column, if it does not exist (default no). */
    public Builder setCreateTable(boolean create) {
      this.createTable = create;
      return this;
    }

    /**
     * Refuses groups (values of {@code groupColumn}) with fewer than {@code minUsers} distinct
     * values of {@code userColumn}.
     */
    public Builder setMinGroupSize(int minUsers, String groupColumn, String userColumn) {
      if (minUsers < 1) {
        throw new IllegalArgumentException(
            "minimum group size (" + minUsers + ") must be at least 1");
      }
      schema.indexOf(Objects.requireNonNull(groupColumn, "groupColumn"));
      schema.indexOf(Objects.requireNonNull(userColumn, "userColumn"));
      this.minGroupSize = minUsers;
      this.groupColumn = groupColumn;
      this.userColumn = userColumn;
      return this;
    }

    /** What happens to groups under the minimum (default {@link SmallGroupPolicy#REFUSE}). */
    public Builder setSmallGroupPolicy(SmallGroupPolicy policy) {
      this.smallGroups = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Opens the sink: a connection, a transaction, and the deletion of the run's earlier rows.
     *
     * @throws IllegalArgumentException if no run id is set
     * @throws JdbcException if the table cannot be prepared
     */
    public JdbcSink get() {
      if (runId == null) {
        throw new IllegalArgumentException(
            "no run id; call setRunId(...) so that a repeated run replaces its rows");
      }
      return new JdbcSink(this);
    }
  }
}
