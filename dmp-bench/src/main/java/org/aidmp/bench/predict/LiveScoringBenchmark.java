package org.aidmp.bench.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.predict.linear.LogisticRegression;
import org.aidmp.predict.tree.GradientBoosting;
import org.aidmp.profile.Event;
import org.aidmp.stage.ScoreModel;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per live event, one thread: an event folded into the feedback updater and the user
 * scored on their new live row ({@link FeedbackUpdater#acceptAndScore}) with a logistic model and
 * with 100 trees of depth 6, beside the same updater with no model ({@link FeedbackUpdater#accept},
 * the cost without scoring) in the same run; and an on-demand {@link FeedbackUpdater#score} of a
 * user alone.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar LiveScoringBenchmark -f 1 -wi 2 -i 3
 * </pre>
 *
 * <p>Events come from a seed: {@code users} users over {@code d} event types (so live rows have d
 * log-count features), each user favouring a few types; the event array is cycled. The models are
 * fitted on rows of the same shape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class LiveScoringBenchmark {
  /** Features per live row (= event types). */
  @Param({"20"})
  public int d;

  /** Distinct users in the stream. */
  @Param({"10000"})
  public int users;

  /** Pre-generated events; a power of two so the index wraps with a mask. */
  static final int EVENTS = 1 << 18;

  Event[] events;
  FeedbackUpdater plain;
  FeedbackUpdater logistic;
  FeedbackUpdater trees;
  ScoreModel logisticModel;
  ScoreModel treeModel;
  int next;

  /** Builds the stream, fits both models and the three updaters. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    List<String> types = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      types.add("type-" + i);
    }
    double[] mean = new double[d];
    double[] std = new double[d];
    java.util.Arrays.fill(mean, 0.5);
    java.util.Arrays.fill(std, 0.8);
    long now = System.currentTimeMillis();
    events = new Event[EVENTS];
    for (int e = 0; e < EVENTS; e++) {
      int u = r.nextInt(users);
      int t = r.nextInt(3) == 0 ? r.nextInt(d) : (int) ((u * 31L + r.nextInt(3)) % d);
      events[e] = new Event("user-" + u, now - r.nextInt(86_400_000), types.get(t));
    }
    int n = 20_000;
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = -1;
      for (int j = 0; j < d; j++) {
        float v = (float) (r.nextGaussian() * 1.2 - 0.4);
        x.data[i * d + j] = v;
        z += (j % 3 == 0 ? 0.8 : -0.3) * v;
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    logisticModel = LogisticRegression.DEFAULT.fit(x, y);
    treeModel =
        GradientBoosting.builder()
            .setMaxIterations(100)
            .setMaxDepth(6)
            .setMaxLeaves(64)
            .setMinSamplesLeaf(5)
            .setValidationFraction(0)
            .get()
            .fit(x, y);
    FeatureEncoder encoder = FeatureEncoder.logCounts(mean, std);
    FMatrixRMaj centroids = new FMatrixRMaj(8, d);
    for (int i = 0; i < centroids.data.length; i++) {
      centroids.data[i] = (float) r.nextGaussian();
    }
    plain = updater(types, centroids, encoder, null);
    logistic = updater(types, centroids, encoder, logisticModel);
    trees = updater(types, centroids, encoder, treeModel);
    // Every user has a live row before timing starts, so on-demand scores score real rows.
    for (Event e : events) {
      plain.accept(e);
      logistic.accept(e);
      trees.accept(e);
    }
  }

  private static FeedbackUpdater updater(
      List<String> types, FMatrixRMaj centroids, FeatureEncoder encoder, ScoreModel model) {
    FeedbackUpdater.Builder b =
        FeedbackUpdater.newBuilder()
            .setConfig(FeedbackConfig.builder().setEventTypes(types).get())
            .setCentroids(centroids)
            .setEncoder(encoder);
    if (model != null) {
      b.setScoreModel(model);
    }
    return b.build();
  }

  /** Stops the updaters. */
  @TearDown(Level.Trial)
  public void tearDown() {
    plain.close();
    logistic.close();
    trees.close();
  }

  /** Baseline: one event through the updater without a model. */
  @Benchmark
  public boolean acceptOnly() {
    return plain.accept(events[next++ & (EVENTS - 1)]);
  }

  /** One event through the updater, then the user's logistic score. */
  @Benchmark
  public double acceptAndScoreLogistic() {
    return logistic.acceptAndScore(events[next++ & (EVENTS - 1)]);
  }

  /** One event through the updater, then the user's score under 100 trees of depth 6. */
  @Benchmark
  public double acceptAndScoreTrees() {
    return trees.acceptAndScore(events[next++ & (EVENTS - 1)]);
  }

  /** An on-demand logistic score of one user's live row. */
  @Benchmark
  public double scoreLogistic() {
    return logistic.score(events[next++ & (EVENTS - 1)].userId());
  }

  /** An on-demand score of one user's live row under 100 trees of depth 6. */
  @Benchmark
  public double scoreTrees() {
    return trees.score(events[next++ & (EVENTS - 1)].userId());
  }
}
