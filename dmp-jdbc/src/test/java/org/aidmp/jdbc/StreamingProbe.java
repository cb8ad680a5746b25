package org.aidmp.jdbc;

import java.sql.DriverManager;
import org.aidmp.data.Record;

/**
 * Run in a child JVM with a small heap by {@link JdbcSourceTest}: streams every row of a table and
 * prints how many it read and a checksum. Arguments: the JDBC URL, the query, the fetch size.
 */
public final class StreamingProbe {
  private StreamingProbe() {}

  /** Runs the probe. */
  public static void main(String[] args) {
    JdbcSource src =
        JdbcSource.builder(() -> DriverManager.getConnection(args[0]), args[1])
            .setFetchSize(Integer.parseInt(args[2]))
            .get();
    long rows = 0;
    long sum = 0;
    for (Record r : src) {
      rows++;
      sum += (Long) r.get(0);
    }
    System.out.println("rows=" + rows + " sum=" + sum);
  }
}
