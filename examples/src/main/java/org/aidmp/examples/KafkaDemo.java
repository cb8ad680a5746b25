package org.aidmp.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.LiveUser;
import org.aidmp.fixtures.LocalBroker;
import org.aidmp.kafka.KafkaRunner;
import org.aidmp.kafka.LiveModel;
import org.aidmp.kafka.RunnerConfig;
import org.aidmp.kafka.RunnerStats;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ejml.data.FMatrixRMaj;

/**
 * Live segmentation on Kafka, end to end in one JVM: starts a local KRaft broker, produces the
 * live-feedback demo's events (a history in which each user acts in their home segment's event
 * types, then fresh events in which a tenth of the users switch interest) as JSON keyed by user,
 * runs two {@link KafkaRunner}s in one consumer group, and prints the watched users' segments
 * before and after the fresh events, with the throughput.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp examples/target/dmp-examples.jar \
 *     org.aidmp.examples.KafkaDemo
 * }</pre>
 */
public final class KafkaDemo {
  private static final int TYPES = 16;
  private static final int SEGMENTS = 8;

  private KafkaDemo() {}

  /**
   * What a run did.
   *
   * @param watched users whose segments were printed
   * @param moved of which changed segment with the fresh events
   * @param events records the two runners applied
   * @param eventsPerSecond fresh records applied per second, from produce to caught up
   */
  public record Outcome(int watched, int moved, long events, double eventsPerSecond) {}

  /** Runs the demo with 2,000 users, 40,000 history and 60,000 fresh events. */
  public static void main(String[] args) throws Exception {
    Outcome o = run(2_000, 40_000, 60_000, System.out);
    System.out.printf(
        "%d of %d watched users moved; %,d events applied%n", o.moved(), o.watched(), o.events());
  }

  /**
   * Starts a broker, produces {@code history} then {@code fresh} events over {@code users} users,
   * and runs two runners over them.
   *
   * @param out where to print
   * @throws Exception when the broker or a client fails
   */
  public static Outcome run(int users, int history, int fresh, PrintStream out) throws Exception {
    Path state = Files.createTempDirectory("dmp-kafka-demo");
    try (LocalBroker kafka = LocalBroker.start()) {
      String topic = "live-events";
      kafka.createTopic(6, topic, "segment-changes");
      List<String> types = new ArrayList<>();
      for (int t = 0; t < TYPES; t++) {
        types.add("type-" + t);
      }
      LiveModel model = model();
      RunnerConfig.Builder config =
          RunnerConfig.builder()
              .setBootstrapServers(kafka.bootstrapServers())
              .setGroupId("dmp-demo")
              .setTopics(List.of(topic))
              .setSnapshotFolder(state)
              .setSnapshotEvery(10_000)
              .setSegmentTopic("segment-changes")
              .setThreads(2)
              .setFeedback(
                  FeedbackConfig.builder()
                      .setEventTypes(types)
                      .setHalfLife(20_000)
                      .setDriftBatch(256)
                      .get());
      SplittableRandom r = new SplittableRandom(7);
      long now = System.currentTimeMillis() - 3_600_000L;
      try (KafkaRunner a =
              KafkaRunner.newBuilder()
                  .setConfig(config.setInstanceId("runner-a").get())
                  .setModel(model)
                  .build();
          KafkaRunner b =
              KafkaRunner.newBuilder()
                  .setConfig(config.setInstanceId("runner-b").get())
                  .setModel(model)
                  .build()) {
        a.start();
        b.start();
        // History: each user acts mostly in their home segment's two event types.
        try (KafkaProducer<byte[], byte[]> p = producer(kafka.bootstrapServers())) {
          for (int i = 0; i < history; i++) {
            int u = r.nextInt(users);
            send(p, topic, "user-" + u, now + i, types.get(2 * (u % SEGMENTS) + r.nextInt(2)));
          }
        }
        awaitRead(history, a, b);
        List<String> watched = new ArrayList<>();
        for (int u = 0; u < users && watched.size() < 12; u += users / 10 + 1) {
          watched.add("user-" + u);
        }
        watched.add("user-0"); // a switcher, see below
        watched = watched.stream().distinct().toList();
        int[] before = segments(watched, a, b);
        long t0 = System.nanoTime();
        // Fresh events: a tenth of the users (u % 10 == 0) switch to the next segment's types.
        try (KafkaProducer<byte[], byte[]> p = producer(kafka.bootstrapServers())) {
          for (int i = 0; i < fresh; i++) {
            int u = r.nextInt(users);
            int home = (u % SEGMENTS + (u % 10 == 0 ? 1 : 0)) % SEGMENTS;
            send(p, topic, "user-" + u, now + history + i, types.get(2 * home + r.nextInt(2)));
          }
        }
        awaitRead((long) history + fresh, a, b);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] after = segments(watched, a, b);
        out.println("user        segment before -> after   (model version)");
        int moved = 0;
        for (int i = 0; i < watched.size(); i++) {
          long version = versionOf(watched.get(i), a, b);
          boolean move = before[i] != after[i];
          moved += move ? 1 : 0;
          out.printf(
              "%-11s %14d -> %-6d (%d)%s%n",
              watched.get(i), before[i], after[i], version, move ? "   moved" : "");
        }
        RunnerStats sa = a.stats();
        RunnerStats sb = b.stats();
        long applied = sa.applied() + sb.applied();
        out.printf(
            "runner-a: %d partitions, %,d events; runner-b: %d partitions, %,d events%n",
            sa.partitions(), sa.applied(), sb.partitions(), sb.applied());
        out.printf(
            "fresh events: %,d in %.2f s through the broker = %,.0f events/s (two runners)%n",
            fresh, seconds, fresh / seconds);
        return new Outcome(watched.size(), moved, applied, fresh / seconds);
      }
    } finally {
      deleteTree(state);
    }
  }

  /** Segment j is "users who mostly do types 2j and 2j+1", as in {@link FeedbackDemo#main}. */
  static LiveModel model() {
    double[] mean = new double[TYPES];
    double[] std = new double[TYPES];
    Arrays.fill(mean, 0.4);
    Arrays.fill(std, 0.7);
    FMatrixRMaj centroids = new FMatrixRMaj(SEGMENTS, TYPES);
    Arrays.fill(centroids.data, -0.5f);
    for (int j = 0; j < SEGMENTS; j++) {
      centroids.set(j, 2 * j, 2.5f);
      centroids.set(j, 2 * j + 1, 2.0f);
    }
    return LiveModel.builder(1, centroids, FeatureEncoder.logCounts(mean, std)).get();
  }

  private static KafkaProducer<byte[], byte[]> producer(String servers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  private static void send(
      KafkaProducer<byte[], byte[]> p, String topic, String user, long ts, String type) {
    String json =
        "{\"user_id\":\"" + user + "\",\"timestamp\":" + ts + ",\"event_type\":\"" + type + "\"}";
    p.send(
        new ProducerRecord<>(
            topic, user.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
  }

  private static void awaitRead(long n, KafkaRunner... runners) throws InterruptedException {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (true) {
      long read = 0;
      int owned = 0;
      for (KafkaRunner r : runners) {
        RunnerStats s = r.stats();
        read += s.read();
        owned += s.partitions();
        if (r.failure().isPresent()) {
          throw new IllegalStateException("a runner failed", r.failure().get());
        }
      }
      if (read >= n && owned == 6) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the runners read " + read + " of " + n + " in 5 min");
      }
      Thread.sleep(20);
    }
  }

  private static int segmentOf(String user, KafkaRunner... runners) {
    for (KafkaRunner r : runners) {
      int s = r.segmentOf(user);
      if (s >= 0) {
        return s;
      }
    }
    return -1;
  }

  /** The model version of the user's segment, from whichever runner owns them; −1 if none. */
  private static long versionOf(String user, KafkaRunner... runners) {
    for (KafkaRunner r : runners) {
      Optional<LiveUser> u = r.profile(user);
      if (u.isPresent()) {
        return u.get().modelVersion();
      }
    }
    return -1;
  }

  private static int[] segments(List<String> users, KafkaRunner... runners) {
    int[] s = new int[users.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = segmentOf(users.get(i), runners);
    }
    return s;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
