package org.aidmp.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a new database connection each time it is called; the caller closes it. A {@code
 * DataSource}'s {@code getConnection} fits, as does {@code () -> DriverManager.getConnection(url)}.
 *
 * <pre>{@code
 * ConnectionSupplier db = () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1/crm", props);
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionSupplier {
  /** A new connection, owned by the caller. */
  Connection open() throws SQLException;
}
