package org.aidmp.bench.knn;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one user's top-10 recommendations at MovieLens 100k scale (943 users, 1,682 items,
 * 100,000 interactions with a skewed item popularity, generated from a seed); each operation asks
 * for the next user in a fixed cycle. Fitting is not timed.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar RecommendLatencyBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Thread)
public class RecommendLatencyBenchmark {
  /** The method. */
  @Param({"popularity", "user-knn", "item-knn", "ease"})
  public String method;

  /** Users. */
  @Param({"943"})
  public int users;

  /** Items. */
  @Param({"1682"})
  public int items;

  /** Interactions (before duplicates merge). */
  @Param({"100000"})
  public int interactions;

  Recommender model;
  private int next;

  /** MovieLens-shaped interactions with the same user and item counts. */
  static Interactions movieLensShaped(int users, int items, int events, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder().setWeights(Map.of("rating", 1f));
    for (int e = 0; e < events; e++) {
      // Popularity roughly like MovieLens: a few items are rated by many users.
      int i = (int) (items * Math.pow(rnd.nextDouble(), 2.5));
      int u = (int) (users * Math.pow(rnd.nextDouble(), 1.5));
      b.add("u" + u, "i" + i, "rating", e);
    }
    return b.build();
  }

  static RecommenderTrainer trainer(String method) {
    return switch (method) {
      case "popularity" -> RecommenderTrainer.popularity();
      case "user-knn" -> RecommenderTrainer.userKnn(50);
      case "item-knn" -> RecommenderTrainer.itemKnn(50);
      case "ease" -> RecommenderTrainer.ease(250);
      default -> throw new IllegalArgumentException("unknown method " + method);
    };
  }

  /** Fits the model. */
  @Setup(Level.Trial)
  public void setUp() {
    model = trainer(method).fit(movieLensShaped(users, items, interactions, 7));
  }

  /** One user's top 10, unseen items only. */
  @Benchmark
  public List<Recommendation> recommend() {
    Interactions x = model.interactions();
    String user = x.userId(next);
    next = (next + 1) % x.userCount();
    return model.recommend(user, 10);
  }
}
