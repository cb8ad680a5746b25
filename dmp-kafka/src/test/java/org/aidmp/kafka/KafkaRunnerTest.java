package org.aidmp.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.feedback.LiveUser;
import org.aidmp.profile.Event;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against a real KRaft broker started in this JVM, with two runners in one group. The
 * soak (more events, several kills) runs with {@code -Ddmp.kafka.soak=true}.
 */
class KafkaRunnerTest {
  static final List<String> TYPES = List.of("view", "click", "cart", "purchase");
  static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00Z
  static final boolean SOAK = Boolean.getBoolean("dmp.kafka.soak");

  static LocalKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = LocalKafka.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  static FeedbackConfig feedback() {
    return FeedbackConfig.builder()
        .setEventTypes(TYPES)
        .setBadEventPolicy(BadRecordPolicy.SKIP)
        .get();
  }

  static FeatureEncoder encoder() {
    return FeatureEncoder.logCounts(new double[] {2, 1, 0.5, 0.2}, new double[] {1, 1, 0.5, 0.4});
  }

  static LiveModel model(long version) {
    FMatrixRMaj c = new FMatrixRMaj(4, 4);
    SplittableRandom r = new SplittableRandom(version);
    for (int i = 0; i < c.data.length; i++) {
      c.data[i] = (float) (r.nextDouble() * 4 - 2);
    }
    return LiveModel.builder(version, c, encoder()).get();
  }

  static RunnerConfig.Builder config(String topic, String group, Path folder, String instance) {
    return RunnerConfig.builder()
        .setBootstrapServers(kafka.bootstrap())
        .setGroupId(group)
        .setInstanceId(instance)
        .setTopics(List.of(topic))
        .setSnapshotFolder(folder)
        .setSnapshotEvery(20_000)
        .setFeedback(feedback())
        .setThreads(2)
        .setConsumerProperties(
            Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500));
  }

  static KafkaRunner start(RunnerConfig config, LiveModel model) {
    KafkaRunner r = KafkaRunner.newBuilder().setConfig(config).setModel(model).build();
    r.start();
    return r;
  }

  /** A deterministic event stream: user, timestamp, type, item, category, amount. */
  static Event event(SplittableRandom r, long i, int users) {
    String user = "u" + r.nextInt(users);
    int t = r.nextInt(10) < 6 ? 0 : r.nextInt(4);
    double amount = t == 3 ? Math.round(r.nextDouble() * 10000) / 100.0 : Double.NaN;
    return new Event(user, T0 + i, TYPES.get(t), "i" + r.nextInt(500), "c" + r.nextInt(8), amount);
  }

  static String json(Event e) {
    return "{\"user_id\":\""
        + e.userId()
        + "\",\"timestamp\":"
        + e.timestamp()
        + ",\"event_type\":\""
        + e.type()
        + "\",\"item_id\":\""
        + e.itemId()
        + "\",\"category\":\""
        + e.category()
        + "\""
        + (Double.isNaN(e.value()) ? "" : ",\"amount\":" + e.value())
        + "}";
  }

  static KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  static void send(KafkaProducer<byte[], byte[]> p, String topic, String key, String value) {
    p.send(
        new ProducerRecord<>(
            topic,
            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
            value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Produces n events and folds them, in order, into a single-threaded reference updater. */
  static void produce(
      String topic, SplittableRandom r, long from, long n, int users, FeedbackUpdater replay) {
    long t0 = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (long i = from; i < from + n; i++) {
        Event e = event(r, i, users);
        send(p, topic, e.userId(), json(e));
        replay.accept(e);
      }
      p.flush();
    }
    System.out.printf("produced %,d events in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
  }

  static FeedbackUpdater replay(LiveModel m) {
    return FeedbackUpdater.newBuilder()
        .setConfig(feedback())
        .setCentroids(m.centroids())
        .setEncoder(m.encoder())
        .build();
  }

  static void await(String what, Duration timeout, BooleanSupplier done) throws Exception {
    await(what, timeout, () -> 0, done);
  }

  /**
   * Waits until {@code done}, failing once {@code stall} passes with no change in {@code progress}:
   * a busy machine that slows the runners down does not fail the test, a runner that stops does.
   */
  static void await(String what, Duration stall, LongSupplier progress, BooleanSupplier done)
      throws Exception {
    long seen = progress.getAsLong();
    long end = System.nanoTime() + stall.toNanos();
    while (!done.getAsBoolean()) {
      long now = progress.getAsLong();
      if (now != seen) {
        seen = now;
        end = System.nanoTime() + stall.toNanos();
      } else if (System.nanoTime() > end) {
        throw new AssertionError(
            "timed out waiting for " + what + ": no progress for " + stall.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  static long settled(RunnerStats s) {
    return s.applied() + s.deadLettered() + s.withoutConsent();
  }

  static long read(KafkaRunner... runners) {
    long n = 0;
    for (KafkaRunner r : runners) {
      n += r.stats().read();
    }
    return n;
  }

  static int owned(KafkaRunner... runners) {
    int n = 0;
    for (KafkaRunner r : runners) {
      n += r.partitions().size();
    }
    return n;
  }

  static void assertCountsEqualReplay(FeedbackUpdater replay, KafkaRunner... runners) {
    Map<String, LiveUser> live = new HashMap<>();
    for (KafkaRunner r : runners) {
      for (Map.Entry<String, LiveUser> e : r.liveUsers().entrySet()) {
        assertTrue(live.put(e.getKey(), e.getValue()) == null, "a user lives in two partitions");
      }
    }
    List<LiveUser> expected = replay.snapshot().users();
    assertEquals(expected.size(), live.size(), "users");
    for (LiveUser want : expected) {
      LiveUser got = live.get(want.userId());
      assertNotNull(got, "a user of the replay is missing");
      assertArrayEquals(want.counts(), got.counts(), "counts of a user");
      assertEquals(want.events(), got.events(), "events of a user");
      assertEquals(want.firstSeen(), got.firstSeen(), "first seen");
      assertEquals(want.lastSeen(), got.lastSeen(), "last seen");
      assertEquals(want.valueSum(), got.valueSum(), 1e-6 * Math.max(1, Math.abs(want.valueSum())));
    }
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, long expected)
      throws Exception {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        boolean atEnd = true;
        for (TopicPartition tp : tps) {
          atEnd &= c.position(tp) >= end.get(tp);
        }
        if (atEnd && out.size() >= expected) {
          break;
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * 1,000,000 events over 10,000 users on 6 partitions, two runners in one group; one is killed
   * mid-stream (no commit, no generation), the group rebalances, it is restarted; every user's
   * counters then equal a single-threaded replay: nothing lost, nothing applied twice.
   */
  @Test
  void killedRunnerLosesNothingAndAppliesNothingTwice(@TempDir Path folder) throws Exception {
    String topic = "events-kill";
    int users = 10_000;
    long total = SOAK ? 5_000_000 : 1_000_000;
    kafka.createTopics(6, topic);
    LiveModel m = model(1);
    FeedbackUpdater replay = replay(m);
    // The events stream in while the runners work, so the kill lands mid-stream.
    AtomicReference<Throwable> producerFailure = new AtomicReference<>();
    Thread producing =
        new Thread(
            () -> {
              try {
                produce(topic, new SplittableRandom(7), 0, total, users, replay);
              } catch (Throwable t) {
                producerFailure.set(t);
              }
            },
            "test-producer");
    producing.start();

    KafkaRunner a =
        start(config(topic, "g-kill", folder, "a").setSegmentTopic("seg-kill").get(), m);
    KafkaRunner b =
        start(config(topic, "g-kill", folder, "b").setSegmentTopic("seg-kill").get(), m);
    int kills = SOAK ? 5 : 1;
    long processedByVictims = 0;
    try {
      for (int k = 0; k < kills; k++) {
        KafkaRunner victim = a;
        long mark = (k + 1) * total / (kills + 2);
        await(
            "the runners to process records",
            Duration.ofSeconds(SOAK ? 600 : 120),
            () -> victim.stats().processed() > 0 && read(victim, b) >= mark);
        assertTrue(victim.stats().partitions() > 0, "the victim owns partitions");
        victim.abandon();
        processedByVictims += victim.stats().processed();
        assertTrue(read(victim, b) < total, "the kill happened mid-stream");
        await("the survivor to take every partition", Duration.ofSeconds(60), () -> owned(b) == 6);
        a = start(config(topic, "g-kill", folder, "a" + k).setSegmentTopic("seg-kill").get(), m);
      }
      producing.join();
      assertTrue(producerFailure.get() == null, () -> "producer failed: " + producerFailure.get());
      KafkaRunner a2 = a;
      await(
          "every record applied",
          Duration.ofSeconds(SOAK ? 600 : 120),
          () -> read(a2, b),
          () -> owned(a2, b) == 6 && read(a2, b) == total);
      assertTrue(b.failure().isEmpty() && a2.failure().isEmpty(), "no runner failed");
      assertEquals(total, a2.stats().applied() + b.stats().applied(), "applied");
      long processed = processedByVictims + a2.stats().processed() + b.stats().processed();
      assertTrue(
          processed > total, "records after the victim's last generation were processed again");
      assertCountsEqualReplay(replay, a2, b);
    } finally {
      a.close();
      b.close();
      replay.close();
    }
  }

  /** Bad values reach the dead-letter topic with their reason; read = applied + dead-lettered. */
  @Test
  void badValuesGoToTheDeadLetterTopicWithReasons(@TempDir Path folder) throws Exception {
    String topic = "events-bad";
    kafka.createTopics(2, topic);
    LiveModel m = model(1);
    FeedbackUpdater replay = replay(m);
    SplittableRandom r = new SplittableRandom(11);
    Map<BadValueReason, Integer> expected = new EnumMap<>(BadValueReason.class);
    int good = 0;
    int n = 3000;
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (int i = 0; i < n; i++) {
        Event e = event(r, i, 200);
        String v = json(e);
        String key = e.userId();
        BadValueReason bad =
            switch (i % 10) {
              case 1 -> {
                v = v.substring(0, v.length() / 2);
                yield BadValueReason.MALFORMED_JSON;
              }
              case 3 -> {
                v = v.replace("\"event_type\":\"" + e.type() + "\",", "");
                yield BadValueReason.MISSING_FIELD;
              }
              case 5 -> {
                v = v.replace("\"timestamp\":" + e.timestamp(), "\"timestamp\":\"yesterday\"");
                yield BadValueReason.BAD_TIMESTAMP;
              }
              case 7 -> {
                v = v.replace("\"" + e.type() + "\"", "\"teleport\"");
                yield BadValueReason.REJECTED_BY_UPDATER;
              }
              case 9 -> {
                key = "someone-else";
                yield BadValueReason.KEY_MISMATCH;
              }
              default -> null;
            };
        if (i == 4) {
          v = "";
          bad = BadValueReason.EMPTY_VALUE;
        }
        if (bad == null) {
          good++;
          replay.accept(e);
        } else {
          expected.merge(bad, 1, Integer::sum);
        }
        send(p, topic, key, v);
      }
      p.send(
          new ProducerRecord<>(
              topic, "u1".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff}));
      expected.merge(BadValueReason.NOT_UTF8, 1, Integer::sum);
      n++;
    }
    int dead = n - good;
    long total = n;
    try (KafkaRunner a = start(config(topic, "g-bad", folder, "a").get(), m)) {
      // A record is counted as read before its outcome, so wait until the last one has one.
      await(
          "every record read and settled",
          Duration.ofSeconds(60),
          () -> read(a) + settled(a.stats()),
          () -> read(a) == total && owned(a) == 2 && settled(a.stats()) == total);
      RunnerStats s = a.stats();
      assertEquals(s.read(), settled(s), "account");
      assertEquals(good, s.applied(), "applied");
      assertEquals(dead, s.deadLettered(), "dead-lettered");
      assertCountsEqualReplay(replay, a);
      List<ConsumerRecord<byte[], byte[]>> dlq = readAll(topic + ".dlq", dead);
      assertEquals(dead, dlq.size(), "records on the dead-letter topic");
      Map<BadValueReason, Integer> got = new EnumMap<>(BadValueReason.class);
      Set<String> sources = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> rec : dlq) {
        got.merge(BadValueReason.valueOf(header(rec, "dmp.reason")), 1, Integer::sum);
        assertNotNull(header(rec, "dmp.reason.message"));
        assertEquals(topic, header(rec, "dmp.source.topic"));
        assertTrue(
            sources.add(
                header(rec, "dmp.source.partition") + "@" + header(rec, "dmp.source.offset")),
            "a record was dead-lettered twice");
        if (header(rec, "dmp.reason").equals("REJECTED_BY_UPDATER")) {
          assertEquals("UNKNOWN_TYPE", header(rec, "dmp.reason.detail"));
        }
      }
      assertEquals(expected, got, "reasons");
    } finally {
      replay.close();
    }
  }

  /**
   * A new batch model rolls out while records stream in: no record is dropped, users keep their
   * counters, every partition ends on the new version, and the versions stamped on a user's segment
   * changes never go down in the order of the events that caused them.
   */
  @Test
  void modelRollOutMidStreamDropsNothingAndVersionsRise(@TempDir Path folder) throws Exception {
    String topic = "events-roll";
    kafka.createTopics(3, topic);
    LiveModel v1 = model(1);
    LiveModel v2 = model(2);
    FeedbackUpdater replay = replay(v1);
    int users = 2000;
    long half = 100_000;
    SplittableRandom r = new SplittableRandom(5);
    produce(topic, r, 0, half, users, replay);
    KafkaRunner a =
        start(config(topic, "g-roll", folder, "a").setSegmentTopic("seg-roll").get(), v1);
    KafkaRunner b =
        start(config(topic, "g-roll", folder, "b").setSegmentTopic("seg-roll").get(), v1);
    try {
      await("both runners busy", Duration.ofSeconds(60), () -> owned(a, b) == 3 && read(a, b) > 0);
      assertFalse(read(a, b) >= half, "the roll-out happens mid-stream");
      a.rollOut(v2).get();
      b.rollOut(v2).get();
      produce(topic, r, half, half, users, replay);
      await(
          "every record applied",
          Duration.ofSeconds(60),
          () -> read(a, b),
          () -> owned(a, b) == 3 && read(a, b) == 2 * half);
      assertEquals(2 * half, a.stats().applied() + b.stats().applied(), "applied");
      assertEquals(2, a.batchVersion());
      assertEquals(2, b.batchVersion());
      assertCountsEqualReplay(replay, a, b);
      for (int u = 0; u < 50; u++) {
        String id = "u" + u;
        long version = a.profile(id).or(() -> b.profile(id)).orElseThrow().modelVersion();
        assertEquals(2, KafkaRunner.batchVersionOf(version), "a user answers from version 2");
      }
      Map<String, List<long[]>> perUser = new HashMap<>();
      List<ConsumerRecord<byte[], byte[]>> changes = readAll("seg-roll", users);
      boolean sawV1 = false;
      boolean sawV2 = false;
      for (ConsumerRecord<byte[], byte[]> c : changes) {
        long version = Long.parseLong(header(c, "dmp.model.version"));
        long offset = Long.parseLong(header(c, "dmp.source.offset"));
        sawV1 |= KafkaRunner.batchVersionOf(version) == 1;
        sawV2 |= KafkaRunner.batchVersionOf(version) == 2;
        perUser
            .computeIfAbsent(new String(c.key(), StandardCharsets.UTF_8), k -> new ArrayList<>())
            .add(new long[] {offset, version});
      }
      assertTrue(sawV1 && sawV2, "changes under both versions");
      for (List<long[]> l : perUser.values()) {
        l.sort((x, y) -> Long.compare(x[0], y[0]));
        for (int i = 1; i < l.size(); i++) {
          assertTrue(l.get(i)[1] >= l.get(i - 1)[1], "a user's versions went down");
        }
      }
    } finally {
      a.close();
      b.close();
      replay.close();
    }
  }

  /**
   * Exactly-once outputs: a runner in {@link Delivery#EXACTLY_ONCE} is killed mid-stream and
   * restarted; read with read_committed, the segment topic holds each change once (one per source
   * record at most, one first assignment per user), though records were processed twice.
   */
  @Test
  void exactlyOnceOutputsSurviveAKill(@TempDir Path folder) throws Exception {
    String topic = "events-eos";
    kafka.createTopics(3, topic);
    LiveModel m = model(1);
    int users = 2000;
    long total = 60_000;
    FeedbackUpdater replay = replay(m);
    produce(topic, new SplittableRandom(13), 0, total, users, replay);
    java.util.function.Function<String, RunnerConfig> cfg =
        id ->
            config(topic, "g-eos", folder, "a")
                .setSnapshotEvery(5_000)
                .setSegmentTopic("seg-eos")
                .setDelivery(Delivery.EXACTLY_ONCE)
                .setConsumerProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000))
                .setProducerProperties(Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000))
                .get();
    KafkaRunner first = start(cfg.apply("a"), m);
    await("half the records", Duration.ofSeconds(60), () -> read(first) >= total / 2);
    first.abandon();
    long before = first.stats().processed();
    assertTrue(before < total, "killed mid-stream");
    try (KafkaRunner again = start(cfg.apply("a"), m)) {
      await(
          "every record", Duration.ofSeconds(60), () -> owned(again) == 3 && read(again) == total);
      assertTrue(before + again.stats().processed() > total, "records were processed twice");
      assertCountsEqualReplay(replay, again);
      List<ConsumerRecord<byte[], byte[]>> changes = readAll("seg-eos", users);
      Set<String> sources = new HashSet<>();
      Map<String, Integer> firsts = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> c : changes) {
        assertTrue(
            sources.add(header(c, "dmp.source.partition") + "@" + header(c, "dmp.source.offset")),
            "an output was published twice");
        if (new String(c.value(), StandardCharsets.UTF_8).contains("\"from\":-1,")) {
          firsts.merge(new String(c.key(), StandardCharsets.UTF_8), 1, Integer::sum);
        }
      }
      assertEquals(users, firsts.size(), "every user's first assignment was published");
      assertTrue(firsts.values().stream().allMatch(n -> n == 1), "first assignments once each");
    } finally {
      replay.close();
    }
  }

  /**
   * The README's "Live on Kafka" snippet, as written except for the broker address and the folder.
   */
  @Test
  void readmeSnippetRuns(@TempDir Path folder) throws Exception {
    kafka.createTopics(2, "events");
    org.aidmp.kmeans.KMeansModel kmeansModel =
        org.aidmp.kmeans.KMeans.builder()
            .setK(2)
            .setSeed(1)
            .get()
            .fit(new FMatrixRMaj(new float[][] {{0, 0, 0}, {1, 1, 1}, {0, 1, 0}, {5, 5, 5}}));
    double[] mean = {0, 0, 0};
    double[] std = {1, 1, 1};
    LiveModel nextModel = LiveModel.builder(2, kmeansModel.centroids(), encoder3()).get();
    // ---- from the README
    RunnerConfig config =
        RunnerConfig.builder()
            .setBootstrapServers(kafka.bootstrap())
            .setGroupId("dmp-live")
            .setTopics(List.of("events"))
            .setSnapshotFolder(folder)
            .setSnapshotEvery(50_000)
            .setFeedback(
                FeedbackConfig.builder().setEventTypes(List.of("view", "cart", "purchase")).get())
            .setDeadLetterTopic("events.dlq")
            .setSegmentTopic("segment-changes")
            .setRecommendationTopic("recommendations")
            .setDelivery(Delivery.AT_LEAST_ONCE)
            .get();
    LiveModel model =
        LiveModel.builder(1, kmeansModel.centroids(), FeatureEncoder.logCounts(mean, std)).get();
    try (KafkaRunner runner = KafkaRunner.newBuilder().setConfig(config).setModel(model).build()) {
      runner.start();
      runner.profile("u42");
      runner.rollOut(nextModel).join();
      runner.stats();
      // ---- end of the README
      try (KafkaProducer<byte[], byte[]> p = producer()) {
        send(p, "events", "u42", "{\"user_id\":\"u42\",\"timestamp\":1,\"event_type\":\"cart\"}");
      }
      await("the event", Duration.ofSeconds(60), () -> runner.stats().applied() == 1);
      assertEquals(
          2, KafkaRunner.batchVersionOf(runner.profile("u42").orElseThrow().modelVersion()));
    }
  }

  static FeatureEncoder encoder3() {
    return FeatureEncoder.logCounts(new double[3], new double[] {1, 1, 1});
  }
}
