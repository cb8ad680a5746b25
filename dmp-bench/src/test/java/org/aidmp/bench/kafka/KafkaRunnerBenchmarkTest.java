package org.aidmp.bench.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class KafkaRunnerBenchmarkTest {
  /** Each benchmark reads and applies (or decodes) every event of the topic exactly once. */
  @Test
  void everyBenchmarkHandlesEveryEvent() throws Exception {
    assertArrayEquals(new long[] {5_000, 5_000, 5_000}, KafkaRunnerBenchmark.smoke(5_000));
  }
}
