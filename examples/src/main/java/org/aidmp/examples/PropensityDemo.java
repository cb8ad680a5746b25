package org.aidmp.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aidmp.audience.Audience;
import org.aidmp.predict.ScoreAudience;
import org.aidmp.predict.eval.LiftTable;
import org.aidmp.predict.eval.Metrics;
import org.aidmp.predict.tree.GbtModel;
import org.aidmp.predict.tree.GradientBoosting;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.FMatrixRMaj;

/**
 * A propensity-to-buy model on the quickstart's event file: will a user buy in the last 30 days of
 * the log, judged from what they did before? Features come only from events before the cut, the
 * label only from events after it, so nothing of the answer leaks into the question.
 *
 * <pre>{@code
 * PropensityDemo.Result r = PropensityDemo.run(files.events(), System.out);
 * }</pre>
 *
 * <p>Prints the held-out AUC, the lift of the top decile, the features the trees use most and the
 * size of a top-decile audience over all users (minimum group size 50).
 */
public final class PropensityDemo {
  /** Days at the end of the log whose purchases are the label. */
  public static final int LABEL_DAYS = 30;

  /** The feature names, in column order. */
  public static final List<String> FEATURES =
      List.of(
          "views",
          "clicks",
          "carts",
          "purchases",
          "spend",
          "days_since_last_event",
          "days_since_last_purchase",
          "active_days_span",
          "categories",
          "favourite_category");

  private PropensityDemo() {}

  /**
   * What the demo found.
   *
   * @param users users with an event before the cut
   * @param buyers of them, users who bought after the cut
   * @param skippedRows event rows that could not be read (bad time, type or amount)
   * @param auc ROC AUC on the held-out 30 % of users
   * @param topDecileLift the buyer rate of the top-scored tenth of held-out users over the rate of
   *     all of them
   * @param topFeatures feature names by gain importance, highest first
   * @param audienceSize users in the top-decile audience over all users
   */
  public record Result(
      int users,
      int buyers,
      long skippedRows,
      double auc,
      double topDecileLift,
      List<String> topFeatures,
      int audienceSize) {}

  /**
   * Builds, evaluates and prints the model.
   *
   * @param eventsFile the quickstart's events CSV ({@code user_id,timestamp,event_type,...})
   * @param out where the summary is printed
   */
  public static Result run(Path eventsFile, PrintStream out) throws IOException {
    List<String> uid = new ArrayList<>();
    List<Long> time = new ArrayList<>();
    List<Integer> type = new ArrayList<>();
    List<String> cat = new ArrayList<>();
    List<Double> amount = new ArrayList<>();
    long skipped = 0;
    Map<String, Integer> types = Map.of("view", 0, "click", 1, "cart", 2, "purchase", 3);
    try (Reader r = Files.newBufferedReader(eventsFile, StandardCharsets.UTF_8);
        CSVParser p =
            CSVParser.parse(
                r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord rec : p) {
        try {
          Integer t = types.get(rec.get("event_type").trim());
          String a = rec.get("amount").trim();
          double v = a.isEmpty() ? 0 : Double.parseDouble(a);
          String u = rec.get("user_id").trim();
          if (t == null || u.isEmpty() || v < 0) {
            skipped++;
            continue;
          }
          time.add(Instant.parse(rec.get("timestamp").trim()).toEpochMilli());
          uid.add(u);
          type.add(t);
          cat.add(rec.get("category").trim());
          amount.add(v);
        } catch (IllegalArgumentException | IllegalStateException | DateTimeParseException e) {
          skipped++;
        }
      }
    }
    long last = time.stream().mapToLong(Long::longValue).max().orElseThrow();
    long day = 86_400_000L;
    long cut = last - LABEL_DAYS * day;

    Map<String, Integer> userIndex = new LinkedHashMap<>();
    Map<String, Integer> catCodes = new HashMap<>();
    for (int i = 0; i < uid.size(); i++) {
      if (time.get(i) < cut) {
        userIndex.putIfAbsent(uid.get(i), userIndex.size());
        catCodes.putIfAbsent(cat.get(i), catCodes.size());
      }
    }
    int n = userIndex.size();
    int d = FEATURES.size();
    double[][] f = new double[n][d];
    long[] first = new long[n];
    long[] lastEvent = new long[n];
    long[] lastBuy = new long[n];
    int[][] catCount = new int[n][catCodes.size()];
    Arrays.fill(first, Long.MAX_VALUE);
    Arrays.fill(lastBuy, Long.MIN_VALUE);
    double[] y = new double[n];
    for (int i = 0; i < uid.size(); i++) {
      Integer u = userIndex.get(uid.get(i));
      if (u == null) {
        continue;
      }
      long t = time.get(i);
      if (t >= cut) {
        if (type.get(i) == 3) {
          y[u] = 1;
        }
        continue;
      }
      f[u][type.get(i)]++;
      if (type.get(i) == 3) {
        f[u][4] += amount.get(i);
        lastBuy[u] = Math.max(lastBuy[u], t);
      }
      first[u] = Math.min(first[u], t);
      lastEvent[u] = Math.max(lastEvent[u], t);
      catCount[u][catCodes.get(cat.get(i))]++;
    }
    FMatrixRMaj x = new FMatrixRMaj(n, d);
    for (int u = 0; u < n; u++) {
      f[u][5] = (cut - lastEvent[u]) / (double) day;
      f[u][6] = lastBuy[u] == Long.MIN_VALUE ? Double.NaN : (cut - lastBuy[u]) / (double) day;
      f[u][7] = (lastEvent[u] - first[u]) / (double) day;
      int distinct = 0;
      int fav = 0;
      for (int c = 0; c < catCodes.size(); c++) {
        distinct += catCount[u][c] > 0 ? 1 : 0;
        fav = catCount[u][c] > catCount[u][fav] ? c : fav;
      }
      f[u][8] = distinct;
      f[u][9] = fav;
      for (int j = 0; j < d; j++) {
        x.set(u, j, (float) f[u][j]);
      }
    }

    // Hold out every user whose position ends in 7, 8 or 9 (30 %): stable, and no randomness to
    // explain.
    int nTest = 0;
    for (int u = 0; u < n; u++) {
      nTest += u % 10 >= 7 ? 1 : 0;
    }
    FMatrixRMaj train = new FMatrixRMaj(n - nTest, d);
    FMatrixRMaj test = new FMatrixRMaj(nTest, d);
    double[] yTrain = new double[n - nTest];
    double[] yTest = new double[nTest];
    for (int u = 0, a = 0, b = 0; u < n; u++) {
      if (u % 10 >= 7) {
        System.arraycopy(x.data, u * d, test.data, b * d, d);
        yTest[b++] = y[u];
      } else {
        System.arraycopy(x.data, u * d, train.data, a * d, d);
        yTrain[a++] = y[u];
      }
    }
    GbtModel model =
        GradientBoosting.builder().setCategoricalColumns(9).setThreads(2).get().fit(train, yTrain);
    double[] p = model.score(test);
    double auc = Metrics.rocAuc(p, yTest);
    double lift = LiftTable.of(p, yTest, 10).rows().get(0).lift();
    double[] imp = model.gainImportance();
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -imp[j]));
    List<String> top = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      top.add(FEATURES.get(order[k]));
    }
    Audience audience =
        ScoreAudience.DEFAULT.top(List.copyOf(userIndex.keySet()), model.score(x), 0.10);
    int buyers = (int) Arrays.stream(y).sum();

    out.printf(
        Locale.ROOT,
        "propensity to buy in the last %d days: %,d users (%,d buyers), %,d event rows skipped%n",
        LABEL_DAYS,
        n,
        buyers,
        skipped);
    out.printf(
        Locale.ROOT,
        "gradient-boosted trees (%d trees): held-out AUC %.3f, top-decile lift %.2f%n",
        model.trees(),
        auc,
        lift);
    StringBuilder sb = new StringBuilder("top features by gain:");
    for (int k = 0; k < 5; k++) {
      sb.append(String.format(Locale.ROOT, " %s %.2f", FEATURES.get(order[k]), imp[order[k]]));
    }
    out.println(sb);
    out.printf(
        Locale.ROOT,
        "top-decile audience: %,d users%s%n",
        audience.size(),
        audience.suppressed() ? " (suppressed: under the minimum group size)" : "");
    return new Result(n, buyers, skipped, auc, lift, List.copyOf(top), audience.size());
  }
}
