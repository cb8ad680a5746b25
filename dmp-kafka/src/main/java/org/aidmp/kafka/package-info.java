/**
 * Live events from Kafka topics into the feedback path: a consumer-group runner that owns the state
 * of the users of its partitions, snapshots it together with each partition's next offset, and
 * resumes from the last snapshot on assignment, so that a crash or a rebalance neither loses an
 * event nor applies one twice to that state. See {@link org.aidmp.kafka.KafkaRunner}.
 */
package org.aidmp.kafka;
