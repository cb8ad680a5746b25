package org.aidmp.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aidmp.predict.clv.BgNbd;
import org.aidmp.predict.clv.Clv;
import org.aidmp.predict.clv.GammaGamma;
import org.aidmp.predict.clv.RfmSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Customer lifetime value on a real retailer's year of transactions (UCI "Online Retail"): BG/NBD
 * for repeat purchases and Gamma-Gamma for spend, fitted on a calibration period and checked
 * against what the same customers did in the holdout period that follows, in total and by decile of
 * predicted purchases.
 *
 * <pre>
 * java -cp examples/target/dmp-examples.jar org.aidmp.examples.RetailClv \
 *     ../shared/data/online-retail-uci-2010-12 ../shared/data/online-retail-uci-2011-by-day
 * </pre>
 *
 * <p>A purchase is a customer-day with at least one line of positive quantity and price (the day's
 * lines add up to its value); rows without a customer, cancellations ({@code InvoiceNo} starting
 * with C) and returns are left out. Time is in weeks. The calibration runs from the first day of
 * the log to {@link #CALIBRATION_END}; customers whose first purchase falls in it form the cohort,
 * and the holdout counts their purchase days after it, up to the log's last day.
 */
public final class RetailClv {
  /** The last day of calibration, inclusive. */
  public static final LocalDate CALIBRATION_END = LocalDate.of(2011, 8, 31);

  private RetailClv() {}

  /**
   * What the program found.
   *
   * @param rows data rows read
   * @param kept rows that were purchases of a known customer
   * @param customers the calibration cohort
   * @param holdoutWeeks the length of the holdout
   * @param purchases the BG/NBD fit
   * @param spend the Gamma-Gamma fit
   * @param predicted total expected purchase days of the cohort in the holdout
   * @param actual total purchase days of the cohort in the holdout
   * @param predictedByDecile mean expected purchases per customer in each decile of prediction,
   *     highest first
   * @param actualByDecile mean actual purchases per customer in the same deciles
   * @param predictedRevenue expected purchases × expected spend per purchase, summed
   * @param actualRevenue the cohort's holdout spend
   */
  public record Result(
      long rows,
      long kept,
      int customers,
      double holdoutWeeks,
      BgNbd.Model purchases,
      GammaGamma.Model spend,
      double predicted,
      double actual,
      double[] predictedByDecile,
      double[] actualByDecile,
      double predictedRevenue,
      double actualRevenue) {
    /** Predicted over actual purchases, minus 1. */
    public double relativeError() {
      return predicted / actual - 1;
    }
  }

  /** Runs the program; arguments: one or more folders of daily CSV files. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: RetailClv <folder of daily CSV files>...");
      System.exit(2);
    }
    List<Path> folders = new ArrayList<>();
    for (String a : args) {
      folders.add(Path.of(a));
    }
    run(folders, System.out);
  }

  /**
   * Reads every {@code *.csv} of the folders, fits, compares and prints.
   *
   * @param folders folders of daily files in the UCI Online Retail columns
   * @param out where the report goes
   */
  public static Result run(List<Path> folders, PrintStream out) throws IOException {
    List<String> ids = new ArrayList<>();
    List<Long> days = new ArrayList<>();
    List<Double> amounts = new ArrayList<>();
    long rows = 0;
    for (Path folder : folders) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.csv")) {
        ds.forEach(files::add);
      }
      files.sort(Comparator.naturalOrder());
      for (Path f : files) {
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
            CSVParser p =
                CSVParser.parse(
                    r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
          for (CSVRecord rec : p) {
            rows++;
            String customer = rec.get("CustomerID").trim();
            if (customer.isEmpty() || rec.get("InvoiceNo").startsWith("C")) {
              continue;
            }
            try {
              double q = Double.parseDouble(rec.get("Quantity"));
              double price = Double.parseDouble(rec.get("UnitPrice"));
              if (!(q > 0 && price > 0)) {
                continue;
              }
              LocalDate day = LocalDate.parse(rec.get("InvoiceDate").substring(0, 10));
              ids.add(customer);
              days.add(day.toEpochDay());
              amounts.add(q * price);
            } catch (NumberFormatException | DateTimeParseException | IndexOutOfBoundsException e) {
              // A row that does not parse is not a purchase; it is counted in rows, not kept.
            }
          }
        }
      }
    }
    int n = ids.size();
    String[] idArray = ids.toArray(new String[0]);
    long[] dayArray = new long[n];
    double[] amountArray = new double[n];
    long lastDay = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      dayArray[i] = days.get(i);
      amountArray[i] = amounts.get(i);
      lastDay = Math.max(lastDay, dayArray[i]);
    }
    long calEnd = CALIBRATION_END.toEpochDay();
    if (lastDay <= calEnd) {
      throw new IllegalArgumentException(
          "the log ends on "
              + LocalDate.ofEpochDay(lastDay)
              + ", before the holdout; give the folders up to December 2011");
    }
    RfmSummary rfm = RfmSummary.of(idArray, dayArray, amountArray, calEnd, 7);
    double holdoutWeeks = (lastDay - calEnd) / 7.0;

    // The cohort's purchase days and spend in the holdout.
    Map<String, Integer> cohort = new HashMap<>();
    for (int k = 0; k < rfm.ids().size(); k++) {
      cohort.put(rfm.ids().get(k), k);
    }
    double[] actual = new double[cohort.size()];
    double[] actualSpend = new double[cohort.size()];
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (dayArray[i] <= calEnd) {
        continue;
      }
      Integer k = cohort.get(idArray[i]);
      if (k == null) {
        continue;
      }
      actualSpend[k] += amountArray[i];
      // One purchase per customer-day, as in calibration.
      if (seen.add(((long) k << 32) | (dayArray[i] - calEnd))) {
        actual[k]++;
      }
    }

    double[] x = rfm.frequency();
    double[] tx = rfm.recency();
    double[] t = rfm.age();
    double[] m = rfm.monetary();
    BgNbd.Model bg = BgNbd.fit(x, tx, t);
    GammaGamma.Model gg = GammaGamma.fit(x, m);
    Clv clv = new Clv(bg, gg);
    int c = x.length;
    double[] predicted = new double[c];
    double predictedTotal = 0;
    double actualTotal = 0;
    double predictedRevenue = 0;
    double actualRevenue = 0;
    for (int k = 0; k < c; k++) {
      predicted[k] = bg.expectedPurchases(holdoutWeeks, x[k], tx[k], t[k]);
      predictedTotal += predicted[k];
      actualTotal += actual[k];
      predictedRevenue += predicted[k] * gg.expectedSpend(x[k], m[k]);
      actualRevenue += actualSpend[k];
    }
    Integer[] order = new Integer[c];
    for (int k = 0; k < c; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order, Comparator.comparingDouble((Integer k) -> -predicted[k]).thenComparingInt(k -> k));
    double[] pd = new double[10];
    double[] ad = new double[10];
    for (int g = 0; g < 10; g++) {
      int from = (int) ((long) c * g / 10);
      int to = (int) ((long) c * (g + 1) / 10);
      for (int i = from; i < to; i++) {
        pd[g] += predicted[order[i]];
        ad[g] += actual[order[i]];
      }
      pd[g] /= Math.max(1, to - from);
      ad[g] /= Math.max(1, to - from);
    }
    Result res =
        new Result(
            rows,
            n,
            c,
            holdoutWeeks,
            bg,
            gg,
            predictedTotal,
            actualTotal,
            pd,
            ad,
            predictedRevenue,
            actualRevenue);
    print(res, clv, rfm, out);
    return res;
  }

  private static void print(Result r, Clv clv, RfmSummary rfm, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "rows=%d purchases_kept=%d cohort=%d calibration_end=%s holdout_weeks=%.2f%n",
        r.rows(),
        r.kept(),
        r.customers(),
        CALIBRATION_END,
        r.holdoutWeeks());
    BgNbd.Model b = r.purchases();
    out.printf(
        Locale.ROOT,
        "bgnbd r=%.4f alpha=%.4f a=%.4f b=%.4f loglik=%.1f%n",
        b.r(),
        b.alpha(),
        b.a(),
        b.b(),
        b.logLikelihood());
    GammaGamma.Model g = r.spend();
    out.printf(
        Locale.ROOT,
        "gamma_gamma p=%.4f q=%.4f gamma=%.4f mean_spend=%.2f%n",
        g.p(),
        g.q(),
        g.gamma(),
        g.populationMean());
    out.printf(
        Locale.ROOT,
        "holdout purchases predicted=%.1f actual=%.0f error=%+.1f%%%n",
        r.predicted(),
        r.actual(),
        100 * r.relativeError());
    out.printf(
        Locale.ROOT,
        "holdout revenue predicted=%.0f actual=%.0f error=%+.1f%%%n",
        r.predictedRevenue(),
        r.actualRevenue(),
        100 * (r.predictedRevenue() / r.actualRevenue() - 1));
    out.println("decile predicted_per_customer actual_per_customer");
    for (int d = 0; d < 10; d++) {
      out.printf(
          Locale.ROOT,
          "%6d %22.3f %19.3f%n",
          d + 1,
          r.predictedByDecile()[d],
          r.actualByDecile()[d]);
    }
    double[] x = rfm.frequency();
    double[] tx = rfm.recency();
    double[] t = rfm.age();
    double[] m = rfm.monetary();
    double total = 0;
    for (int k = 0; k < x.length; k++) {
      total += clv.value(x[k], tx[k], t[k], m[k], 12, 52.0 / 12, 0.01);
    }
    out.printf(
        Locale.ROOT,
        "clv_12_months mean_per_customer=%.2f (1%% discount a month)%n",
        total / x.length);
  }
}
