package org.aidmp.bench.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Checks that every benchmark method reads every row and sees the same values as its peer. */
class ConnectorReadBenchmarkTest {
  @Test
  void eachSourceMatchesItsPeer() throws Exception {
    ConnectorReadBenchmark b = new ConnectorReadBenchmark();
    b.rows = 5_000;
    b.setUp();
    try {
      ConnectorReadBenchmark.RowCounter c1 = new ConnectorReadBenchmark.RowCounter();
      ConnectorReadBenchmark.RowCounter c2 = new ConnectorReadBenchmark.RowCounter();
      long json = b.jsonLinesSource(c1);
      assertEquals(b.jacksonAlone(c2), json);
      assertEquals(5_000, c1.rows);
      assertEquals(5_000, c2.rows);

      ConnectorReadBenchmark.RowCounter c3 = new ConnectorReadBenchmark.RowCounter();
      ConnectorReadBenchmark.RowCounter c4 = new ConnectorReadBenchmark.RowCounter();
      assertEquals(b.parquetJavaAlone(c4), b.parquetSource(c3));
      assertEquals(json, b.parquetSource(new ConnectorReadBenchmark.RowCounter()));
      assertEquals(5_000, c3.rows);
      assertEquals(5_000, c4.rows);

      ConnectorReadBenchmark.RowCounter c5 = new ConnectorReadBenchmark.RowCounter();
      ConnectorReadBenchmark.RowCounter c6 = new ConnectorReadBenchmark.RowCounter();
      long jdbc = b.jdbcSource(c5);
      assertEquals(b.plainJdbcLoop(c6), jdbc);
      assertEquals(5_000, c5.rows);
      assertEquals(5_000, c6.rows);
    } finally {
      b.tearDown();
    }
  }
}
