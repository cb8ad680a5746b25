package org.aidmp.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.ejml.data.FMatrixRMaj;

/**
 * K-Means on Fränti's clustering benchmark sets against their ground-truth centroids.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp examples/target/dmp-examples.jar \
 *     org.aidmp.examples.FrantiBenchmark ../shared/data/franti-clustering-benchmark \
 *     [--restarts 1] [--swaps 20000] [--patience 0] [--seeds 10] [--first-seed 1] [--threads 2] \
 *     [--sets a1,s1,birch1]
 * </pre>
 *
 * <p>For each set it prints, per seed, the centroid index (CI, Fränti 2014: the larger of the two
 * directions of "clusters of one solution that no centroid of the other maps to", so 0 means every
 * true cluster got exactly one centroid), then the success rate (CI = 0) over the seeds, and ends
 * with {@code sets=<n> solved=<sets with CI = 0 on every seed> mean_ci=<mean CI>}. Data and ground
 * truth: a1–a3, s1–s4, unbalance, birch1–2 from {@code uef-balanced-kmeans/}, dim032–dim512 from
 * {@code sipu-original/} with {@code derived-gt/}. Rows are centred and scaled by one common factor
 * first (K-Means is invariant to that), which keeps float32 precise on sets with coordinates near
 * 10⁶.
 *
 * <p>Defaults: greedy k-means++, one restart, then random swap (at most {@value #DEFAULT_SWAPS}
 * trials, stopping after {@code KMeans.swapPatience(k)} trials in a row without progress, that is
 * without a gain of inertia / (20·k); see {@link KMeans#swapPatience(int)}). A missing data file or
 * an unknown set name is an error that names the file and the folder layout, never a silent skip.
 * The Maven profile {@code franti} checks that the defaults solve all 15 sets on seeds 1–10 (see
 * the README).
 */
public final class FrantiBenchmark {
  private static final String[] UEF = {
    "a1", "a2", "a3", "s1", "s2", "s3", "s4", "unbalance", "birch1", "birch2"
  };
  private static final String[] DIM = {"dim032", "dim064", "dim128", "dim256", "dim512"};

  /** Random-swap trials at most per fit; the automatic patience usually stops far sooner. */
  static final int DEFAULT_SWAPS = 20_000;

  private FrantiBenchmark() {}

  /** Runs the benchmark; the first argument is the folder of the data. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: FrantiBenchmark <franti-clustering-benchmark folder> [--restarts R]"
              + " [--swaps T] [--patience P] [--seeds S] [--first-seed F] [--threads N]"
              + " [--sets a1,s1,...]");
      System.exit(2);
    }
    try {
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("FrantiBenchmark: " + e.getMessage());
      System.exit(1);
    }
  }

  /** What one run found. */
  record Summary(int sets, int solved, double meanCi) {}

  /**
   * Runs the benchmark and prints to {@code out}.
   *
   * @throws IllegalArgumentException when an option is unknown or a requested set is missing
   */
  static Summary run(String[] args, PrintStream out) throws IOException {
    Path root = Path.of(args[0]);
    int restarts = 1;
    int swaps = DEFAULT_SWAPS;
    int patience = 0;
    int seeds = 10;
    int firstSeed = 1;
    int threads = 2;
    Set<String> only = null;
    if ((args.length - 1) % 2 != 0) {
      throw new IllegalArgumentException(
          "option " + args[args.length - 1] + " has no value; see the usage line");
    }
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--restarts":
          restarts = Integer.parseInt(args[i + 1]);
          break;
        case "--swaps":
          swaps = Integer.parseInt(args[i + 1]);
          break;
        case "--patience":
          patience = Integer.parseInt(args[i + 1]);
          break;
        case "--first-seed":
          firstSeed = Integer.parseInt(args[i + 1]);
          break;
        case "--seeds":
          seeds = Integer.parseInt(args[i + 1]);
          break;
        case "--threads":
          threads = Integer.parseInt(args[i + 1]);
          break;
        case "--sets":
          only = new LinkedHashSet<>(Arrays.asList(args[i + 1].split(",")));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i] + "; see the usage line");
      }
    }
    List<String[]> sets = new ArrayList<>();
    for (String s : UEF) {
      Path dir = root.resolve("uef-balanced-kmeans");
      sets.add(
          new String[] {
            s, dir.resolve(s + ".txt").toString(), dir.resolve(s + "-gt.txt").toString()
          });
    }
    for (String s : DIM) {
      sets.add(
          new String[] {
            s,
            root.resolve("sipu-original").resolve(s + ".txt").toString(),
            root.resolve("derived-gt").resolve(s + "-gt.txt").toString()
          });
    }
    if (only != null) {
      Set<String> unknown = new LinkedHashSet<>(only);
      for (String[] set : sets) {
        unknown.remove(set[0]);
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown set(s) "
                + unknown
                + "; choose from "
                + String.join(",", UEF)
                + ","
                + String.join(",", DIM));
      }
    }
    // Every requested set must be there: a benchmark that quietly skips a set would report a
    // success it did not measure.
    List<String> missing = new ArrayList<>();
    for (String[] set : sets) {
      if (only != null && !only.contains(set[0])) {
        continue;
      }
      for (int f = 1; f <= 2; f++) {
        if (!Files.isRegularFile(Path.of(set[f]))) {
          missing.add(set[f]);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          missing.size()
              + " data file(s) missing, first "
              + missing.get(0)
              + "; pass the franti-clustering-benchmark folder, which holds"
              + " uef-balanced-kmeans/, sipu-original/ and derived-gt/");
    }
    out.printf(
        "k-means++ (greedy), restarts=%d, swaps=%d, patience=%s, seeds=%d, threads=%d%n",
        restarts, swaps, patience == 0 ? "auto" : Integer.toString(patience), seeds, threads);
    int n = 0;
    int solved = 0;
    long ciSum = 0;
    long runs = 0;
    for (String[] set : sets) {
      if (only != null && !only.contains(set[0])) {
        continue;
      }
      FMatrixRMaj x = readMatrix(Path.of(set[1]));
      FMatrixRMaj truth = readMatrix(Path.of(set[2]));
      normaliseTogether(x, truth);
      int k = truth.numRows;
      int[] ci = new int[seeds];
      int ok = 0;
      long t0 = System.nanoTime();
      for (int s = 0; s < seeds; s++) {
        KMeansModel m =
            KMeans.builder()
                .setK(k)
                .setRestarts(restarts)
                .setSwapTrials(swaps)
                .setSwapPatience(patience)
                .setSeed(firstSeed + s)
                .setThreads(threads)
                .get()
                .fit(x);
        ci[s] = centroidIndex(m.centroids(), truth);
        ok += ci[s] == 0 ? 1 : 0;
        ciSum += ci[s];
        runs++;
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      n++;
      solved += ok == seeds ? 1 : 0;
      out.printf(
          "%-10s n=%-6d d=%-3d k=%-3d CI per seed %s  success %d/%d  (%.1f s)%n",
          set[0], x.numRows, x.numCols, k, Arrays.toString(ci), ok, seeds, secs);
    }
    Summary summary = new Summary(n, solved, runs == 0 ? 0.0 : (double) ciSum / runs);
    out.printf("sets=%d solved=%d mean_ci=%.3f%n", summary.sets, summary.solved, summary.meanCi);
    return summary;
  }

  /** Centroid index: max over both directions of the orphan count of nearest-centroid maps. */
  static int centroidIndex(FMatrixRMaj a, FMatrixRMaj b) {
    return Math.max(orphans(a, b), orphans(b, a));
  }

  /** Rows of {@code to} that no row of {@code from} has as its nearest. */
  static int orphans(FMatrixRMaj from, FMatrixRMaj to) {
    boolean[] hit = new boolean[to.numRows];
    int d = from.numCols;
    for (int i = 0; i < from.numRows; i++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < to.numRows; j++) {
        double s = 0;
        for (int t = 0; t < d; t++) {
          double u = from.get(i, t) - to.get(j, t);
          s += u * u;
        }
        if (s < bestD) {
          bestD = s;
          best = j;
        }
      }
      hit[best] = true;
    }
    int orphans = 0;
    for (boolean h : hit) {
      orphans += h ? 0 : 1;
    }
    return orphans;
  }

  /** Centres both on the data's mean and divides by the data's overall standard deviation. */
  static void normaliseTogether(FMatrixRMaj x, FMatrixRMaj truth) {
    int n = x.numRows;
    int d = x.numCols;
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x.data[i * d + j];
      }
    }
    double var = 0;
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double u = x.data[i * d + j] - mean[j];
        var += u * u;
      }
    }
    double scale = var > 0 ? Math.sqrt(var / ((double) n * d)) : 1;
    for (FMatrixRMaj m : new FMatrixRMaj[] {x, truth}) {
      for (int i = 0; i < m.numRows; i++) {
        for (int j = 0; j < d; j++) {
          m.data[i * d + j] = (float) ((m.data[i * d + j] - mean[j]) / scale);
        }
      }
    }
  }

  /** Whitespace-separated numbers, one row per line; blank lines skipped, CR and tabs allowed. */
  static FMatrixRMaj readMatrix(Path p) throws IOException {
    List<float[]> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        String[] parts = t.split("\\s+");
        float[] row = new float[parts.length];
        for (int j = 0; j < parts.length; j++) {
          try {
            row[j] = Float.parseFloat(parts[j]);
          } catch (NumberFormatException e) {
            throw new IOException(
                p + " line " + lineNo + " column " + (j + 1) + " is not a number", e);
          }
        }
        if (!rows.isEmpty() && rows.get(0).length != row.length) {
          throw new IOException(
              p + " line " + lineNo + " has " + row.length + " values, not " + rows.get(0).length);
        }
        rows.add(row);
      }
    }
    int d = rows.isEmpty() ? 0 : rows.get(0).length;
    FMatrixRMaj m = new FMatrixRMaj(rows.size(), d);
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, m.data, i * d, d);
    }
    return m;
  }
}
