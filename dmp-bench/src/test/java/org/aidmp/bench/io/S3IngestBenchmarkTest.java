package org.aidmp.bench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Both sides of the ingest benchmark read every row of the data set, and the same rows. */
class S3IngestBenchmarkTest {
  @Test
  void s3AndLocalFilesReadTheSameRows() throws Exception {
    for (String compression : new String[] {"none", "gzip"}) {
      S3IngestBenchmark b = new S3IngestBenchmark();
      b.objects = 3;
      b.rowsPerObject = 500;
      b.compression = compression;
      b.setUp();
      try {
        S3IngestBenchmark.Counters c = new S3IngestBenchmark.Counters();
        assertEquals(1_500, b.s3(c), compression);
        assertEquals(1_500, b.localFiles(c), compression);
        assertEquals(3_000, c.rows);
        assertEquals(2 * b.storedBytes, c.storedBytes);
      } finally {
        b.tearDown();
      }
    }
  }
}
