package org.aidmp.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class JdbcExceptionTest {
  @Test
  void messageNamesTargetAndRow() {
    JdbcException e = new JdbcException("crm.orders", 42, "reading failed", null);
    assertEquals("crm.orders, row 42: reading failed", e.getMessage());
    assertEquals(42, e.row());
    assertEquals("crm.orders", e.target());
    assertNull(e.sqlState());
    assertEquals("t: x", new JdbcException("t", 0, "x", null).getMessage());
  }

  @Test
  void sqlStateComesFromTheStatementsOwnErrorInABatch() {
    BatchUpdateException batch = new BatchUpdateException("batch", "08006", new int[0]);
    batch.setNextException(new SQLException("duplicate key", "23505"));
    assertEquals("23505", new JdbcException("t", 1, "x", batch).sqlState());
    assertEquals(
        "08006", new JdbcException("t", 1, "x", new SQLException("gone", "08006")).sqlState());
  }
}
