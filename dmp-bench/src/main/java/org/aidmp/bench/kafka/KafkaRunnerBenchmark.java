package org.aidmp.bench.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.fixtures.LocalBroker;
import org.aidmp.kafka.EventDecoder;
import org.aidmp.kafka.KafkaRunner;
import org.aidmp.kafka.LiveModel;
import org.aidmp.kafka.RunnerConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end events per second through a one-node KRaft broker in the benchmark's JVM: one pass
 * reads a topic of {@code events} JSON events over 10,000 users on 6 partitions from the start.
 * {@link #bareLoop} is a plain consumer that only decodes each value into an event (the peer: the
 * fastest a consumer can go through this broker); {@link #oneRunner} and {@link #twoRunners} are
 * {@link KafkaRunner}s in a fresh consumer group that apply every event to their partitions'
 * updaters, commit offsets per batch and write partition generations every 50,000 records per
 * partition, until their account has read every record (group join and rebalance included). One
 * pass per operation: events per second = events / (seconds per op).
 *
 * <pre>{@code
 * java -jar dmp-bench/target/benchmarks.jar KafkaRunnerBenchmark -f 1 -wi 1 -i 3
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class KafkaRunnerBenchmark {
  static final String TOPIC = "bench-events";
  static final List<String> TYPES = List.of("view", "click", "cart", "purchase");

  /** Events in the topic (one pass reads them all). */
  @Param({"500000"})
  public int events;

  private LocalBroker kafka;
  private Path state;
  private final AtomicInteger groups = new AtomicInteger();
  private LiveModel model;

  /** Starts the broker and fills the topic from a seed. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    kafka = LocalBroker.start();
    kafka.createTopic(6, TOPIC);
    state = Files.createTempDirectory("dmp-kafka-bench");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    SplittableRandom r = new SplittableRandom(42);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < events; i++) {
        String user = "u" + r.nextInt(10_000);
        String json =
            "{\"user_id\":\""
                + user
                + "\",\"timestamp\":"
                + (1_767_225_600_000L + i)
                + ",\"event_type\":\""
                + TYPES.get(r.nextInt(TYPES.size()))
                + "\",\"item_id\":\"i"
                + r.nextInt(500)
                + "\"}";
        producer.send(
            new ProducerRecord<>(
                TOPIC,
                user.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8)));
      }
    }
    FMatrixRMaj c = new FMatrixRMaj(8, 4);
    for (int i = 0; i < c.data.length; i++) {
      c.data[i] = (float) (r.nextDouble() * 4 - 2);
    }
    model =
        LiveModel.builder(
                1,
                c,
                FeatureEncoder.logCounts(new double[] {2, 1, 0.5, 0.2}, new double[] {1, 1, 1, 1}))
            .get();
  }

  /** Stops the broker and deletes the generations. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    kafka.close();
    try (Stream<Path> paths = Files.walk(state)) {
      for (Path f : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The peer: a bare consumer that reads every record and decodes its value. */
  @Benchmark
  public long bareLoop() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    EventDecoder decoder = EventDecoder.DEFAULT;
    long read = 0;
    long decoded = 0;
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tps.add(new TopicPartition(TOPIC, i));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      while (read < events) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
          read++;
          if (decoder.decode(r.value()).event() != null) {
            decoded++;
          }
        }
      }
    }
    if (decoded != events) {
      throw new IllegalStateException("decoded " + decoded + " of " + events);
    }
    return decoded;
  }

  /** One runner owns all six partitions. */
  @Benchmark
  public long oneRunner() throws Exception {
    return runners(1);
  }

  /** Two runners in one group, three partitions each. */
  @Benchmark
  public long twoRunners() throws Exception {
    return runners(2);
  }

  long runners(int n) throws Exception {
    String group = "bench-" + groups.incrementAndGet();
    KafkaRunner[] rs = new KafkaRunner[n];
    try {
      for (int i = 0; i < n; i++) {
        rs[i] =
            KafkaRunner.newBuilder()
                .setConfig(
                    RunnerConfig.builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setGroupId(group)
                        .setInstanceId(group + "-" + i)
                        .setTopics(List.of(TOPIC))
                        .setSnapshotFolder(state.resolve(group))
                        .setFeedback(FeedbackConfig.builder().setEventTypes(TYPES).get())
                        .setThreads(2)
                        .get())
                .setModel(model)
                .build();
        rs[i].start();
      }
      long applied;
      while (true) {
        long read = 0;
        applied = 0;
        for (KafkaRunner r : rs) {
          if (r.failure().isPresent()) {
            throw new IllegalStateException("a runner failed", r.failure().get());
          }
          read += r.stats().read();
          applied += r.stats().applied();
        }
        if (read >= events) {
          break;
        }
        Thread.sleep(5);
      }
      if (applied != events) {
        throw new IllegalStateException("applied " + applied + " of " + events);
      }
      return applied;
    } finally {
      for (KafkaRunner r : rs) {
        if (r != null) {
          r.close();
        }
      }
    }
  }

  /** Runs one pass of each at a small size, for the sanity test. */
  static long[] smoke(int events) throws Exception {
    KafkaRunnerBenchmark b = new KafkaRunnerBenchmark();
    b.events = events;
    b.setUp();
    try {
      return new long[] {b.bareLoop(), b.oneRunner(), b.twoRunners()};
    } finally {
      b.tearDown();
    }
  }
}
