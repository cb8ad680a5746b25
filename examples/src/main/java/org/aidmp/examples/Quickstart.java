package org.aidmp.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aidmp.audience.Audience;
import org.aidmp.clean.CleaningReport;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ReadCounts;
import org.aidmp.fixtures.SampleData;
import org.aidmp.fixtures.SampleSchema;
import org.aidmp.io.csv.CsvQuarantine;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.io.report.SegmentReport;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.Persona;
import org.aidmp.knn.Lookalike;
import org.aidmp.pipeline.Pipeline;
import org.aidmp.pipeline.PipelineResult;
import org.aidmp.pipeline.Segmentation;
import org.aidmp.privacy.ConsentCounts;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.ConsentRegistry;
import org.aidmp.privacy.ConsentStatus;
import org.aidmp.privacy.PseudonymKey;
import org.aidmp.privacy.Pseudonymizer;
import org.aidmp.privacy.Purpose;
import org.aidmp.privacy.dp.DpRelease;
import org.aidmp.privacy.dp.Epsilon;
import org.aidmp.privacy.dp.PrivacyBudget;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Contribution;
import org.aidmp.recommend.RecommendRequest;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.state.ForgetReceipt;

/**
 * The quickstart: turns raw, dirty marketing data into user profiles and shows what happened to
 * every row.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar examples/target/dmp-examples.jar
 * java --add-modules jdk.incubator.vector -jar examples/target/dmp-examples.jar events.csv [users.csv]
 * java --add-modules jdk.incubator.vector -jar examples/target/dmp-examples.jar --pseudonyms
 * </pre>
 *
 * <p>With no arguments it generates a synthetic e-commerce data set (50,000 users, 1,000,000
 * events, dirty attributes) under {@code target/dmp-quickstart} and runs on it. With arguments it
 * runs on your own files, which need the sample's column names: events {@code user_id, timestamp,
 * event_type, item_id, category, amount}; users {@code user_id, name, age, country, gender,
 * consent, signup_date}.
 *
 * <p>With {@code --pseudonyms} (anywhere among the arguments) user ids are replaced at intake by
 * keyed HMAC-SHA-256 pseudonyms, under a key drawn afresh for the run (a real host stores its key):
 * profiles, models and the files written then hold pseudonyms only. Without it ids are kept as they
 * are, so the two runs show what pseudonymisation costs.
 */
public final class Quickstart {
  private Quickstart() {}

  /** Runs the quickstart; see the class comment for the arguments. */
  public static void main(String[] args) throws java.io.IOException {
    List<String> positional = new ArrayList<>();
    Pseudonymizer pseudonyms = null;
    for (String a : args) {
      if (a.equals("--pseudonyms")) {
        pseudonyms = Pseudonymizer.of(PseudonymKey.generate("run"));
      } else if (a.startsWith("--")) {
        System.err.println(
            "unknown option "
                + a
                + "\nusage: java -jar dmp-examples.jar [--pseudonyms] [events.csv [users.csv]]");
        System.exit(2);
      } else {
        positional.add(a);
      }
    }
    args = positional.toArray(new String[0]);
    PrintStream out = System.out;
    ConsoleProgressBar bar = new ConsoleProgressBar(System.err);
    Path eventsFile;
    Path usersFile;
    Path work;
    if (args.length == 0) {
      work = Path.of("target", "dmp-quickstart");
      out.println("Generating sample data (50,000 users, 1,000,000 events) in " + work + " ...");
      SampleData.Written files = SampleData.builder().get().writeTo(work);
      eventsFile = files.events();
      usersFile = files.users();
    } else {
      eventsFile = Path.of(args[0]);
      usersFile = args.length > 1 ? Path.of(args[1]) : null;
      for (Path p : args.length > 1 ? List.of(eventsFile, usersFile) : List.of(eventsFile)) {
        if (!Files.isRegularFile(p)) {
          System.err.println(
              "no such file: "
                  + p
                  + "\nusage: java -jar dmp-examples.jar"
                  + " [--pseudonyms] [events.csv [users.csv]]");
          System.exit(2);
        }
      }
      work = eventsFile.toAbsolutePath().getParent();
    }
    long started = System.nanoTime();
    run(eventsFile, usersFile, work, out, bar, pseudonyms);
    out.printf(
        Locale.ROOT,
        "%nquickstart took %.1f s (%s)%n",
        (System.nanoTime() - started) / 1e9,
        pseudonyms == null ? "ids as given" : "ids pseudonymised");
  }

  /**
   * Runs the pipeline on the given files and prints the reports.
   *
   * @param usersFile the attributes file, or {@code null}
   * @param work where the quarantine and the segment report are written
   * @param out where the reports are printed
   * @param bar where progress is drawn
   * @return the pipeline's result
   */
  public static PipelineResult run(
      Path eventsFile, Path usersFile, Path work, PrintStream out, ConsoleProgressBar bar)
      throws java.io.IOException {
    return run(eventsFile, usersFile, work, out, bar, null);
  }

  /**
   * Runs the pipeline on the given files and prints the reports, pseudonymising user ids at intake
   * when {@code pseudonyms} is not null.
   *
   * @param usersFile the attributes file, or {@code null}
   * @param work where the quarantine and the segment report are written
   * @param out where the reports are printed
   * @param bar where progress is drawn
   * @param pseudonyms the pseudonymizer, or {@code null} to keep ids as they are
   * @return the pipeline's result
   */
  public static PipelineResult run(
      Path eventsFile,
      Path usersFile,
      Path work,
      PrintStream out,
      ConsoleProgressBar bar,
      Pseudonymizer pseudonyms)
      throws java.io.IOException {
    Path quarantineFile = work.resolve("quarantine.csv");

    PipelineResult result;
    try (CsvQuarantine quarantine = CsvQuarantine.open(quarantineFile)) {
      CsvSource events =
          CsvSource.builder(eventsFile)
              .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
              .setQuarantine(quarantine)
              .setProgressListener(bar)
              .get();
      var pipeline =
          Pipeline.builder()
              .events(events)
              .cleanEvents(SampleSchema.eventCleaning(quarantine))
              .mapEvents(SampleSchema.EVENT_MAPPING)
              .profiles(
                  ProfileStore.builder()
                      .setHalfLife(Duration.ofDays(30))
                      .setAffinityWeight("click", 2)
                      .setAffinityWeight("cart", 4)
                      .setAffinityWeight("purchase", 8)
                      .setExpectedUsers(60_000))
              .features(
                  FeatureSpec.builder()
                      .setEventTypes(SampleSchema.EVENT_TYPES)
                      .setRfmTypes(List.of("purchase"))
                      .setTopCategories(8)
                      .setNumericAttributes(usersFile == null ? List.of() : List.of("age"))
                      .get())
              .segment(KMeans.builder().setK(5).setRestarts(3).setThreads(2).setSeed(42).get())
              .recommend(RecommenderTrainer.ease(250))
              .lookalike(
                  Lookalike.builder()
                      .setTargetSize(2_000)
                      .setScoring(Lookalike.Scoring.NEAREST_SEED)
                      .get())
              // Users who said no to marketing keep a profile but enter no model.
              .consent(p -> !Boolean.FALSE.equals(p.attribute("consent")))
              // The store keeps only the attributes the run needs (here age, for the features):
              // the consent column the predicate reads must be named. Names, genders, countries
              // and signup dates are dropped at the join.
              .allowAttributes("consent")
              .badRecords(BadRecordPolicy.QUARANTINE, quarantine)
              .progress(bar);
      if (pseudonyms != null) {
        pipeline.pseudonymize(pseudonyms);
      }
      if (usersFile != null) {
        pipeline
            .attributes(
                CsvSource.builder(usersFile)
                    .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
                    .setQuarantine(quarantine)
                    .get(),
                "user_id")
            .cleanAttributes(SampleSchema.attributeCleaning(quarantine));
      }
      result = pipeline.run();
    }
    bar.finish();

    out.println();
    out.println("== Cleaning: events");
    out.print(result.eventCleaning().format());
    printMapping(out, "events", result.eventMapping());
    PipelineResult.RowAccount account = result.eventAccount();
    out.printf(
        Locale.ROOT,
        "all event rows: read %,d = profiled %,d + quarantined %,d + skipped %,d" + " (%s)%n",
        account.read(),
        account.accepted(),
        account.quarantined(),
        account.skipped(),
        account.balanced() ? "balanced" : "NOT BALANCED");
    if (result.attributeCleaning().isPresent()) {
      out.println();
      out.println("== Cleaning: user attributes");
      out.print(result.attributeCleaning().get().format());
      printMapping(out, "attributes", result.attributeJoin().orElseThrow());
    }
    out.println("rejected rows, with source, line, column and reason: " + quarantineFile);

    out.println();
    out.println("== Profiles");
    printProfileSummary(out, result.profiles());
    result
        .matrix()
        .ifPresent(
            m ->
                out.printf(
                    Locale.ROOT,
                    "feature matrix: %,d users x %d features %s%n",
                    m.rows(),
                    m.cols(),
                    m.featureNames()));

    result
        .segmentation()
        .ifPresent(
            seg -> {
              out.println();
              out.printf(
                  Locale.ROOT,
                  "== Segments (K-Means, k = %d, inertia %.4g, %d iterations)%n",
                  seg.k(),
                  seg.kMeans().orElseThrow().inertia(),
                  seg.kMeans().orElseThrow().iterations());
              printPersonas(out, seg.personas());
            });

    result
        .recommender()
        .ifPresent(
            model -> {
              out.println();
              out.println("== Recommendations (EASE, lambda 250; items already seen are left out)");
              List<String> users = new ArrayList<>();
              for (String id : List.of("u000001", "u000002", "u000003")) {
                users.add(pseudonyms == null ? id : pseudonyms.pseudonym(id));
              }
              printRecommendations(out, model, users);
            });

    if (result.lookalikes().isPresent() && result.segmentation().isPresent()) {
      out.println();
      printLookalike(out, result);
    }

    if (result.segmentation().isPresent()) {
      Path page = writeReport(result, work.resolve("segments.html"));
      out.println();
      out.println("segment report (open in a browser): " + page.toAbsolutePath());
    }

    out.println();
    out.println("== Run");
    out.print(result.provenance().format());

    if (result.segmentation().isPresent()) {
      // Last, because the live events change the batch profiles.
      out.println();
      out.println("== Live feedback: fresh events replayed through the updater");
      FeedbackDemo.replay(result, 20_000, 42, out);
    }

    out.println();
    out.println("== Propensity to buy (gradient-boosted trees)");
    PropensityDemo.run(eventsFile, out);

    out.println();
    printPrivacy(out, result);
    return result;
  }

  /**
   * Consent per purpose (deny by default: a missing or unreadable answer is no), the segment sizes
   * released with differential privacy, and the receipt of forgetting one user everywhere.
   */
  static void printPrivacy(PrintStream out, PipelineResult result) {
    out.println("== Privacy");
    ConsentPolicy policy = ConsentPolicy.builder().setCommonAttribute("consent").get();
    ConsentCounts counts = new ConsentRegistry(policy).counts(result.profiles(), Purpose.builtIn());
    for (Purpose p : counts.purposes()) {
      out.printf(
          Locale.ROOT,
          "consent for %-15s granted %,7d  refused %,7d  unknown %,7d  (allowed: %,d)%n",
          p.name(),
          counts.count(p, ConsentStatus.GRANTED),
          counts.count(p, ConsentStatus.REFUSED),
          counts.count(p, ConsentStatus.UNKNOWN),
          counts.allowed(p));
    }
    if (result.segmentation().isPresent()) {
      long[] sizes = result.segmentation().get().sizes();
      Map<String, Long> bySegment = new LinkedHashMap<>();
      for (int c = 0; c < sizes.length; c++) {
        bySegment.put("segment " + c, sizes[c]);
      }
      DpRelease release = DpRelease.builder().setBudget(PrivacyBudget.of(Epsilon.of(1, 1))).get();
      Epsilon epsilon = Epsilon.of(1, 2);
      Map<String, Long> noisy = release.segmentSizes(bySegment, epsilon);
      out.printf(
          Locale.ROOT,
          "segment sizes released with differential privacy (epsilon %s, budget left %s): %s%n",
          epsilon,
          release.budget().remaining(),
          noisy);
    }
    String someone = result.profiles().iterator().next().userId();
    ForgetReceipt receipt = result.forget(someone);
    StringBuilder parts = new StringBuilder();
    for (ForgetReceipt.PartErasure e : receipt.parts()) {
      parts
          .append(parts.length() == 0 ? "" : ", ")
          .append(e.part())
          .append(' ')
          .append(e.removed());
    }
    out.printf(
        Locale.ROOT,
        "forgot one user everywhere in %.1f ms: %s entries removed (%s)%n",
        receipt.took().toNanos() / 1e6,
        receipt.removed(),
        parts);
  }

  private static void printMapping(PrintStream out, String what, ReadCounts r) {
    out.printf(
        Locale.ROOT,
        "%s to profiles: read %,d, accepted %,d, quarantined %,d, skipped %,d%n",
        what,
        r.read(),
        r.accepted(),
        r.quarantined(),
        r.skipped());
  }

  /** What a marketer wants to know first: how many users, how active, what they like. */
  static void printProfileSummary(PrintStream out, ProfileStore store) {
    long asOf = store.latestEventTime().orElse(0);
    int users = store.size();
    long[] events = new long[users];
    double[] recency = new double[users];
    Map<String, Long> favourites = new HashMap<>();
    long buyers = 0;
    double revenue = 0;
    int withEvents = 0;
    int i = 0;
    for (UserProfile p : store) {
      events[i] = p.eventCount();
      recency[i] = p.hasEvents() ? p.recencyDays(asOf) : Double.NaN;
      if (p.hasEvents()) {
        withEvents++;
      }
      if (p.count("purchase") > 0) {
        buyers++;
        revenue += p.value("purchase");
      }
      p.affinities(asOf).entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .ifPresent(e -> favourites.merge(e.getKey(), 1L, Long::sum));
      i++;
    }
    Arrays.sort(events);
    double[] rec = Arrays.stream(recency).filter(d -> !Double.isNaN(d)).sorted().toArray();
    out.printf(
        Locale.ROOT,
        "users: %,d (%,d with events), events: %,d%n",
        users,
        withEvents,
        store.eventCount());
    out.printf(
        Locale.ROOT,
        "events per user: median %d, p90 %d, max %d%n",
        quantile(events, 0.5),
        quantile(events, 0.9),
        events.length == 0 ? 0 : events[users - 1]);
    if (rec.length > 0) {
      out.printf(
          Locale.ROOT,
          "days since last seen: median %.1f, p90 %.1f%n",
          rec[rec.length / 2],
          rec[(int) Math.min(rec.length - 1, rec.length * 0.9)]);
    }
    out.printf(
        Locale.ROOT,
        "buyers: %,d (%.1f%%), revenue %,.2f, per buyer %,.2f%n",
        buyers,
        users == 0 ? 0 : 100.0 * buyers / users,
        revenue,
        buyers == 0 ? 0 : revenue / buyers);
    List<Map.Entry<String, Long>> top = new ArrayList<>(favourites.entrySet());
    top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    StringBuilder sb = new StringBuilder("favourite category (decayed affinity):");
    for (Map.Entry<String, Long> e : top) {
      sb.append(String.format(Locale.ROOT, " %s %,d", e.getKey(), e.getValue()));
    }
    out.println(sb);
  }

  /** Each segment with what sets it apart, in the units a marketer knows. */
  static void printPersonas(PrintStream out, List<Persona> personas) {
    for (Persona p : personas) {
      out.printf(
          Locale.ROOT, "segment %d: %,d users (%.1f%%)%n", p.segment(), p.size(), 100 * p.share());
      for (Persona.Trait t : p.traits()) {
        out.printf(
            Locale.ROOT,
            "    %-22s %-4s mean %9.2f median %8.2f  (everyone %.2f, %.2f)%n",
            t.feature(),
            t.standardScore() >= 0 ? "high" : "low",
            t.segmentValue(),
            t.segmentMedian(),
            t.overallValue(),
            t.overallMedian());
      }
    }
  }

  /** Writes the segment report: sizes, personas, a map of users, convergence and cleaning. */
  static Path writeReport(PipelineResult result, Path file) throws java.io.IOException {
    Segmentation seg = result.segmentation().orElseThrow();
    SegmentReport.Builder report = SegmentReport.builder().setTitle("dmp quickstart segments");
    long[] sizes = seg.sizes();
    for (int c = 0; c < seg.k(); c++) {
      report.addSegment("segment " + c, sizes[c]);
    }
    for (Persona p : seg.personas()) {
      report.addPersona("segment " + p.segment(), p);
    }
    report.setSample(seg.matrix().matrix(), seg.model().labels()).setMaxPoints(3_000);
    report.setConvergence(seg.kMeans().orElseThrow().inertiaHistory());
    Map<String, Long> cleaning = new LinkedHashMap<>();
    for (CleaningReport r : reports(result)) {
      String what = r.source().substring(r.source().lastIndexOf('/') + 1);
      cleaning.put(what + ": read", r.read());
      for (CleaningReport.RuleCounts rule : r.rules()) {
        if (rule.rejected() + rule.skipped() > 0) {
          cleaning.put(what + ": " + rule.rule() + " removed", rule.rejected() + rule.skipped());
        }
      }
      cleaning.put(what + ": accepted", r.accepted());
    }
    report.setCleaning(cleaning);
    return report.get().write(file);
  }

  private static List<CleaningReport> reports(PipelineResult result) {
    List<CleaningReport> all = new ArrayList<>();
    all.add(result.eventCleaning());
    result.attributeCleaning().ifPresent(all::add);
    return all;
  }

  /** The top items for a few users, each with the items of theirs that led to it. */
  static void printRecommendations(PrintStream out, Recommender model, List<String> users) {
    RecommendRequest request = RecommendRequest.builder().setK(3).setExplanations(2).get();
    for (String user : users) {
      if (model.interactions().userIndex(user) < 0) {
        continue;
      }
      out.println(user + ":");
      for (Recommendation r : model.recommend(user, request)) {
        StringBuilder because = new StringBuilder();
        for (Contribution c : r.because()) {
          because.append(because.length() == 0 ? "" : ", ").append(c.id());
        }
        out.printf(
            Locale.ROOT, "    %-10s score %.3f  because of %s%n", r.itemId(), r.score(), because);
      }
    }
  }

  /** Grows the buyers of the highest-spending segment into an audience of people like them. */
  static void printLookalike(PrintStream out, PipelineResult result) {
    Segmentation seg = result.segmentation().orElseThrow();
    ProfileStore store = result.profiles();
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    int monetary = seg.matrix().featureNames().indexOf("monetary");
    for (int c = 0; c < seg.k() && monetary >= 0; c++) {
      double v = seg.kMeans().orElseThrow().centroids().get(c, monetary);
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    if (best < 0) {
      return;
    }
    List<String> seeds = new ArrayList<>();
    for (int row = 0; row < seg.matrix().rows(); row++) {
      String id = seg.matrix().userId(row);
      if (seg.model().labels()[row] == best
          && store.get(id).map(p -> p.count("purchase") > 0).orElse(false)) {
        seeds.add(id);
      }
    }
    // The index holds consenting users only, so the audience does too.
    Audience audience = result.lookalikes().orElseThrow().expand(seeds);
    out.printf(
        Locale.ROOT,
        "== Lookalike audience: %,d buyers of segment %d (highest spend) as" + " seeds%n",
        seeds.size(),
        best);
    out.printf(
        Locale.ROOT,
        "%,d consenting users like them; similarity median %.3f, lowest %.3f;"
            + " %,d of %,d eligible users reach similarity 0.9%n",
        audience.size(),
        audience.quantile(0.5),
        audience.quantile(0),
        audience.reachAt(0.9),
        audience.eligibleCount());
  }

  private static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
