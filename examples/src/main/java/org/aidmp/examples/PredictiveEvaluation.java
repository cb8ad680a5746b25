package org.aidmp.examples;

import java.io.IOException;
import org.aidmp.fixtures.LabelledCsvEvaluation;

/**
 * Fits dmp's gradient-boosted trees and logistic regression on any labelled CSV and prints one line
 * per model: {@code dataset=<name> model=<gbt|logistic> auc=<x> logloss=<x> brier=<x> fit_ms=<n>}.
 *
 * <pre>{@code
 * java -cp examples/target/dmp-examples.jar org.aidmp.examples.PredictiveEvaluation \
 *     --data bank-full.csv --sep ';' --label y --positive yes --drop duration \
 *     --test-rows split-test-rows.txt --name bank
 * }</pre>
 *
 * <p>Options: {@code --data FILE --label COLUMN --positive VALUE --test-rows FILE [--sep C]
 * [--no-header] [--drop COL,…] [--numeric COL,…] [--name NAME]}. The reading, typing and evaluation
 * live in {@link LabelledCsvEvaluation}, which the benchmarks share.
 */
public final class PredictiveEvaluation {
  private PredictiveEvaluation() {}

  /** Runs the evaluation; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    LabelledCsvEvaluation.main(args);
  }
}
