package org.aidmp.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.aidmp.campaign.CampaignConfig;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.feedback.FeedbackConfig;

/**
 * The settings of a {@link KafkaRunner}. Immutable; built with {@link #builder()}.
 *
 * <pre>{@code
 * RunnerConfig config = RunnerConfig.builder()
 *     .setBootstrapServers("127.0.0.1:9092")
 *     .setGroupId("dmp-live")
 *     .setTopics(List.of("events"))
 *     .setSnapshotFolder(Path.of("/var/lib/dmp/partitions"))
 *     .setFeedback(FeedbackConfig.builder().setEventTypes(List.of("view", "purchase")).get())
 *     .setSegmentTopic("segment-changes")
 *     .get();
 * }</pre>
 */
public final class RunnerConfig {
  private final String bootstrapServers;
  private final String groupId;
  private final String instanceId;
  private final List<String> topics;
  private final Path snapshotFolder;
  private final long snapshotEvery;
  private final FeedbackConfig feedback;
  private final EventDecoder decoder;
  private final String deadLetterTopic;
  private final String segmentTopic;
  private final String recommendationTopic;
  private final int recommendations;
  private final String decisionTopic;
  private final CampaignConfig campaign;
  private final Delivery delivery;
  private final int threads;
  private final Duration pollTimeout;
  private final Map<String, Object> consumerProperties;
  private final Map<String, Object> producerProperties;

  private RunnerConfig(Builder b) {
    this.bootstrapServers = required(b.bootstrapServers, "bootstrapServers");
    this.groupId = required(b.groupId, "groupId");
    this.topics = required(b.topics, "topics");
    this.snapshotFolder = required(b.snapshotFolder, "snapshotFolder");
    this.feedback = required(b.feedback, "feedback");
    this.instanceId =
        b.instanceId != null ? b.instanceId : UUID.randomUUID().toString().substring(0, 8);
    this.snapshotEvery = b.snapshotEvery;
    this.decoder = b.decoder;
    this.deadLetterTopic = b.deadLetterTopic != null ? b.deadLetterTopic : topics.get(0) + ".dlq";
    this.segmentTopic = b.segmentTopic;
    this.recommendationTopic = b.recommendationTopic;
    this.recommendations = b.recommendations;
    this.decisionTopic = b.decisionTopic;
    this.campaign = b.campaign;
    this.delivery = b.delivery;
    this.threads = b.threads;
    this.pollTimeout = b.pollTimeout;
    this.consumerProperties = Map.copyOf(b.consumerProperties);
    this.producerProperties = Map.copyOf(b.producerProperties);
    if (decisionTopic != null && campaign == null) {
      throw new IllegalStateException(
          "a decision topic is set but no campaign; call setCampaign(CampaignConfig...) too");
    }
    if (feedback.badEventPolicy() == BadRecordPolicy.FAIL) {
      throw new IllegalStateException(
          "feedback bad event policy FAIL would stop a partition at its first bad event; the"
              + " runner sends bad events to the dead-letter topic, so use SKIP");
    }
    if (java.util.stream.Stream.of(
            deadLetterTopic, segmentTopic, recommendationTopic, decisionTopic)
        .anyMatch(t -> t != null && topics.contains(t))) {
      throw new IllegalStateException(
          "an output topic is also an input topic; give outputs topics of their own");
    }
  }

  private static <T> T required(T value, String name) {
    if (value == null) {
      String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      throw new IllegalStateException(name + " is not set; call " + setter);
    }
    return value;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Kafka bootstrap servers. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The consumer group: runners in one group share the partitions. */
  public String groupId() {
    return groupId;
  }

  /** This runner's id, unique in the group (client id and transactional id). */
  public String instanceId() {
    return instanceId;
  }

  /** The event topics; each topic-partition has a state of its own. */
  public List<String> topics() {
    return topics;
  }

  /** Where partition generations are written (shared by the runners that may own a partition). */
  public Path snapshotFolder() {
    return snapshotFolder;
  }

  /** Records of a partition between two generations. */
  public long snapshotEvery() {
    return snapshotEvery;
  }

  /** The live updater's settings (bad events are always skipped there and dead-lettered here). */
  public FeedbackConfig feedback() {
    return feedback;
  }

  /** How record values are decoded. */
  public EventDecoder decoder() {
    return decoder;
  }

  /** Where bad records go, with their reasons in headers. */
  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  /** Where segment changes go, or null. */
  public String segmentTopic() {
    return segmentTopic;
  }

  /** Where refreshed recommendations go (on a segment change), or null. */
  public String recommendationTopic() {
    return recommendationTopic;
  }

  /** How many items a refreshed recommendation holds. */
  public int recommendations() {
    return recommendations;
  }

  /** Where campaign decisions go (on a segment change), or null. */
  public String decisionTopic() {
    return decisionTopic;
  }

  /** The campaign each partition optimises, or null. */
  public CampaignConfig campaign() {
    return campaign;
  }

  /** The promise for outputs. */
  public Delivery delivery() {
    return delivery;
  }

  /** Worker threads that apply the partitions' records. */
  public int threads() {
    return threads;
  }

  /** How long one poll waits for records. */
  public Duration pollTimeout() {
    return pollTimeout;
  }

  /** Extra consumer properties (the runner's own settings win). */
  public Map<String, Object> consumerProperties() {
    return consumerProperties;
  }

  /** Extra producer properties (the runner's own settings win). */
  public Map<String, Object> producerProperties() {
    return producerProperties;
  }

  @Override
  public String toString() {
    return "RunnerConfig[group="
        + groupId
        + ", instance="
        + instanceId
        + ", topics="
        + topics
        + ", snapshotEvery="
        + snapshotEvery
        + ", delivery="
        + delivery
        + ", threads="
        + threads
        + "]";
  }

  /**
   * Builds a {@link RunnerConfig}; bootstrap servers, group, topics, folder and feedback needed.
   */
  public static final class Builder {
    private String bootstrapServers;
    private String groupId;
    private String instanceId;
    private List<String> topics;
    private Path snapshotFolder;
    private long snapshotEvery = 50_000;
    private FeedbackConfig feedback;
    private EventDecoder decoder = EventDecoder.DEFAULT;
    private String deadLetterTopic;
    private String segmentTopic;
    private String recommendationTopic;
    private int recommendations = 10;
    private String decisionTopic;
    private CampaignConfig campaign;
    private Delivery delivery = Delivery.AT_LEAST_ONCE;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private Duration pollTimeout = Duration.ofMillis(100);
    private Map<String, Object> consumerProperties = Map.of();
    private Map<String, Object> producerProperties = Map.of();

    private Builder() {}

    /** The Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}. */
    public Builder setBootstrapServers(String servers) {
      this.bootstrapServers = nonBlank(servers, "bootstrapServers");
      return this;
    }

    /** The consumer group. */
    public Builder setGroupId(String groupId) {
      this.groupId = nonBlank(groupId, "groupId");
      return this;
    }

    /** This runner's id in the group; a random one by default. Keep it across restarts. */
    public Builder setInstanceId(String id) {
      this.instanceId = nonBlank(id, "instanceId");
      return this;
    }

    /** The event topics. Producers must key each record by its user id. */
    public Builder setTopics(List<String> topics) {
      Objects.requireNonNull(topics, "topics");
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("topics is empty; name at least one event topic");
      }
      topics.forEach(t -> nonBlank(t, "topic"));
      this.topics = List.copyOf(topics);
      return this;
    }

    /** The folder for partition generations. */
    public Builder setSnapshotFolder(Path folder) {
      this.snapshotFolder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Records of a partition between two generations (default 50,000): the replay after a crash.
     */
    public Builder setSnapshotEvery(long records) {
      if (records < 1) {
        throw new IllegalArgumentException("snapshotEvery (" + records + ") must be at least 1");
      }
      this.snapshotEvery = records;
      return this;
    }

    /** The live updater's settings: event types, drift, half-life. */
    public Builder setFeedback(FeedbackConfig feedback) {
      this.feedback = Objects.requireNonNull(feedback, "feedback");
      return this;
    }

    /** How values are decoded (default JSON with the quickstart's field names). */
    public Builder setDecoder(EventDecoder decoder) {
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      return this;
    }

    /** The dead-letter topic (default: the first topic's name + {@code .dlq}). */
    public Builder setDeadLetterTopic(String topic) {
      this.deadLetterTopic = nonBlank(topic, "deadLetterTopic");
      return this;
    }

    /** Publishes segment changes to this topic. */
    public Builder setSegmentTopic(String topic) {
      this.segmentTopic = nonBlank(topic, "segmentTopic");
      return this;
    }

    /** Publishes refreshed recommendations (on each segment change) to this topic. */
    public Builder setRecommendationTopic(String topic) {
      this.recommendationTopic = nonBlank(topic, "recommendationTopic");
      return this;
    }

    /** Items per published recommendation (default 10). */
    public Builder setRecommendations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("recommendations (" + n + ") must be at least 1");
      }
      this.recommendations = n;
      return this;
    }

    /** Publishes a campaign decision on each segment change to this topic (needs a campaign). */
    public Builder setDecisionTopic(String topic) {
      this.decisionTopic = nonBlank(topic, "decisionTopic");
      return this;
    }

    /** The campaign; each partition runs its own optimiser over it, kept in its state. */
    public Builder setCampaign(CampaignConfig campaign) {
      this.campaign = Objects.requireNonNull(campaign, "campaign");
      return this;
    }

    /** At-least-once (default) or exactly-once outputs. */
    public Builder setDelivery(Delivery delivery) {
      this.delivery = Objects.requireNonNull(delivery, "delivery");
      return this;
    }

    /** Worker threads (default: the processors). */
    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /** How long one poll waits (default 100 ms). */
    public Builder setPollTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("pollTimeout (" + timeout + ") is negative");
      }
      this.pollTimeout = timeout;
      return this;
    }

    /** Extra consumer properties, e.g. {@code max.poll.records} or security settings. */
    public Builder setConsumerProperties(Map<String, Object> properties) {
      this.consumerProperties = Map.copyOf(properties);
      return this;
    }

    /** Extra producer properties, e.g. {@code linger.ms} or security settings. */
    public Builder setProducerProperties(Map<String, Object> properties) {
      this.producerProperties = Map.copyOf(properties);
      return this;
    }

    private static String nonBlank(String s, String name) {
      Objects.requireNonNull(s, name);
      if (s.isBlank()) {
        throw new IllegalArgumentException(name + " is blank; give a name");
      }
      return s;
    }

    /** The config; checks the settings fit together. */
    public RunnerConfig get() {
      return new RunnerConfig(this);
    }
  }
}
