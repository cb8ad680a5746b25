package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {
  @Test
  void startsARealServerOnLoopbackAndStopsIt() throws Exception {
    String url;
    try (LocalPostgres pg = LocalPostgres.start()) {
      url = pg.url();
      assertTrue(url.startsWith("jdbc:postgresql://127.0.0.1:" + pg.port() + "/"), url);
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (x int)");
        s.execute("INSERT INTO t VALUES (1), (2)");
        try (ResultSet rs = s.executeQuery("SELECT sum(x), version() FROM t")) {
          rs.next();
          assertEquals(3, rs.getInt(1));
          assertTrue(rs.getString(2).startsWith("PostgreSQL"), rs.getString(2));
        }
      }
    }
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
  }
}
