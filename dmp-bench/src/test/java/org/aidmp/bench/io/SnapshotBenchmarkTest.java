package org.aidmp.bench.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Both formats of the snapshot benchmark write and read back the exact matrix. */
class SnapshotBenchmarkTest {
  @Test
  void bothFormatsRoundTripTheMatrix() throws Exception {
    SnapshotBenchmark b = new SnapshotBenchmark();
    b.rows = 1_000;
    b.dims = 7;
    b.setUp();
    try {
      assertEquals(8L + 4L * 7_000, b.save());
      assertEquals(8L + 4L * 7_000, b.saveRawStreams());
      assertArrayEquals(b.data, b.load());
      assertArrayEquals(b.data, b.loadRawStreams());
    } finally {
      b.tearDown();
    }
  }
}
