package org.aidmp.kafka;

/** What the runner promises for the records it publishes (segment changes, dead letters, ...). */
public enum Delivery {
  /**
   * Outputs are flushed before the input offsets are committed; after a crash, outputs of records
   * between the last commit and the crash may be published again.
   */
  AT_LEAST_ONCE,
  /**
   * Outputs and input offsets are committed in one Kafka transaction per batch; consumers reading
   * with {@code isolation.level=read_committed} see every output exactly once.
   */
  EXACTLY_ONCE
}
