package org.aidmp.bench.predict;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.aidmp.fixtures.LabelledCsvEvaluation;
import org.aidmp.predict.tree.GbtModel;
import org.aidmp.predict.tree.GradientBoosting;
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
 * Fitting gradient-boosted trees on the training rows of a real CSV with {@link
 * GradientBoosting#DEFAULT}'s settings (scikit-learn's HistGradientBoosting defaults: 100 rounds,
 * learning rate 0.1, 31 leaves, 20 rows per leaf, 255 bins, early stopping on 10 %), categorical
 * columns native, on {@code threads} threads.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar GbtFitBenchmark -f 1 -wi 2 -i 3 \
 *     -p data=../shared/data/bank-marketing-uci/bank-full.csv -p sep=';' -p label=y -p positive=yes \
 *     -p drop=duration -p testRows=../shared/data/bank-marketing-uci/split-test-rows.txt
 * /usr/bin/python3 dmp-bench/peers/predictive_peers.py --repeat 5 --threads 2 (same options)
 * </pre>
 *
 * <p>The peer is scikit-learn's {@code HistGradientBoostingClassifier} on the same rows, features
 * and threads, timed by the peer script in the same sitting; quote the ratio of medians.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GbtFitBenchmark {
  /** The CSV file. */
  @Param("../shared/data/bank-marketing-uci/bank-full.csv")
  public String data;

  /** Its separator. */
  @Param(";")
  public String sep;

  /** The label column. */
  @Param("y")
  public String label;

  /** The label value that counts as 1. */
  @Param("yes")
  public String positive;

  /** Columns to leave out, comma-separated ("" for none). */
  @Param("duration")
  public String drop;

  /** The test-rows file (those rows are left out of the fit). */
  @Param("../shared/data/bank-marketing-uci/split-test-rows.txt")
  public String testRows;

  /** Threads for the fit. */
  @Param("2")
  public int threads;

  private LabelledCsvEvaluation.Encoded encoded;
  private GradientBoosting gbt;

  /** Reads and encodes the CSV once. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    encoded =
        LabelledCsvEvaluation.load(
            LabelledCsvEvaluation.Options.parse(
                "--data",
                data,
                "--sep",
                sep,
                "--label",
                label,
                "--positive",
                positive,
                "--drop",
                drop,
                "--test-rows",
                testRows));
    gbt =
        GradientBoosting.builder()
            .setCategoricalColumns(encoded.categorical())
            .setThreads(threads)
            .get();
  }

  /** One fit. */
  @Benchmark
  public GbtModel fit() {
    return gbt.fit(encoded.train(), encoded.trainLabels());
  }
}
