package org.aidmp.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.campaign.Choice;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.feedback.BadEventReason;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.feedback.FeedbackStats;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.feedback.LiveUser;
import org.aidmp.feedback.Recommendations;
import org.aidmp.profile.Event;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds live events from Kafka topics into one {@link FeedbackUpdater} (and optionally one {@link
 * CampaignOptimizer}) per assigned partition, and keeps that state safe across crashes and
 * rebalances. Start several runners with one group id and Kafka spreads the partitions, hence the
 * users, over them.
 *
 * <pre>{@code
 * try (KafkaRunner runner = KafkaRunner.newBuilder().setConfig(config).setModel(model).build()) {
 *   runner.start();
 *   LiveUser u42 = runner.profile("u42").orElseThrow();   // segment, model version, counters
 *   runner.rollOut(newerModel).join();   // every owned partition now answers with it
 * }
 * }</pre>
 *
 * <p><b>State per partition.</b> Every {@link RunnerConfig#snapshotEvery()} records, when a
 * partition is revoked, after a model roll-out and at close, the partition's live state (users,
 * centroids and drift, campaign, its account of records) is written with the offset of the next
 * record to apply as one {@link PartitionSnapshots} generation. On assignment a runner loads the
 * partition's last generation and seeks to that offset, so the state has applied every record
 * exactly once: a crash only costs the replay of the records after the last generation. Producers
 * must key records by user id (records keyed otherwise are dead-lettered), so each user lives in
 * one partition.
 *
 * <p><b>Outputs.</b> Bad values and events the updater rejects go to the dead-letter topic with the
 * reason in headers ({@code dmp.reason}, {@code dmp.reason.detail}, {@code dmp.source.topic},
 * {@code dmp.source.partition}, {@code dmp.source.offset}). When a record moves its user to another
 * segment, the change, the user's refreshed recommendations and a campaign decision are published
 * to the configured topics, each stamped with the model version ({@code dmp.model.version} header
 * and field). Outputs are at least once, or exactly once with {@link Delivery#EXACTLY_ONCE}; when a
 * partition is replayed from its generation, records whose outputs were already committed are
 * re-applied to the state without publishing again.
 *
 * <p><b>Threads.</b> One poll thread owns the consumer; each polled batch is split by partition and
 * the partitions are applied in parallel on {@link RunnerConfig#threads()} workers (one partition
 * is never applied by two threads at once); the batch's offsets are committed when all are done.
 * Queries ({@link #segmentOf}, {@link #recommendations}) may come from any thread.
 *
 * <p><b>Model versions.</b> A batch model of version v starts its centroids at version v × 2³²
 * ({@link #modelVersionOf}); live drift counts up from there, so a newer batch model always answers
 * with larger versions.
 */
public final class KafkaRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaRunner.class);
  private static final int VERSION_SHIFT = 32;

  private final RunnerConfig config;
  private final FeedbackConfig feedback;
  private final PartitionSnapshots store;
  private final ConcurrentHashMap<TopicPartition, Part> parts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Integer> partitionCounts = new ConcurrentHashMap<>();
  private final ExecutorService pool;
  private final Thread pollThread;
  private final LongAdder processed = new LongAdder();
  private final LongAdder snapshots = new LongAdder();
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
  private final List<Pending> pendingRollOuts = new ArrayList<>();
  private final boolean publishesChanges;

  private volatile LiveModel model;
  private volatile boolean started;
  private volatile boolean stopping;
  private volatile boolean abandoned;
  private volatile Throwable failure;
  private volatile long lag;
  private volatile long startNanos;
  private volatile boolean closed;

  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;

  private KafkaRunner(Builder b) {
    this.config = b.config;
    FeedbackConfig fc = config.feedback();
    // The runner dead-letters bad events itself, so the updater only counts them.
    this.feedback =
        fc.badEventPolicy() == BadRecordPolicy.SKIP
            ? fc
            : fc.toBuilder().setBadEventPolicy(BadRecordPolicy.SKIP).get();
    this.model = b.model;
    this.store = PartitionSnapshots.in(config.snapshotFolder());
    this.publishesChanges =
        config.segmentTopic() != null
            || config.recommendationTopic() != null
            || config.decisionTopic() != null;
    AtomicInteger n = new AtomicInteger();
    String id = config.instanceId();
    this.pool =
        Executors.newFixedThreadPool(
            config.threads(),
            r -> {
              Thread t = new Thread(r, "dmp-kafka-" + id + "-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.pollThread = new Thread(this::run, "dmp-kafka-" + id + "-poll");
    pollThread.setDaemon(true);
  }

  /** A builder; config and model are required. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The model version a batch model's centroids start at: {@code batchVersion × 2³²}. */
  public static long modelVersionOf(long batchVersion) {
    return batchVersion << VERSION_SHIFT;
  }

  /** The batch model version behind a model version stamped on an answer. */
  public static long batchVersionOf(long modelVersion) {
    return modelVersion >>> VERSION_SHIFT;
  }

  /** The settings. */
  public RunnerConfig config() {
    return config;
  }

  /**
   * Joins the group and starts consuming on a thread of the runner's own.
   *
   * @throws IllegalStateException if already started or closed
   */
  public synchronized void start() {
    if (started || closed) {
      throw new IllegalStateException("the runner is already started or closed; build another");
    }
    started = true;
    startNanos = System.nanoTime();
    pollThread.start();
  }

  /**
   * Rolls a newer batch model out to every partition this runner owns, between two batches so that
   * no record is skipped; partitions assigned later start with it. Users keep their history
   * (counters carry over) and are re-assigned to the nearest new centroid by their current row.
   *
   * @return completes with the model's version once every owned partition serves it
   * @throws IllegalArgumentException if the version is not newer or the dimension differs
   */
  public CompletableFuture<Long> rollOut(LiveModel next) {
    Objects.requireNonNull(next, "next");
    CompletableFuture<Long> done = new CompletableFuture<>();
    synchronized (pendingRollOuts) {
      LiveModel last =
          pendingRollOuts.isEmpty() ? model : pendingRollOuts.get(pendingRollOuts.size() - 1).model;
      if (next.version() <= last.version()) {
        throw new IllegalArgumentException(
            "model version "
                + next.version()
                + " is not newer than "
                + last.version()
                + "; give roll-outs increasing versions");
      }
      if (next.dimension() != last.dimension()) {
        throw new IllegalArgumentException(
            "the new model has "
                + next.dimension()
                + " features but the running one "
                + last.dimension()
                + "; live rows carry over, so keep the feature dimension");
      }
      pendingRollOuts.add(new Pending(next, done));
    }
    if (!started || pollThread.getState() == Thread.State.TERMINATED) {
      // Not consuming: nothing owned to switch, later assignments use it.
      applyPendingModels();
    }
    return done;
  }

  /** The batch model version in service. */
  public long batchVersion() {
    return model.version();
  }

  /**
   * The user's segment from the partition that owns them; −1 when the user is unknown or their
   * partition is owned by another runner. {@link #profile} adds the model version that assigned it.
   */
  public int segmentOf(String userId) {
    Part p = partOf(Objects.requireNonNull(userId, "userId"));
    return p == null ? -1 : p.updater.segmentOf(userId);
  }

  /**
   * The user's live state from the partition that owns them: segment, the model version that
   * assigned it, counters (with those carried from earlier batch models) and feature row. Empty
   * when the user is unknown or their partition is owned by another runner.
   */
  public Optional<LiveUser> profile(String userId) {
    Part p = partOf(Objects.requireNonNull(userId, "userId"));
    if (p == null) {
      return Optional.empty();
    }
    Map<String, LiveUser> carried = p.carried;
    LiveUser live = p.updater.profile(userId);
    return Optional.ofNullable(
        CarryingEncoder.add(carried.isEmpty() ? null : carried.get(userId), live));
  }

  /** The user's recommendations from the partition that owns them (popular items if none). */
  public Optional<Recommendations> recommendations(String userId, int n) {
    Part p = partOf(Objects.requireNonNull(userId, "userId"));
    return p == null ? Optional.empty() : Optional.of(p.updater.recommendations(userId, n));
  }

  /**
   * A copy of the live state of every user of the owned partitions, keyed by user id; counters
   * include the events seen under earlier batch models. Pauses each partition's intake briefly.
   */
  public Map<String, LiveUser> liveUsers() {
    Map<String, LiveUser> out = new HashMap<>();
    for (Part p : parts.values()) {
      Map<String, LiveUser> carried = p.carried;
      FeedbackSnapshot s = p.updater.snapshot();
      for (LiveUser u : s.users()) {
        out.put(u.userId(), CarryingEncoder.add(carried.get(u.userId()), u));
      }
      for (LiveUser c : carried.values()) {
        out.putIfAbsent(c.userId(), c);
      }
    }
    return out;
  }

  /** The partitions owned now. */
  public Set<TopicPartition> partitions() {
    return Set.copyOf(parts.keySet());
  }

  /** The counters. */
  public RunnerStats stats() {
    long read = 0;
    long applied = 0;
    long dead = 0;
    long noConsent = 0;
    for (Part p : parts.values()) {
      read += p.read;
      applied += p.applied;
      dead += p.deadLettered;
      noConsent += p.withoutConsent;
    }
    long n = processed.sum();
    double secs = started ? (System.nanoTime() - startNanos) / 1e9 : 0;
    return new RunnerStats(
        read,
        applied,
        dead,
        noConsent,
        n,
        secs > 0 ? n / secs : 0,
        lag,
        parts.size(),
        snapshots.sum(),
        model.version());
  }

  /** Why the runner stopped consuming, if it failed. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Finishes the batch in hand, commits it, writes every owned partition's generation, leaves the
   * group and stops the threads. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopping = true;
    if (started) {
      join();
    }
    pool.shutdownNow();
  }

  /**
   * Simulates a crash: the runner stops at once, mid-batch if need be, and leaves the group without
   * committing offsets or writing any generation; its in-memory state is dropped. For tests.
   */
  void abandon() {
    abandoned = true;
    closed = true;
    if (consumer != null) {
      consumer.wakeup();
    }
    join();
    pool.shutdownNow();
  }

  private void join() {
    try {
      pollThread.join(TimeUnit.SECONDS.toMillis(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- the poll thread

  private void run() {
    try {
      consumer = new KafkaConsumer<>(consumerProperties());
      producer = new KafkaProducer<>(producerProperties());
      if (config.delivery() == Delivery.EXACTLY_ONCE) {
        producer.initTransactions();
      }
      consumer.subscribe(config.topics(), new Rebalance());
      while (!stopping && !abandoned) {
        applyPendingModels();
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(config.pollTimeout());
        } catch (WakeupException e) {
          continue;
        }
        if (abandoned) {
          break;
        }
        if (!records.isEmpty()) {
          batch(records);
        }
        measureLag();
      }
      if (abandoned) {
        crash();
        return;
      }
      for (Part p : List.copyOf(parts.values())) {
        save(p);
        release(p);
      }
      parts.clear();
      consumer.close();
      producer.close();
    } catch (Abandoned e) {
      crash();
    } catch (Throwable t) {
      if (abandoned) {
        crash();
        return;
      }
      failure = t;
      LOG.error("the runner stopped on a failure; partitions resume from their last generation", t);
      crash();
    } finally {
      failPendingRollOuts();
    }
  }

  /** Leaves without committing or saving anything: what a killed process leaves behind. */
  private void crash() {
    abandoned = true;
    for (Part p : parts.values()) {
      release(p);
    }
    parts.clear();
    if (consumer != null) {
      try {
        // Leaves the group at once so the partitions move now rather than at the session timeout;
        // nothing is committed (auto-commit is off) and no listener saves anything.
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.debug("consumer close after a crash", e);
      }
    }
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (RuntimeException e) {
        LOG.debug("producer close after a crash", e);
      }
    }
  }

  private void batch(ConsumerRecords<byte[], byte[]> records) throws Exception {
    boolean txn = config.delivery() == Delivery.EXACTLY_ONCE;
    if (txn) {
      producer.beginTransaction();
    }
    List<Part> touched = new ArrayList<>();
    List<Future<?>> running = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      Part p = parts.get(tp);
      if (p == null) {
        continue; // revoked meanwhile; its records come again to the new owner
      }
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      touched.add(p);
      if (records.partitions().size() == 1) {
        apply(p, list);
      } else {
        running.add(pool.submit(() -> apply(p, list)));
      }
    }
    awaitAll(running);
    if (abandoned) {
      throw new Abandoned();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Part p : touched) {
      offsets.put(p.tp, new OffsetAndMetadata(p.nextOffset));
    }
    if (txn) {
      try {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // The group moved on: the batch's outputs are void, so its records must be applied again
        // from the last generation, or their outputs would be lost.
        LOG.warn("a batch's transaction could not commit; its partitions rewind", e);
        producer.abortTransaction();
        rewind(touched);
        return;
      }
    } else {
      producer.flush();
      Exception e = sendFailure.getAndSet(null);
      if (e != null) {
        throw new IllegalStateException("an output could not be published", e);
      }
      try {
        consumer.commitSync(offsets);
      } catch (CommitFailedException | RebalanceInProgressException ce) {
        // The state is right and the outputs are out; the next owner replays from the last
        // generation and publishes the uncommitted records' outputs again (at least once).
        LOG.warn("a batch's offsets could not be committed; its outputs may repeat", ce);
      }
    }
    processed.add(records.count());
    List<Future<?>> saving = new ArrayList<>();
    for (Part p : touched) {
      if (p.sinceSnapshot >= config.snapshotEvery()) {
        saving.add(pool.submit(() -> save(p)));
      }
    }
    awaitAll(saving);
  }

  /** Drops the partitions' in-memory state and resumes them from their last generation. */
  private void rewind(List<Part> touched) {
    Set<TopicPartition> owned = consumer.assignment();
    Set<TopicPartition> again = new HashSet<>();
    for (Part p : touched) {
      if (parts.remove(p.tp) != null) {
        release(p);
      }
      if (owned.contains(p.tp)) {
        again.add(p.tp);
      }
    }
    if (again.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(again);
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(again);
    for (TopicPartition tp : again) {
      OffsetAndMetadata c = committed.get(tp);
      Part p = load(tp, beginning.getOrDefault(tp, 0L), c == null ? 0 : c.offset());
      parts.put(tp, p);
      consumer.seek(tp, p.nextOffset);
    }
  }

  private static void awaitAll(List<Future<?>> futures) throws Exception {
    Exception first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof Exception ex ? ex : e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void measureLag() {
    long sum = 0;
    for (TopicPartition tp : parts.keySet()) {
      sum += consumer.currentLag(tp).orElse(0);
    }
    lag = sum;
  }

  private void applyPendingModels() {
    List<Pending> todo;
    synchronized (pendingRollOuts) {
      if (pendingRollOuts.isEmpty()) {
        return;
      }
      todo = new ArrayList<>(pendingRollOuts);
      pendingRollOuts.clear();
    }
    for (Pending next : todo) {
      try {
        for (Part p : parts.values()) {
          switchModel(p, next.model);
          // The switch point is part of the partition's history: record it, so that a replay
          // applies the same records under the same model.
          save(p);
        }
        model = next.model;
        LOG.info("batch model version {} in service", next.model.version());
        next.done.complete(next.model.version());
      } catch (RuntimeException e) {
        next.done.completeExceptionally(e);
        throw e;
      }
    }
  }

  private void failPendingRollOuts() {
    synchronized (pendingRollOuts) {
      for (Pending p : pendingRollOuts) {
        // Nothing owned any more: later assignments (by any runner built with it) use it.
        model = p.model;
        p.done.complete(p.model.version());
      }
      pendingRollOuts.clear();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      if (abandoned) {
        return;
      }
      // Called inside poll: the last batch is applied and committed, so the state is a clean cut.
      for (TopicPartition tp : revoked) {
        Part p = parts.remove(tp);
        if (p != null) {
          save(p);
          release(p);
        }
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      // Another runner may own them already: writing a generation now could race with it.
      for (TopicPartition tp : lost) {
        Part p = parts.remove(tp);
        if (p != null) {
          release(p);
        }
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      if (abandoned || assigned.isEmpty()) {
        return;
      }
      Set<TopicPartition> set = new HashSet<>(assigned);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(set);
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(set);
      for (TopicPartition tp : assigned) {
        partitionCounts.computeIfAbsent(
            tp.topic(),
            t -> {
              List<PartitionInfo> info = consumer.partitionsFor(t);
              return info == null ? 0 : info.size();
            });
        OffsetAndMetadata c = committed.get(tp);
        Part p = load(tp, beginning.getOrDefault(tp, 0L), c == null ? 0 : c.offset());
        parts.put(tp, p);
        consumer.seek(tp, p.nextOffset);
      }
    }
  }

  // ---------------------------------------------------------------- partitions

  /** One owned partition's live state; applied by one thread at a time. */
  private static final class Part {
    final TopicPartition tp;
    volatile FeedbackUpdater updater;
    volatile Map<String, LiveUser> carried;
    volatile LiveModel model;
    CampaignOptimizer campaign;
    volatile long nextOffset;

    /** Records below this offset had their outputs committed already: replay them silently. */
    final long outputsFrom;

    volatile long read;
    volatile long applied;
    volatile long deadLettered;
    volatile long withoutConsent;
    long sinceSnapshot;
    long lastWithoutConsent;
    long[] lastRejected = new long[BadEventReason.values().length];

    Part(TopicPartition tp, long nextOffset, long outputsFrom) {
      this.tp = tp;
      this.nextOffset = nextOffset;
      this.outputsFrom = outputsFrom;
    }
  }

  private Part load(TopicPartition tp, long beginning, long committed) {
    Optional<PartitionSnapshots.Generation> gen = store.load(tp.topic(), tp.partition());
    LiveModel m = model;
    if (gen.isEmpty()) {
      Part p = new Part(tp, beginning, committed);
      p.model = m;
      p.carried = Map.of();
      p.updater = fresh(m, p.carried, null);
      p.campaign = config.campaign() == null ? null : CampaignOptimizer.create(config.campaign());
      LOG.info("partition {} starts empty at offset {}", tp.partition(), beginning);
      return p;
    }
    PartitionState s;
    try {
      s = PartitionState.fromBytes(gen.get().payload());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "generation " + gen.get().number() + " of partition " + tp.partition() + " is unreadable",
          e);
    }
    if (s.batchVersion() > m.version()) {
      throw new IllegalStateException(
          "partition "
              + tp.partition()
              + " was saved under batch model version "
              + s.batchVersion()
              + " but this runner has "
              + m.version()
              + "; start it with the newer model");
    }
    Part p = new Part(tp, s.nextOffset(), committed);
    p.read = s.account().read();
    p.applied = s.account().applied();
    p.deadLettered = s.account().deadLettered();
    p.withoutConsent = s.account().withoutConsent();
    Map<String, LiveUser> carried = new HashMap<>();
    for (LiveUser u : s.carried()) {
      carried.put(u.userId(), u);
    }
    p.carried = Map.copyOf(carried);
    p.model = m;
    FeedbackUpdater.Builder b =
        FeedbackUpdater.newBuilder()
            .setConfig(feedback)
            .setEncoder(new CarryingEncoder(m.encoder(), p.carried))
            .restore(s.feedback());
    if (m.recommender() != null) {
      b.setRecommender(m.recommender());
    }
    if (m.popularity() != null) {
      b.setPopularity(m.popularity());
    }
    p.updater = b.build();
    FeedbackStats st = p.updater.stats();
    p.lastWithoutConsent = st.withoutConsent();
    for (BadEventReason r : BadEventReason.values()) {
      p.lastRejected[r.ordinal()] = st.rejected().get(r);
    }
    if (config.campaign() != null) {
      p.campaign =
          s.campaign() != null ? s.campaign() : CampaignOptimizer.create(config.campaign());
    }
    if (s.batchVersion() < m.version()) {
      // Saved before a roll-out this runner already has: switch now, as the others did.
      switchModel(p, m);
    }
    LOG.info(
        "partition {} resumes from generation {} at offset {}",
        tp.partition(),
        gen.get().number(),
        s.nextOffset());
    return p;
  }

  private FeedbackUpdater fresh(LiveModel m, Map<String, LiveUser> carried, FeedbackSnapshot from) {
    FeedbackUpdater.Builder b =
        FeedbackUpdater.newBuilder()
            .setConfig(feedback)
            .setCentroids(m.centroids())
            .setModelVersion(modelVersionOf(m.version()))
            .setEncoder(new CarryingEncoder(m.encoder(), carried));
    if (m.segmentSizes() != null) {
      b.setSegmentSizes(m.segmentSizes());
    }
    if (m.recommender() != null) {
      b.setRecommender(m.recommender());
    }
    if (m.popularity() != null) {
      b.setPopularity(m.popularity());
    }
    if (from != null) {
      float[] c = m.centroids().data;
      int k = m.segments();
      int d = m.dimension();
      for (LiveUser u : from.users()) {
        float[] row = u.row();
        b.addUser(u.userId(), row, nearest(row, c, k, d));
      }
    }
    return b.build();
  }

  private static int nearest(float[] row, float[] c, int k, int d) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        double x = row[i] - c[j * d + i];
        s += x * x;
      }
      if (s < bestD) {
        bestD = s;
        best = j;
      }
    }
    return best;
  }

  /** Moves a partition to a new batch model; its users' counters carry over. */
  private void switchModel(Part p, LiveModel m) {
    FeedbackUpdater old = p.updater;
    FeedbackSnapshot s = old.snapshot();
    Map<String, LiveUser> carried = new HashMap<>(p.carried);
    for (LiveUser u : s.users()) {
      carried.put(u.userId(), CarryingEncoder.add(carried.get(u.userId()), u));
    }
    Map<String, LiveUser> frozen = Map.copyOf(carried);
    FeedbackUpdater next = fresh(m, frozen, s);
    // The new updater starts its own counters at zero; keep the partition's account baseline.
    p.lastWithoutConsent = 0;
    Arrays.fill(p.lastRejected, 0);
    p.carried = frozen;
    p.model = m;
    p.updater = next;
    old.close();
  }

  private void save(Part p) {
    if (abandoned) {
      return;
    }
    List<LiveUser> carried = new ArrayList<>(p.carried.values());
    carried.sort((a, b) -> a.userId().compareTo(b.userId()));
    PartitionState s =
        new PartitionState(
            p.nextOffset,
            p.model.version(),
            new PartitionState.Account(p.read, p.applied, p.deadLettered, p.withoutConsent),
            p.updater.snapshot(),
            carried,
            p.campaign == null ? null : p.campaign.copy());
    store.save(p.tp.topic(), p.tp.partition(), s.toBytes());
    p.sinceSnapshot = 0;
    snapshots.increment();
  }

  private static void release(Part p) {
    p.updater.close();
  }

  private Part partOf(String userId) {
    byte[] key = userId.getBytes(StandardCharsets.UTF_8);
    for (String topic : config.topics()) {
      Integer n = partitionCounts.get(topic);
      if (n == null || n == 0) {
        continue;
      }
      Part p = parts.get(new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % n));
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- applying records

  private static final class Abandoned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abandoned() {
      super("abandoned", null, false, false);
    }
  }

  /**
   * Records decoded ahead and whose users' state is read ahead together (see {@link
   * FeedbackUpdater#readAhead}): with many users each event's state is a chain of cache misses, and
   * read ahead, the misses of a group overlap. Events are still applied one by one, in order.
   */
  static final int READ_AHEAD = 8;

  private void apply(Part p, List<ConsumerRecord<byte[], byte[]>> records) {
    EventDecoder decoder = config.decoder();
    EventDecoder.Decoded[] decoded = new EventDecoder.Decoded[READ_AHEAD];
    List<Event> ahead = new ArrayList<>(READ_AHEAD);
    int n = records.size();
    for (int from = 0; from < n; from += READ_AHEAD) {
      int to = Math.min(n, from + READ_AHEAD);
      ahead.clear();
      for (int i = from; i < to; i++) {
        EventDecoder.Decoded d = decoder.decode(records.get(i).value());
        decoded[i - from] = d;
        if (d.reason() == null) {
          ahead.add(d.event());
        }
      }
      p.updater.readAhead(ahead);
      for (int i = from; i < to; i++) {
        applyRecord(p, records.get(i), decoded[i - from]);
      }
    }
  }

  private void applyRecord(Part p, ConsumerRecord<byte[], byte[]> r, EventDecoder.Decoded d) {
    if (abandoned) {
      throw new Abandoned();
    }
    boolean publish = r.offset() >= p.outputsFrom;
    p.read++;
    if (d.reason() != null) {
      deadLetter(p, r, d.reason(), null, publish);
    } else if (!keyMatches(r.key(), d.event().userId())) {
      deadLetter(p, r, BadValueReason.KEY_MISMATCH, null, publish);
    } else {
      applyEvent(p, r, d.event(), publish);
    }
    p.nextOffset = r.offset() + 1;
    p.sinceSnapshot++;
  }

  private void applyEvent(Part p, ConsumerRecord<byte[], byte[]> r, Event e, boolean publish) {
    FeedbackUpdater u = p.updater;
    int before = publishesChanges ? u.segmentOf(e.userId()) : 0;
    if (u.accept(e)) {
      p.applied++;
      if (publishesChanges) {
        int after = u.segmentOf(e.userId());
        if (after != before) {
          // The partition's one thread changes this user, so the state read next is this event's.
          changed(p, r, e, before, u.profile(e.userId()), publish);
        }
      }
      return;
    }
    FeedbackStats s = u.stats();
    if (s.withoutConsent() > p.lastWithoutConsent) {
      p.lastWithoutConsent = s.withoutConsent();
      p.withoutConsent++;
      return;
    }
    BadEventReason why = null;
    for (BadEventReason reason : BadEventReason.values()) {
      long now = s.rejected().get(reason);
      if (now > p.lastRejected[reason.ordinal()]) {
        p.lastRejected[reason.ordinal()] = now;
        why = reason;
      }
    }
    deadLetter(p, r, BadValueReason.REJECTED_BY_UPDATER, why, publish);
  }

  private static boolean keyMatches(byte[] key, String userId) {
    return key != null && Arrays.equals(key, userId.getBytes(StandardCharsets.UTF_8));
  }

  private void changed(
      Part p, ConsumerRecord<byte[], byte[]> r, Event e, int from, LiveUser to, boolean publish) {
    long version = to.modelVersion();
    Choice choice =
        p.campaign != null && config.decisionTopic() != null
            ? p.campaign.choose(to.segment(), e.userId())
            : null;
    Recommendations recs =
        config.recommendationTopic() != null
            ? p.updater.recommendations(e.userId(), config.recommendations())
            : null;
    if (!publish) {
      return;
    }
    byte[] key = r.key();
    if (config.segmentTopic() != null) {
      String json =
          "{\"user_id\":"
              + Json.quote(e.userId())
              + ",\"from\":"
              + from
              + ",\"to\":"
              + to.segment()
              + ",\"model_version\":"
              + version
              + ",\"batch_version\":"
              + batchVersionOf(version)
              + ",\"timestamp\":"
              + e.timestamp()
              + "}";
      send(config.segmentTopic(), key, json, version, r);
    }
    if (recs != null) {
      StringBuilder items = new StringBuilder("[");
      for (String item : recs.itemIds()) {
        if (items.length() > 1) {
          items.append(',');
        }
        items.append(Json.quote(item));
      }
      items.append(']');
      String json =
          "{\"user_id\":"
              + Json.quote(e.userId())
              + ",\"segment\":"
              + recs.segment()
              + ",\"items\":"
              + items
              + ",\"cold_start\":"
              + recs.coldStart()
              + ",\"model_version\":"
              + recs.modelVersion()
              + "}";
      send(config.recommendationTopic(), key, json, recs.modelVersion(), r);
    }
    if (choice != null) {
      String json =
          "{\"user_id\":"
              + Json.quote(e.userId())
              + ",\"segment\":"
              + choice.segment()
              + ",\"arm\":"
              + Json.quote(choice.arm())
              + ",\"group\":"
              + Json.quote(choice.group().name())
              + ",\"campaign_version\":"
              + choice.version()
              + ",\"model_version\":"
              + version
              + "}";
      send(config.decisionTopic(), key, json, version, r);
    }
  }

  private void send(
      String topic, byte[] key, String json, long version, ConsumerRecord<byte[], byte[]> src) {
    Headers h = new RecordHeaders();
    h.add("dmp.model.version", Long.toString(version).getBytes(StandardCharsets.UTF_8));
    source(h, src);
    producer.send(
        new ProducerRecord<>(topic, null, key, json.getBytes(StandardCharsets.UTF_8), h),
        this::sent);
  }

  private void deadLetter(
      Part p,
      ConsumerRecord<byte[], byte[]> r,
      BadValueReason reason,
      BadEventReason detail,
      boolean publish) {
    p.deadLettered++;
    if (!publish) {
      return;
    }
    Headers h = new RecordHeaders();
    h.add("dmp.reason", reason.name().getBytes(StandardCharsets.UTF_8));
    String message = detail == null ? reason.message() : detail.message();
    h.add("dmp.reason.message", message.getBytes(StandardCharsets.UTF_8));
    if (detail != null) {
      h.add("dmp.reason.detail", detail.name().getBytes(StandardCharsets.UTF_8));
    }
    source(h, r);
    producer.send(
        new ProducerRecord<>(config.deadLetterTopic(), null, r.key(), r.value(), h), this::sent);
  }

  private static void source(Headers h, ConsumerRecord<byte[], byte[]> r) {
    h.add("dmp.source.topic", r.topic().getBytes(StandardCharsets.UTF_8));
    h.add("dmp.source.partition", Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
    h.add("dmp.source.offset", Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
  }

  private void sent(org.apache.kafka.clients.producer.RecordMetadata md, Exception e) {
    if (e != null) {
      sendFailure.compareAndSet(null, e);
    }
  }

  // ---------------------------------------------------------------- clients

  private Map<String, Object> consumerProperties() {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    p.putAll(config.consumerProperties());
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dmp-" + config.instanceId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    p.putAll(config.producerProperties());
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "dmp-" + config.instanceId() + "-out");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    if (config.delivery() == Delivery.EXACTLY_ONCE) {
      p.put(
          ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          "dmp-" + config.groupId() + "-" + config.instanceId());
    }
    return p;
  }

  private record Pending(LiveModel model, CompletableFuture<Long> done) {}

  /** Assembles a {@link KafkaRunner}; config and model are required. */
  public static final class Builder {
    private RunnerConfig config;
    private LiveModel model;

    private Builder() {}

    /** The settings. */
    public Builder setConfig(RunnerConfig config) {
      if (this.config != null) {
        throw new IllegalStateException("config is already set; set it once");
      }
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The batch model to start with (partitions saved under a newer one refuse to load). */
    public Builder setModel(LiveModel model) {
      if (this.model != null) {
        throw new IllegalStateException("model is already set; set it once");
      }
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /** The runner, not yet started: call {@link KafkaRunner#start()}. */
    public KafkaRunner build() {
      if (config == null) {
        throw new IllegalStateException("no config; call setConfig(RunnerConfig...get())");
      }
      if (model == null) {
        throw new IllegalStateException("no model; call setModel(LiveModel...get())");
      }
      return new KafkaRunner(this);
    }
  }
}
