package org.aidmp.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ParquetReadExceptionTest {
  @Test
  void messageNamesFileRowGroupAndRowWhereKnown() {
    Path f = Path.of("events.parquet");
    ParquetReadException e =
        new ParquetReadException(f, 2, 1234, "cannot decode", new IOException());
    assertEquals("events.parquet, row group 2, row 1234: cannot decode", e.getMessage());
    assertEquals(2, e.rowGroup());
    assertEquals(1234, e.row());
    assertEquals(f, e.file());
    assertEquals(
        "events.parquet: not Parquet",
        new ParquetReadException(f, -1, 0, "not Parquet", new RuntimeException()).getMessage());
  }
}
