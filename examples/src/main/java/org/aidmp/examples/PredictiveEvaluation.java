package org.aidmp.examples;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aidmp.predict.eval.Metrics;
import org.aidmp.predict.linear.LogisticRegression;
import org.aidmp.predict.tree.GradientBoosting;
import org.aidmp.stage.ScoreModel;
import org.aidmp.stage.Scorer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.ejml.data.FMatrixRMaj;

/**
 * Fits gradient-boosted trees and logistic regression on any CSV with a binary label and prints one
 * line per model on the held-out rows:
 *
 * <pre>
 * dataset=&lt;name&gt; model=&lt;gbt|logistic&gt; auc=&lt;x&gt; logloss=&lt;x&gt; brier=&lt;x&gt; fit_ms=&lt;n&gt;
 * </pre>
 *
 * <pre>
 * java -cp dmp-examples.jar org.aidmp.examples.PredictiveEvaluation --data bank-full.csv --sep ';' \
 *     --label y --positive yes --drop duration --test-rows split-test-rows.txt --name bank
 * </pre>
 *
 * <p>Options: {@code --data FILE --label COLUMN --positive VALUE --test-rows FILE [--sep C]
 * [--no-header] [--drop COL,…] [--numeric COL,…] [--name NAME] [--threads N]}. The test-rows file
 * lists 0-based data-row indices, one a line; every other row trains. Without a header the columns
 * are {@code c0, c1, …}. Columns named by {@code --numeric} are numbers (anything else there is
 * missing); the others are numeric when every non-blank value parses as a number, else categorical.
 * Blank values are missing. A categorical column keeps its 254 most frequent training values as
 * codes and folds the rest into one more; values unseen in training are missing; a text column
 * whose every training value is distinct is an identifier and is left out (said on stderr).
 */
public final class PredictiveEvaluation {
  /** Categorical codes kept per column (the trees' bin limit, one code left for the rest). */
  static final int MAX_LEVELS = 254;

  private PredictiveEvaluation() {}

  /**
   * What to evaluate.
   *
   * @param data the CSV file
   * @param label the label column's name
   * @param positive the label value that counts as 1
   * @param testRows the file of 0-based test row indices
   * @param separator the field separator
   * @param header whether the first line names the columns
   * @param drop columns to leave out
   * @param numeric columns forced numeric
   * @param name the data set's name in the output
   * @param threads threads for the trees
   */
  public record Options(
      Path data,
      String label,
      String positive,
      Path testRows,
      char separator,
      boolean header,
      Set<String> drop,
      Set<String> numeric,
      String name,
      int threads) {

    /** Parses command-line arguments. */
    public static Options parse(String... args) {
      Map<String, String> v = new HashMap<>();
      boolean header = true;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--no-header")) {
          header = false;
          continue;
        }
        if (!a.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "argument " + (i + 1) + " is not an option with a value: " + usage());
        }
        v.put(a.substring(2), args[++i]);
      }
      for (String k : v.keySet()) {
        if (!Set.of(
                "data",
                "label",
                "positive",
                "test-rows",
                "sep",
                "drop",
                "numeric",
                "name",
                "threads")
            .contains(k)) {
          throw new IllegalArgumentException("unknown option --" + k + ": " + usage());
        }
      }
      for (String k : List.of("data", "label", "positive", "test-rows")) {
        if (!v.containsKey(k)) {
          throw new IllegalArgumentException("--" + k + " is required: " + usage());
        }
      }
      String sep = v.getOrDefault("sep", ",");
      if (sep.equals("\\t") || sep.equals("tab")) {
        sep = "\t";
      }
      if (sep.length() != 1) {
        throw new IllegalArgumentException("--sep takes one character, got " + sep.length());
      }
      Path data = Path.of(v.get("data"));
      String name =
          v.getOrDefault("name", data.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
      return new Options(
          data,
          v.get("label"),
          v.get("positive"),
          Path.of(v.get("test-rows")),
          sep.charAt(0),
          header,
          list(v.get("drop")),
          list(v.get("numeric")),
          name,
          Integer.parseInt(v.getOrDefault("threads", "2")));
    }

    private static Set<String> list(String s) {
      Set<String> out = new LinkedHashSet<>();
      if (s != null) {
        for (String p : s.split(",")) {
          if (!p.isBlank()) {
            out.add(p.trim());
          }
        }
      }
      return out;
    }
  }

  static String usage() {
    return "PredictiveEvaluation --data FILE --label COLUMN --positive VALUE --test-rows FILE"
        + " [--sep C] [--no-header] [--drop COL,...] [--numeric COL,...] [--name NAME] [--threads N]";
  }

  /**
   * A CSV encoded for the models: numeric columns as numbers, categorical ones as codes, NaN for
   * missing.
   *
   * @param columns the feature columns' names
   * @param categorical indices (into {@code columns}) of the categorical ones
   * @param train training rows
   * @param trainLabels their labels
   * @param test test rows
   * @param testLabels their labels
   */
  public record Encoded(
      List<String> columns,
      int[] categorical,
      FMatrixRMaj train,
      double[] trainLabels,
      FMatrixRMaj test,
      double[] testLabels) {}

  /** One model's figures on the test rows. */
  public record Result(String model, double auc, double logLoss, double brier, long fitMillis) {
    /** The output line. */
    public String line(String dataset) {
      return String.format(
          Locale.ROOT,
          "dataset=%s model=%s auc=%.4f logloss=%.4f brier=%.4f fit_ms=%d",
          dataset,
          model,
          auc,
          logLoss,
          brier,
          fitMillis);
    }
  }

  /** Reads and encodes the CSV. */
  public static Encoded load(Options o) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setDelimiter(o.separator()).setIgnoreEmptyLines(true).get();
    List<String[]> rows = new ArrayList<>();
    String[] names = null;
    try (Reader r = Files.newBufferedReader(o.data(), StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(r, format)) {
      for (CSVRecord rec : p) {
        String[] vals = rec.values();
        if (names == null) {
          if (o.header()) {
            names = vals;
            for (int i = 0; i < names.length; i++) {
              names[i] = names[i].trim();
            }
            continue;
          }
          names = new String[vals.length];
          for (int i = 0; i < names.length; i++) {
            names[i] = "c" + i;
          }
        }
        if (vals.length != names.length) {
          throw new IOException(
              "data row "
                  + rows.size()
                  + " has "
                  + vals.length
                  + " fields, the header "
                  + names.length);
        }
        rows.add(vals);
      }
    }
    if (names == null) {
      throw new IOException("the data file is empty");
    }
    int labelCol = Arrays.asList(names).indexOf(o.label());
    if (labelCol < 0) {
      throw new IllegalArgumentException("label column " + o.label() + " is not in the header");
    }
    for (String dcol : o.drop()) {
      if (!Arrays.asList(names).contains(dcol)) {
        throw new IllegalArgumentException("--drop column " + dcol + " is not in the header");
      }
    }
    int n = rows.size();
    boolean[] isTest = new boolean[n];
    int nTest = 0;
    for (String line : Files.readAllLines(o.testRows(), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      int idx = Integer.parseInt(line.trim());
      if (idx < 0 || idx >= n) {
        throw new IllegalArgumentException(
            "test row " + idx + " is outside the " + n + " data rows");
      }
      if (!isTest[idx]) {
        isTest[idx] = true;
        nTest++;
      }
    }
    int nTrain = n - nTest;
    if (nTrain < 2 || nTest < 1) {
      throw new IllegalArgumentException(
          "the split leaves " + nTrain + " training and " + nTest + " test rows");
    }
    List<Integer> features = new ArrayList<>();
    for (int c = 0; c < names.length; c++) {
      if (c != labelCol && !o.drop().contains(names[c])) {
        features.add(c);
      }
    }
    List<String> kept = new ArrayList<>();
    List<float[]> columnsTrain = new ArrayList<>();
    List<float[]> columnsTest = new ArrayList<>();
    List<Integer> categorical = new ArrayList<>();
    for (int c : features) {
      boolean numeric = o.numeric().contains(names[c]);
      if (!numeric) {
        numeric = true;
        for (String[] row : rows) {
          String s = row[c].trim();
          if (!s.isEmpty() && parse(s) == null) {
            numeric = false;
            break;
          }
        }
      }
      float[] tr = new float[nTrain];
      float[] te = new float[nTest];
      if (numeric) {
        for (int i = 0, a = 0, b = 0; i < n; i++) {
          Double d = parse(rows.get(i)[c].trim());
          float v = d == null ? Float.NaN : d.floatValue();
          if (isTest[i]) {
            te[b++] = v;
          } else {
            tr[a++] = v;
          }
        }
      } else {
        // Codes by training frequency, most frequent first, ties by first appearance.
        Map<String, Integer> count = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String s = rows.get(i)[c].trim();
          if (!isTest[i] && !s.isEmpty()) {
            count.merge(s, 1, Integer::sum);
          }
        }
        if (count.size() == nTrain && count.size() > MAX_LEVELS) {
          System.err.println(
              "# column "
                  + names[c]
                  + " has a distinct value on every training row: left out as an identifier");
          continue;
        }
        List<String> order = new ArrayList<>(count.keySet());
        order.sort((x, y) -> Integer.compare(count.get(y), count.get(x)));
        Map<String, Integer> code = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
          code.put(order.get(k), Math.min(k, MAX_LEVELS));
        }
        for (int i = 0, a = 0, b = 0; i < n; i++) {
          Integer k = code.get(rows.get(i)[c].trim());
          float v = k == null ? Float.NaN : k;
          if (isTest[i]) {
            te[b++] = v;
          } else {
            tr[a++] = v;
          }
        }
        categorical.add(kept.size());
      }
      kept.add(names[c]);
      columnsTrain.add(tr);
      columnsTest.add(te);
    }
    int d = kept.size();
    FMatrixRMaj train = new FMatrixRMaj(nTrain, d);
    FMatrixRMaj test = new FMatrixRMaj(nTest, d);
    for (int j = 0; j < d; j++) {
      float[] tr = columnsTrain.get(j);
      float[] te = columnsTest.get(j);
      for (int i = 0; i < nTrain; i++) {
        train.data[i * d + j] = tr[i];
      }
      for (int i = 0; i < nTest; i++) {
        test.data[i * d + j] = te[i];
      }
    }
    double[] yTrain = new double[nTrain];
    double[] yTest = new double[nTest];
    String positive = o.positive().trim();
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      double y = rows.get(i)[labelCol].trim().equals(positive) ? 1 : 0;
      if (isTest[i]) {
        yTest[b++] = y;
      } else {
        yTrain[a++] = y;
      }
    }
    return new Encoded(
        List.copyOf(kept),
        categorical.stream().mapToInt(Integer::intValue).toArray(),
        train,
        yTrain,
        test,
        yTest);
  }

  private static Double parse(String s) {
    if (s.isEmpty()) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isNaN(d) ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The models evaluated, by name, for the given data. The trees trade speed for accuracy against
   * {@link GradientBoosting#DEFAULT}: a smaller learning rate with more rounds, 15 leaves, and 80 %
   * of rows and columns per tree; early stopping on 10 % of the training rows picks the rounds.
   */
  public static Map<String, Scorer> models(Encoded e, int threads) {
    Map<String, Scorer> m = new LinkedHashMap<>();
    m.put(
        "gbt",
        GradientBoosting.builder()
            .setCategoricalColumns(e.categorical())
            .setLearningRate(0.03)
            .setMaxIterations(600)
            .setMaxLeaves(15)
            .setRowSubsample(0.8)
            .setColumnSubsample(0.8)
            .setPatience(20)
            .setThreads(threads)
            .get());
    m.put("logistic", LogisticRegression.builder().setCategoricalColumns(e.categorical()).get());
    return m;
  }

  /** Fits each model on the training rows and scores the test rows. */
  public static List<Result> evaluate(Encoded e, Map<String, Scorer> models) {
    List<Result> out = new ArrayList<>();
    for (Map.Entry<String, Scorer> m : models.entrySet()) {
      long t0 = System.nanoTime();
      ScoreModel model = m.getValue().fit(e.train(), e.trainLabels());
      long ms = (System.nanoTime() - t0) / 1_000_000;
      double[] p = model.score(e.test());
      out.add(
          new Result(
              m.getKey(),
              Metrics.rocAuc(p, e.testLabels()),
              Metrics.logLoss(p, e.testLabels()),
              Metrics.brier(p, e.testLabels()),
              ms));
    }
    return out;
  }

  /** Runs the evaluation; see the class comment for the options. */
  public static void main(String[] args) throws IOException {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException ex) {
      System.err.println(ex.getMessage());
      System.exit(2);
      return;
    }
    Encoded e = load(o);
    for (Result r : evaluate(e, models(e, o.threads()))) {
      System.out.println(r.line(o.name()));
    }
  }

  static Set<String> names(Encoded e) {
    return new HashSet<>(e.columns());
  }
}
