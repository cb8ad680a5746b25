package org.aidmp.jdbc;

/**
 * A database read or write failed as a whole (a dropped connection, a constraint violated, a
 * statement refused). The message names the source or table, the run and the row position; never
 * values. The database's own message is kept in the cause.
 *
 * <pre>{@code
 * try {
 *   sink.acceptAll(audience);
 *   sink.close();
 * } catch (JdbcException e) {
 *   log.error("export failed at row {}", e.row(), e);   // nothing of this run was committed
 * }
 * }</pre>
 */
public class JdbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String target;
  private final long row;
  private final String sqlState;

  /**
   * @param target the source's description or the table
   * @param row the 1-based row at or after which it failed, or 0
   * @param reason what went wrong
   * @param cause the database's exception
   */
  public JdbcException(String target, long row, String reason, Throwable cause) {
    super(target + (row > 0 ? ", row " + row : "") + ": " + reason, cause);
    this.target = target;
    this.row = row;
    this.sqlState = sqlState(cause);
  }

  private static String sqlState(Throwable cause) {
    if (!(cause instanceof java.sql.SQLException s)) {
      return null;
    }
    // a failed batch reports the statement's own error as the next exception
    java.sql.SQLException next = s.getNextException();
    return next != null && next.getSQLState() != null ? next.getSQLState() : s.getSQLState();
  }

  /** The source's description or the table. */
  public String target() {
    return target;
  }

  /** The 1-based row at or after which it failed, or 0. */
  public long row() {
    return row;
  }

  /** The SQLSTATE of the database's error, if any ({@code 23505}: a unique key violated). */
  public String sqlState() {
    return sqlState;
  }
}
