package org.aidmp.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aidmp.evaluation.EvaluationResult;
import org.aidmp.evaluation.Evaluator;
import org.aidmp.evaluation.Split;
import org.aidmp.recommend.Interaction;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.RecommenderTrainer;

/**
 * Evaluates the recommenders on MovieLens 100k with the classic five folds.
 *
 * <pre>
 * java -cp dmp-examples.jar org.aidmp.examples.MovieLensEvaluation ../shared/data/movielens-100k
 * </pre>
 *
 * <p>Protocol: for each fold u1…u5, train on {@code uN.base} as implicit feedback (every rated item
 * counts 1); relevant items are those in {@code uN.test} rated 4 or more; candidates are the items
 * the user did not rate in training; metrics at 10 are averaged over users with at least one
 * relevant item, then over the folds. Prints one line per method: {@code method=<name> p@10=<x>
 * r@10=<x> ndcg@10=<x>}, then the other metrics on lines starting with {@code #}.
 */
public final class MovieLensEvaluation {
  private MovieLensEvaluation() {}

  /**
   * Runs the evaluation.
   *
   * @param args the MovieLens 100k folder
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: MovieLensEvaluation <path to movielens-100k>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Map<String, RecommenderTrainer> methods = new LinkedHashMap<>();
    methods.put("popularity", RecommenderTrainer.popularity());
    methods.put("user-knn", RecommenderTrainer.userKnn(50));
    methods.put("item-knn", RecommenderTrainer.itemKnn(50));
    methods.put("ease", RecommenderTrainer.ease(250));
    Map<String, EvaluationResult> results = evaluate(dir, methods);
    StringBuilder extra = new StringBuilder();
    for (Map.Entry<String, EvaluationResult> e : results.entrySet()) {
      EvaluationResult r = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "method=%s p@10=%.4f r@10=%.4f ndcg@10=%.4f%n",
          e.getKey(),
          r.precision(),
          r.recall(),
          r.ndcg());
      extra.append(
          String.format(
              Locale.ROOT,
              "# %s map@10=%.4f hit@10=%.4f coverage@10=%.4f users=%d%n",
              e.getKey(),
              r.map(),
              r.hitRate(),
              r.coverage(),
              r.users()));
    }
    System.out.print(extra);
  }

  /** The five-fold means of each method, in the map's order. */
  public static Map<String, EvaluationResult> evaluate(
      Path dir, Map<String, RecommenderTrainer> methods) throws IOException {
    Evaluator evaluator = Evaluator.builder().setK(10).setRelevant(e -> e.value() >= 4).get();
    Map<String, List<EvaluationResult>> folds = new LinkedHashMap<>();
    for (int fold = 1; fold <= 5; fold++) {
      Split split =
          Split.of(
              read(dir.resolve("u" + fold + ".base")), read(dir.resolve("u" + fold + ".test")));
      Interactions train =
          Interactions.builder().setWeights(Map.of("rating", 1f)).addAll(split.train()).build();
      for (Map.Entry<String, RecommenderTrainer> m : methods.entrySet()) {
        folds
            .computeIfAbsent(m.getKey(), k -> new ArrayList<>())
            .add(evaluator.evaluate(m.getValue().fit(train), split.test()));
      }
    }
    Map<String, EvaluationResult> out = new LinkedHashMap<>();
    folds.forEach((name, list) -> out.put(name, EvaluationResult.mean(list)));
    return out;
  }

  /** Reads a MovieLens ratings file: user, item, rating, seconds, separated by tabs. */
  static List<Interaction> read(Path file) throws IOException {
    List<Interaction> out = new ArrayList<>();
    int line = 0;
    for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      line++;
      if (s.isBlank()) {
        continue;
      }
      String[] f = s.split("\t");
      if (f.length != 4) {
        throw new IOException(
            file + ":" + line + ": expected 4 tab-separated fields, found " + f.length);
      }
      out.add(
          new Interaction(
              f[0], f[1], "rating", Long.parseLong(f[3]) * 1000, Double.parseDouble(f[2])));
    }
    return out;
  }
}
