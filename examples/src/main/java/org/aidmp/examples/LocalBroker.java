package org.aidmp.examples;

import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft Kafka (broker and controller in one process) started inside this JVM on
 * 127.0.0.1, with its logs in a temporary folder deleted at close. For demos and benchmarks only.
 *
 * <pre>{@code
 * try (LocalBroker kafka = LocalBroker.start()) {
 *   kafka.createTopic("events", 6);
 *   String servers = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private LocalBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /**
   * Formats and starts the broker; returns when it serves requests.
   *
   * @throws Exception when it cannot start (port, disk)
   */
  public static LocalBroker start() throws Exception {
    KafkaClusterTestKit c =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("offsets.topic.num.partitions", "4")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "4")
            .setConfigProp("group.min.session.timeout.ms", "1000")
            .build();
    c.format();
    c.startup();
    c.waitForReadyBrokers();
    return new LocalBroker(c);
  }

  /** The bootstrap servers to give clients. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Creates topics with {@code partitions} partitions each.
   *
   * @throws Exception when the broker refuses
   */
  public void createTopic(int partitions, String... names) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      admin
          .createTopics(
              Arrays.stream(names)
                  .map(n -> new NewTopic(n, partitions, (short) 1).configs(Map.of()))
                  .toList())
          .all()
          .get();
    }
  }

  /** Stops the broker and deletes its logs. */
  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
