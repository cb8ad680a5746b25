/** End-to-end throughput of the Kafka runner through an in-process broker, beside a bare loop. */
package org.aidmp.bench.kafka;
