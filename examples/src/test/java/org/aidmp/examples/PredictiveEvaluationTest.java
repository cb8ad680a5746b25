package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.aidmp.fixtures.LabelledCsvEvaluation;
import org.aidmp.fixtures.LabelledCsvEvaluation.Encoded;
import org.aidmp.fixtures.LabelledCsvEvaluation.Options;
import org.aidmp.fixtures.LabelledCsvEvaluation.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictiveEvaluationTest {
  @TempDir Path dir;

  private static void inBand(String what, double expected, double actual) {
    assertTrue(
        Math.abs(actual - expected) <= 0.01,
        what + " AUC " + actual + " outside " + expected + " ± 0.01");
  }

  /** Bank marketing: label y, duration left out (it leaks the outcome). */
  @Test
  void bankMarketingAucStaysInItsBand() throws IOException {
    Path data = SharedData.file("bank-marketing-uci/bank-full.csv");
    Path split = SharedData.file("bank-marketing-uci/split-test-rows.txt");
    Options o =
        Options.parse(
            "--data",
            data.toString(),
            "--sep",
            ";",
            "--label",
            "y",
            "--positive",
            "yes",
            "--drop",
            "duration",
            "--test-rows",
            split.toString(),
            "--name",
            "bank");
    Encoded e = LabelledCsvEvaluation.load(o);
    List<Result> r = LabelledCsvEvaluation.evaluate(e, LabelledCsvEvaluation.models(e, 2));
    inBand("bank gbt", 0.806, r.get(0).auc());
    inBand("bank logistic", 0.770, r.get(1).auc());
  }

  /** Telco churn: label Churn; customerID is dropped as an identifier by the generic rule. */
  @Test
  void telcoChurnAucStaysInItsBand() throws IOException {
    Path data = SharedData.file("telco-churn-ibm/Telco-Customer-Churn.csv");
    Path split = SharedData.file("telco-churn-ibm/split-test-rows.txt");
    Options o =
        Options.parse(
            "--data",
            data.toString(),
            "--label",
            "Churn",
            "--positive",
            "Yes",
            "--test-rows",
            split.toString(),
            "--name",
            "telco");
    Encoded e = LabelledCsvEvaluation.load(o);
    assertTrue(!e.columns().contains("customerID"));
    List<Result> r = LabelledCsvEvaluation.evaluate(e, LabelledCsvEvaluation.models(e, 2));
    inBand("telco gbt", 0.860, r.get(0).auc());
    inBand("telco logistic", 0.855, r.get(1).auc());
  }

  @Test
  void infersTypesAndEncodesASyntheticCsvWithoutHeader() throws IOException {
    Path csv = dir.resolve("d.csv");
    Path split = dir.resolve("split.txt");
    StringBuilder sb = new StringBuilder();
    StringBuilder test = new StringBuilder();
    SplittableRandom r = new SplittableRandom(4);
    String[] colours = {"red", "green", "blue"};
    for (int i = 0; i < 600; i++) {
      double x = r.nextGaussian();
      String colour = colours[r.nextInt(3)];
      double z = 2 * x + (colour.equals("red") ? 1.5 : -0.5);
      String label = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? "buy" : "no";
      String xs = i % 17 == 0 ? "" : String.valueOf(x);
      sb.append(xs)
          .append('|')
          .append(colour)
          .append('|')
          .append("id")
          .append(i)
          .append('|')
          .append(label)
          .append('\n');
      if (i % 4 == 0) {
        test.append(i).append('\n');
      }
    }
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    Files.writeString(split, test, StandardCharsets.UTF_8);
    Options o =
        Options.parse(
            "--data",
            csv.toString(),
            "--sep",
            "|",
            "--no-header",
            "--label",
            "c3",
            "--positive",
            "buy",
            "--test-rows",
            split.toString());
    Encoded e = LabelledCsvEvaluation.load(o);
    assertEquals(List.of("c0", "c1"), e.columns(), "c2 is an identifier");
    assertArrayEquals(new int[] {1}, e.categorical());
    assertEquals(150, e.test().numRows);
    assertTrue(Float.isNaN(e.test().get(0, 0)), "blank is missing (row 0 is a test row)");
    List<Result> res = LabelledCsvEvaluation.evaluate(e, LabelledCsvEvaluation.models(e, 1));
    assertEquals("gbt", res.get(0).model());
    for (Result x : res) {
      assertTrue(x.auc() > 0.75, x.toString());
      assertTrue(
          x.line("d")
              .matches(
                  "dataset=d model=\\w+ auc=0\\.\\d{4} logloss=\\d\\.\\d{4} brier=0\\.\\d{4} fit_ms=\\d+"),
          x.line("d"));
    }
  }

  @Test
  void rejectsMissingAndUnknownOptions() {
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--data", "x.csv"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Options.parse(
                "--data",
                "x",
                "--label",
                "y",
                "--positive",
                "1",
                "--test-rows",
                "t",
                "--bogus",
                "1"));
    Options o =
        Options.parse(
            "--data",
            "a/b.csv",
            "--label",
            "y",
            "--positive",
            "1",
            "--test-rows",
            "t",
            "--drop",
            "p,q",
            "--sep",
            "tab");
    assertEquals("b", o.name());
    assertEquals('\t', o.separator());
    assertEquals(List.of("p", "q"), List.copyOf(o.drop()));
  }
}
