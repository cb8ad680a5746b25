package org.aidmp.bench.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aidmp.profile.ProfileStore;
import org.junit.jupiter.api.Test;

/** Checks that each benchmark method does the work it claims, on a small generated file. */
class CsvIngestBenchmarkTest {
  @Test
  void everyMethodReadsEveryRow() throws Exception {
    CsvIngestBenchmark b = new CsvIngestBenchmark();
    b.events = "";
    b.rows = 20_000;
    b.setUp();
    try {
      CsvIngestBenchmark.RowCounter bare = new CsvIngestBenchmark.RowCounter();
      assertTrue(b.bareCommonsCsv(bare) > 0);
      assertEquals(20_000, bare.rows);

      CsvIngestBenchmark.RowCounter ours = new CsvIngestBenchmark.RowCounter();
      b.csvSource(ours);
      CsvIngestBenchmark.RowCounter full = new CsvIngestBenchmark.RowCounter();
      ProfileStore store = b.readCleanProfile(full);
      // Lenient reading skips the few ragged rows the generator plants; all are counted read.
      assertTrue(ours.rows > 19_900 && ours.rows <= 20_000, "rows " + ours.rows);
      assertEquals(20_000, full.rows);
      assertEquals(1_000, store.size());
      assertTrue(store.eventCount() > 19_900, "events " + store.eventCount());
    } finally {
      b.tearDown();
    }
  }
}
