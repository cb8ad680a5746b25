package org.aidmp.bench.feedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.profile.Event;
import org.ejml.data.FMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Events per second through {@link FeedbackUpdater#accept} (counters, feature row, nearest of k
 * centroids in d dimensions, centroid drift) with 1 and 2 threads, per-event latency percentiles
 * under 2-thread load (SampleTime), {@link FeedbackUpdater#acceptAll} on batches, and the same work
 * in {@link NaiveFeedback}, a one-lock plain Java peer, in the same run.
 *
 * <p>In the {@code 2Threads} benchmarks both threads draw from one stream, so any user's state may
 * have been written last by the other core; {@link #accept2ThreadsOwnUsers} gives each thread the
 * events of its own half of the users, as a stream partitioned by user key (Kafka) does.
 *
 * <p>{@code java -jar dmp-bench/target/benchmarks.jar FeedbackBenchmark -f 1 -wi 2 -i 3}
 *
 * <p>Events are generated from a seed: {@code users} users, d event types (so the log-count row has
 * d features), each user favouring a few types; the event array is cycled.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class FeedbackBenchmark {
  /** Features per row (= event types). */
  @Param({"64"})
  public int d;

  /** Segments (centroids). */
  @Param({"64"})
  public int k;

  /**
   * Distinct users in the stream: 1,000 keep every user's state in cache; 100,000 (about 90 MB of
   * live state) make each event a handful of cache misses.
   */
  @Param({"1000", "100000"})
  public int users;

  /**
   * How events carry their user id: {@code shared}, one String object per user, which is a cold
   * object with many users but matches the stored id by identity; {@code fresh}, a String of its
   * own per event, as a decoder makes it, which is in cache but is compared with the stored id
   * character by character.
   */
  @Param({"shared"})
  public String ids = "shared";

  /** Pre-generated events; a power of two so the index wraps with a mask. */
  static final int EVENTS = 1 << 20;

  /** Events of each half of the users (even and odd user numbers); a power of two each. */
  static final int HALF_EVENTS = EVENTS / 4;

  FeedbackUpdater updater;
  NaiveFeedback naive;
  Event[] events;

  /** {@code byHalf[h]}: the first {@link #HALF_EVENTS} events of users whose number is h mod 2. */
  Event[][] byHalf;

  /** The event array cut into consecutive batches of {@link #BATCH_EVENTS}. */
  List<List<Event>> batches;

  /** The event array cut into consecutive groups of {@link #GROUP_EVENTS}. */
  List<List<Event>> groups;

  /** The per-thread position in the event array; threads start apart. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    /** Starts each thread at its own place in the stream. */
    @Setup(Level.Trial)
    public void start() {
      next = (int) (Thread.currentThread().getId() * 7919) & (EVENTS - 1);
    }

    /**
     * Takes the next whole run of {@code size} events (a power of two) and returns where it starts.
     */
    int take(int size) {
      int from = next & (EVENTS - 1) & ~(size - 1);
      next = from + size;
      return from;
    }
  }

  /** A thread's position in its own half of the users' events. */
  @State(Scope.Thread)
  public static class OwnCursor {
    Event[] events;
    int next;

    /** Gives thread i the events of users i mod 2. */
    @Setup(Level.Trial)
    public void start(FeedbackBenchmark b, ThreadParams thread) {
      events = b.byHalf[thread.getThreadIndex() % 2];
    }
  }

  /** Builds the seeded model, stream, updater and peer. */
  @Setup(Level.Trial)
  public void setUp() {
    Inputs in = Inputs.make(d, k, users, EVENTS, 42, freshIds(ids));
    events = in.events;
    byHalf = in.byHalf(HALF_EVENTS);
    List<Event> all = Arrays.asList(events);
    batches = cut(all, BATCH_EVENTS);
    groups = cut(all, GROUP_EVENTS);
    updater = in.updater();
    naive = in.naive();
  }

  /** {@code all} cut into consecutive views of {@code size} events (a divisor of its size). */
  static List<List<Event>> cut(List<Event> all, int size) {
    List<List<Event>> parts = new ArrayList<>();
    for (int i = 0; i < all.size(); i += size) {
      parts.add(all.subList(i, i + size));
    }
    return parts;
  }

  /** Stops the updater. */
  @TearDown(Level.Trial)
  public void tearDown() {
    updater.close();
  }

  /** Events per second through the updater, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public boolean accept1Thread(Cursor c) {
    return updater.accept(events[c.next++ & (EVENTS - 1)]);
  }

  /** Events per call of {@link #acceptAll1Thread}. */
  static final int BATCH_EVENTS = 64;

  /**
   * Events per second through {@link FeedbackUpdater#acceptAll}, one thread, {@value #BATCH_EVENTS}
   * events a call: the batch path reads each group's users ahead together.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  @OperationsPerInvocation(BATCH_EVENTS)
  public long acceptAll1Thread(Cursor c) {
    return updater.acceptAll(batches.get(c.take(BATCH_EVENTS) / BATCH_EVENTS));
  }

  /** Events per call of {@link #readAheadThenAccept1Thread}: one read-ahead group. */
  static final int GROUP_EVENTS = 8;

  /**
   * Events per second, one thread, as a stream consumer that needs each event's outcome applies
   * them: {@link FeedbackUpdater#readAhead} on the next {@value #GROUP_EVENTS}, then {@code accept}
   * on each.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  @OperationsPerInvocation(GROUP_EVENTS)
  public int readAheadThenAccept1Thread(Cursor c) {
    int from = c.take(GROUP_EVENTS);
    updater.readAhead(groups.get(from / GROUP_EVENTS));
    int accepted = 0;
    for (int i = from; i < from + GROUP_EVENTS; i++) {
      accepted += updater.accept(events[i]) ? 1 : 0;
    }
    return accepted;
  }

  /** Events per second through the updater, two threads sharing it. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public boolean accept2Threads(Cursor c) {
    return updater.accept(events[c.next++ & (EVENTS - 1)]);
  }

  /**
   * Events per second through the updater, two threads sharing it, each with its own users: no
   * user's state moves between the cores, so what remains shared is the updater's own.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public boolean accept2ThreadsOwnUsers(OwnCursor c) {
    return updater.accept(c.events[c.next++ & (HALF_EVENTS - 1)]);
  }

  /** Per-event latency distribution of the updater under two-thread load. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(2)
  public boolean acceptLatency2Threads(Cursor c) {
    return updater.accept(events[c.next++ & (EVENTS - 1)]);
  }

  /** Events per second through the one-lock peer, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public int naive1Thread(Cursor c) {
    return naive.accept(events[c.next++ & (EVENTS - 1)]);
  }

  /** Events per second through the one-lock peer, two threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public int naive2Threads(Cursor c) {
    return naive.accept(events[c.next++ & (EVENTS - 1)]);
  }

  /** Per-event latency distribution of the peer under two-thread load. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(2)
  public int naiveLatency2Threads(Cursor c) {
    return naive.accept(events[c.next++ & (EVENTS - 1)]);
  }

  static boolean freshIds(String ids) {
    return switch (ids) {
      case "shared" -> false;
      case "fresh" -> true;
      default -> throw new IllegalArgumentException("ids is shared or fresh, not " + ids);
    };
  }

  /** The seeded model and stream both sides run on; also used by the sanity test. */
  static final class Inputs {
    final List<String> types;
    final FMatrixRMaj centroids;
    final double[] mean;
    final double[] std;
    final Event[] events;

    /** The user number of each event. */
    final int[] userOf;

    static final long HALF_LIFE = 100_000;
    static final int BATCH = 1024;

    private Inputs(
        List<String> types,
        FMatrixRMaj centroids,
        double[] mean,
        double[] std,
        Event[] events,
        int[] userOf) {
      this.types = types;
      this.centroids = centroids;
      this.mean = mean;
      this.std = std;
      this.events = events;
      this.userOf = userOf;
    }

    /**
     * The events of even-numbered and of odd-numbered users, each cut to its first {@code n}, in
     * stream order.
     *
     * @throws IllegalStateException if a half has fewer than {@code n} events
     */
    Event[][] byHalf(int n) {
      Event[][] halves = new Event[2][n];
      int[] filled = new int[2];
      for (int e = 0; e < events.length; e++) {
        int h = userOf[e] & 1;
        if (filled[h] < n) {
          halves[h][filled[h]++] = events[e];
        }
      }
      if (filled[0] < n || filled[1] < n) {
        throw new IllegalStateException(
            "halves of " + filled[0] + " and " + filled[1] + " events, " + n + " wanted");
      }
      return halves;
    }

    static Inputs make(int d, int k, int users, int n, long seed) {
      return make(d, k, users, n, seed, false);
    }

    /** As above; with {@code freshIds} every event gets its own copy of its user's id. */
    static Inputs make(int d, int k, int users, int n, long seed, boolean freshIds) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> types = new ArrayList<>();
      for (int i = 0; i < d; i++) {
        types.add("type-" + i);
      }
      double[] mean = new double[d];
      double[] std = new double[d];
      for (int i = 0; i < d; i++) {
        mean[i] = 0.5;
        std[i] = 0.8;
      }
      // Centroids near plausible rows: a few favoured types with high scaled counts.
      FMatrixRMaj c = new FMatrixRMaj(k, d);
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < d; i++) {
          c.data[j * d + i] = (float) (-0.6 + 0.2 * r.nextGaussian());
        }
        for (int f = 0; f < 3; f++) {
          c.data[j * d + r.nextInt(d)] = (float) (1 + 2 * r.nextDouble());
        }
      }
      String[] ids = new String[users];
      for (int u = 0; u < users; u++) {
        ids[u] = "user-" + u;
      }
      long now = System.currentTimeMillis();
      Event[] events = new Event[n];
      int[] userOf = new int[n];
      for (int e = 0; e < n; e++) {
        int u = r.nextInt(users);
        userOf[e] = u;
        int t = r.nextInt(3) == 0 ? r.nextInt(d) : (int) ((u * 31L + r.nextInt(3)) % d);
        // A fresh id has its own characters, allocated beside its event as a decoder's would be.
        String id = freshIds ? new String(ids[u].toCharArray()) : ids[u];
        events[e] = new Event(id, now - r.nextInt(86_400_000), types.get(t));
      }
      return new Inputs(types, c, mean, std, events, userOf);
    }

    FeedbackUpdater updater() {
      return FeedbackUpdater.newBuilder()
          .setConfig(
              FeedbackConfig.builder()
                  .setEventTypes(types)
                  .setHalfLife(HALF_LIFE)
                  .setDriftBatch(BATCH)
                  .get())
          .setCentroids(centroids)
          .setEncoder(FeatureEncoder.logCounts(mean, std))
          .build();
    }

    NaiveFeedback naive() {
      return new NaiveFeedback(
          types, centroids.data, centroids.numRows, centroids.numCols, mean, std, HALF_LIFE, BATCH);
    }
  }
}
