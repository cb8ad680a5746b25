package org.aidmp.examples;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aidmp.campaign.ArmStats;
import org.aidmp.campaign.CampaignConfig;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.campaign.CampaignReport;
import org.aidmp.campaign.Choice;
import org.aidmp.campaign.Group;
import org.aidmp.campaign.Outcome;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackStats;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.feedback.Recommendations;
import org.aidmp.feedback.SegmentChange;
import org.aidmp.feedback.SegmentPopularity;
import org.aidmp.kmeans.Distance;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.pipeline.PipelineResult;
import org.aidmp.pipeline.Segmentation;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.ejml.data.FMatrixRMaj;

/**
 * Replays fresh events through a {@link FeedbackUpdater} after a batch run and shows the live loop:
 * users moving between segments, their recommendations changing, and a {@link CampaignOptimizer}
 * shifting traffic to the better creative.
 *
 * <pre>{@code
 * // after the batch run, with the updater built from its models:
 * FeedbackDemo.replay(updater, events, watchedUsers, List.of("banner-a", "banner-b"),
 *     new double[] {0.02, 0.05}, 42, System.out);
 * }</pre>
 *
 * <p>{@link #main} runs it standalone on a small seeded model.
 */
public final class FeedbackDemo {
  private FeedbackDemo() {}

  /**
   * Replays {@code events} through {@code updater}, printing segment moves of the watched users and
   * their recommendations before and after; then simulates ad requests from the updated users'
   * segments with a true click rate per creative and prints how the optimizer's traffic shares
   * move, ending with the uplift report.
   *
   * @param updater a live updater built from the batch models (not closed here)
   * @param events the fresh events, in order
   * @param watched users whose segments and recommendations are printed
   * @param creatives creative names; the first is served to the control group
   * @param trueClickRates the simulated click rate of each creative
   * @param seed seed of the optimizer and of the simulated clicks
   * @param out where to print
   * @return the final campaign report
   */
  public static CampaignReport replay(
      FeedbackUpdater updater,
      List<Event> events,
      List<String> watched,
      List<String> creatives,
      double[] trueClickRates,
      long seed,
      PrintStream out) {
    if (creatives.size() != trueClickRates.length) {
      throw new IllegalArgumentException(
          creatives.size() + " creatives but " + trueClickRates.length + " click rates");
    }
    Map<String, Recommendations> before = new LinkedHashMap<>();
    out.println("== live feedback: replaying " + events.size() + " fresh events ==");
    for (String u : watched) {
      before.put(u, updater.recommendations(u, 5));
    }
    FeedbackStats start = updater.stats();
    long t0 = System.nanoTime();
    updater.acceptAll(events);
    long nanos = System.nanoTime() - t0;
    FeedbackStats stats = updater.stats();
    out.printf(
        "accepted %d events in %.1f ms, %d rejected, model version %d -> %d, %d segment moves"
            + " (first assignments of new users included)%n",
        stats.accepted() - start.accepted(),
        nanos / 1e6,
        stats.rejectedTotal() - start.rejectedTotal(),
        start.modelVersion(),
        stats.modelVersion(),
        stats.segmentChanges() - start.segmentChanges());
    // Show the watched users who moved segment (up to four), or the first four if none did.
    List<String> shown = new ArrayList<>();
    for (String u : watched) {
      if (shown.size() < 4 && updater.segmentOf(u) != before.get(u).segment()) {
        shown.add(u);
      }
    }
    for (int i = 0; shown.isEmpty() && i < Math.min(4, watched.size()); i++) {
      shown.add(watched.get(i));
    }
    for (String u : shown) {
      Recommendations was = before.get(u);
      Recommendations after = updater.recommendations(u, 5);
      out.printf(
          "%-10s before: segment %2d  recs %s (model v%d)%n",
          u, was.segment(), was.itemIds(), was.modelVersion());
      out.printf(
          "%-10s after:  segment %2d  recs %s%s (model v%d)%n",
          "",
          after.segment(),
          after.itemIds(),
          after.itemIds().equals(was.itemIds()) ? "" : " changed",
          after.modelVersion());
    }

    CampaignOptimizer optimizer =
        CampaignOptimizer.create(
            CampaignConfig.builder()
                .setArms(creatives)
                .setSegments(updater.segments())
                .setControlShare(0.1)
                .setSeed(seed)
                .get());
    SplittableRandom world = new SplittableRandom(seed);
    List<String> audience = new ArrayList<>(watched);
    for (Event e : events) {
      if (audience.size() >= 2_000) {
        break;
      }
      audience.add(e.userId());
    }
    int rounds = 5;
    int perRound = 4_000;
    out.println(
        "== campaign: Thompson sampling over "
            + creatives
            + ", true click rates "
            + java.util.Arrays.toString(trueClickRates)
            + ", 10% control ==");
    for (int round = 1; round <= rounds; round++) {
      int[] served = new int[creatives.size()];
      for (int i = 0; i < perRound; i++) {
        String user = audience.get(world.nextInt(audience.size()));
        Choice c = optimizer.choose(updater.segmentOf(user), user);
        optimizer.record(c, Outcome.IMPRESSION);
        if (world.nextDouble() < trueClickRates[c.armIndex()]) {
          optimizer.record(c, Outcome.CLICK);
        }
        served[c.armIndex()]++;
      }
      StringBuilder line = new StringBuilder("requests " + (round * perRound) + ": traffic");
      for (int a = 0; a < served.length; a++) {
        line.append(String.format("  %s %4.1f%%", creatives.get(a), 100.0 * served[a] / perRound));
      }
      out.println(line);
    }
    CampaignReport report = optimizer.report();
    for (ArmStats r : report.totals()) {
      out.printf(
          "%-9s %-10s share %5.1f%%  ctr %.4f  uplift vs control %s%n",
          r.group(),
          r.arm(),
          100 * r.trafficShare(),
          r.clickRate(),
          r.group() == Group.CONTROL || Double.isNaN(r.uplift())
              ? "-"
              : String.format("%+.4f [%+.4f, %+.4f]", r.uplift(), r.upliftLow(), r.upliftHigh()));
    }
    var p = report.personalisationUplift(CampaignReport.ALL_SEGMENTS);
    out.printf(
        "personalisation uplift over control: %+.4f [%+.4f, %+.4f] (stats version %d)%n",
        p.difference(), p.low(), p.high(), report.version());
    return report;
  }

  /**
   * The quickstart's one-liner: the live replay on a finished pipeline run that has a segmentation
   * (Euclidean K-Means). See {@link #replay(ProfileStore, ProfileMatrix, FMatrixRMaj, int[], int,
   * long, PrintStream)}.
   *
   * @throws IllegalArgumentException if the run has no segmentation
   */
  public static CampaignReport replay(PipelineResult result, int n, long seed, PrintStream out) {
    Segmentation seg =
        result
            .segmentation()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the run has no segmentation; add .segment(KMeans...) to the pipeline"));
    KMeansModel model =
        seg.kMeans()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the live replay needs centroids; segment with KMeans"));
    if (model.distance() != Distance.EUCLIDEAN) {
      throw new IllegalArgumentException(
          "the live replay needs a Euclidean K-Means model, not " + model.distance());
    }
    org.aidmp.recommend.Recommender personal = null;
    SegmentPopularity popular = null;
    if (result.recommender().isPresent()) {
      personal = result.recommender().get();
      popular =
          SegmentPopularity.of(
              personal.interactions(), id -> seg.matrix().rowOf(id) < 0 ? null : seg.segmentOf(id));
    }
    return replay(
        result.profiles(),
        seg.matrix(),
        model.centroids(),
        model.labels(),
        n,
        seed,
        out,
        personal,
        popular);
  }

  /**
   * The quickstart's entry point: builds a live updater from the batch run (its profile store,
   * fitted transform and matrix) and the segmentation (centroids and one label per matrix row),
   * generates {@code n} fresh events after the data's last event, and {@link #replay replays} them.
   * The store keeps receiving the live events, so call this after everything else has used the
   * batch profiles.
   *
   * @param store the batch profile store (updated by the replay)
   * @param matrix the batch feature matrix with its fitted transform
   * @param centroids the segment centroids, k × matrix columns
   * @param labels the segment of each matrix row
   * @param n how many fresh events to generate
   * @param seed seed of the generated events, the optimizer and the simulated clicks
   * @param out where to print
   * @return the final campaign report
   */
  public static CampaignReport replay(
      ProfileStore store,
      ProfileMatrix matrix,
      FMatrixRMaj centroids,
      int[] labels,
      int n,
      long seed,
      PrintStream out) {
    return replay(store, matrix, centroids, labels, n, seed, out, null, null);
  }

  /**
   * Like {@link #replay(ProfileStore, ProfileMatrix, FMatrixRMaj, int[], int, long, PrintStream)},
   * with the batch recommenders behind the live recommendations.
   *
   * @param personal personal recommendations, or null for none
   * @param popular popular items per segment (the cold start), or null for none
   */
  public static CampaignReport replay(
      ProfileStore store,
      ProfileMatrix matrix,
      FMatrixRMaj centroids,
      int[] labels,
      int n,
      long seed,
      PrintStream out,
      org.aidmp.recommend.Recommender personal,
      SegmentPopularity popular) {
    List<String> types = store.eventTypes();
    long start =
        Math.max(store.latestEventTime().orElse(0), matrix.transform().asOf().toEpochMilli());
    // Only users in the matrix: the batch run left out users without consent, and live
    // personalisation must not bring them back in.
    List<Event> fresh = freshEvents(store, matrix.userIds(), start, n, seed);
    FeedbackUpdater.Builder builder = FeedbackUpdater.newBuilder();
    if (personal != null) {
      // Two of five places follow the user's current segment, so a move shows in the list.
      builder.setRecommender(personal).setSegmentSlots(2);
    }
    if (popular != null) {
      builder.setPopularity(popular);
    }
    try (FeedbackUpdater updater =
        builder
            .setConfig(
                FeedbackConfig.builder()
                    .setEventTypes(types)
                    .setHalfLife(Math.max(1, n / 2))
                    .setDriftBatch(256)
                    .get())
            .setCentroids(centroids)
            .setEncoder(FeatureEncoder.ofProfiles(store, matrix.transform()))
            // The batch run left users without consent out of the matrix; they stay out live too.
            .setConsent(id -> matrix.rowOf(id) >= 0)
            .addUsers(matrix.userIds(), matrix.matrix(), labels)
            // Events are stamped after the data's end, which may be later than this machine's
            // clock.
            .setClock(
                Clock.fixed(
                    Instant.ofEpochMilli(start + Duration.ofDays(1).toMillis()), ZoneOffset.UTC))
            .build()) {
      List<String> watched = new ArrayList<>();
      for (Event e : fresh) {
        if (watched.size() < 10 && !watched.contains(e.userId())) {
          watched.add(e.userId());
        }
      }
      return replay(
          updater,
          fresh,
          watched,
          List.of("banner-a", "banner-b", "banner-c"),
          new double[] {0.02, 0.05, 0.03},
          seed,
          out);
    }
  }

  /**
   * A seeded stream of fresh events from {@code start} on: a tenth of the users it touches turn
   * into heavy buyers of one category (so they move segment), the rest act at random. Uses the
   * store's event types and categories; the last type gets values (amounts).
   *
   * @param users the users who act
   */
  public static List<Event> freshEvents(
      ProfileStore store, List<String> users, long start, int n, long seed) {
    List<String> types = store.eventTypes();
    List<String> categories = store.categories().isEmpty() ? List.of("any") : store.categories();
    if (users.isEmpty()) {
      throw new IllegalArgumentException("the store has no users to replay events for");
    }
    SplittableRandom r = new SplittableRandom(seed);
    String valued = types.get(types.size() - 1);
    List<Event> out = new ArrayList<>(n);
    // Heavy users first, so the watched users (the first seen) include movers.
    int heavy = Math.max(1, n / 30);
    for (int h = 0; out.size() < n && h < 10; h++) {
      String user = users.get(r.nextInt(users.size()));
      String category = categories.get(r.nextInt(categories.size()));
      for (int i = 0; i < heavy / 10 && out.size() < n; i++) {
        out.add(
            new Event(
                user,
                start + out.size() * 1000L,
                valued,
                "item-" + i,
                category,
                50 + r.nextInt(200)));
      }
    }
    while (out.size() < n) {
      String type = types.get(r.nextInt(types.size()));
      out.add(
          new Event(
              users.get(r.nextInt(users.size())),
              start + out.size() * 1000L,
              type,
              "item-" + r.nextInt(500),
              categories.get(r.nextInt(categories.size())),
              type.equals(valued) ? 5 + r.nextInt(100) : Double.NaN));
    }
    return out;
  }

  /** Runs the replay on a small seeded model: 8 segments over 16 event types, 2,000 users. */
  public static void main(String[] args) {
    int types = 16;
    int k = 8;
    int users = 2_000;
    SplittableRandom r = new SplittableRandom(7);
    List<String> typeNames = new ArrayList<>();
    for (int t = 0; t < types; t++) {
      typeNames.add("type-" + t);
    }
    double[] mean = new double[types];
    double[] std = new double[types];
    java.util.Arrays.fill(mean, 0.4);
    java.util.Arrays.fill(std, 0.7);
    // Segment j is "users who mostly do types 2j and 2j+1".
    FMatrixRMaj centroids = new FMatrixRMaj(k, types);
    java.util.Arrays.fill(centroids.data, -0.5f);
    for (int j = 0; j < k; j++) {
      centroids.set(j, 2 * j, 2.5f);
      centroids.set(j, 2 * j + 1, 2.0f);
    }
    List<SegmentChange> moves = Collections.synchronizedList(new ArrayList<>());
    List<String> popular = List.of("item-1", "item-2", "item-3", "item-4", "item-5");
    long now = System.currentTimeMillis();
    try (FeedbackUpdater updater =
        FeedbackUpdater.newBuilder()
            .setConfig(
                FeedbackConfig.builder()
                    .setEventTypes(typeNames)
                    .setHalfLife(20_000)
                    .setDriftBatch(256)
                    .get())
            .setCentroids(centroids)
            .setEncoder(FeatureEncoder.logCounts(mean, std))
            .setPopularity(
                (seg, n) ->
                    popular.stream()
                        .map(
                            i ->
                                new org.aidmp.recommend.Recommendation(
                                    "seg" + seg + "-" + i, 1f, List.of()))
                        .limit(n)
                        .toList())
            .addListener(moves::add)
            .build()) {
      // History: each user acts mostly in their home segment's types.
      List<Event> history = new ArrayList<>();
      for (int i = 0; i < 40_000; i++) {
        int u = r.nextInt(users);
        int home = u % k;
        history.add(
            new Event("user-" + u, now - 86_400_000L + i, typeNames.get(2 * home + r.nextInt(2))));
      }
      updater.acceptAll(history);
      // Fresh events: a tenth of the users switch interest to the next segment's types.
      List<Event> fresh = new ArrayList<>();
      for (int i = 0; i < 60_000; i++) {
        int u = r.nextInt(users);
        int interest = u % 10 == 0 ? (u % k + 1) % k : u % k;
        fresh.add(
            new Event(
                "user-" + u, now - 1_000 + i / 100, typeNames.get(2 * interest + r.nextInt(2))));
      }
      replay(
          updater,
          fresh,
          List.of("user-10", "user-20", "user-33"),
          List.of("banner-a", "banner-b", "banner-c"),
          new double[] {0.02, 0.05, 0.03},
          42,
          System.out);
    }
    // close() above delivered every queued change to the listener thread.
    long real = moves.stream().filter(m -> m.from() >= 0).count();
    System.out.println(
        "listener saw "
            + moves.size()
            + " changes, "
            + real
            + " of them moves between existing segments");
  }
}
