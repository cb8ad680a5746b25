package org.aidmp.evaluation;

/**
 * Ranking metrics at k averaged over the evaluated users.
 *
 * <pre>{@code
 * EvaluationResult r = Evaluator.builder().setK(10).get().evaluate(model, split.test());
 * System.out.printf("p@10=%.3f%n", r.precision());
 * }</pre>
 *
 * @param k the cut-off
 * @param users users evaluated (with at least one relevant test item and known to the model)
 * @param skippedUsers users with relevant test items whom the model did not know
 * @param precision mean precision@k
 * @param recall mean recall@k
 * @param ndcg mean NDCG@k
 * @param map mean average precision@k
 * @param hitRate share of users with a hit in the top k
 * @param coverage share of the catalogue recommended to at least one user
 */
public record EvaluationResult(
    int k,
    int users,
    int skippedUsers,
    double precision,
    double recall,
    double ndcg,
    double map,
    double hitRate,
    double coverage) {

  /** The mean of several results (such as the five MovieLens folds), each weighted equally. */
  public static EvaluationResult mean(java.util.List<EvaluationResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no results to average");
    }
    int n = results.size();
    int users = 0;
    int skipped = 0;
    double p = 0;
    double r = 0;
    double g = 0;
    double m = 0;
    double h = 0;
    double c = 0;
    for (EvaluationResult e : results) {
      if (e.k != results.get(0).k) {
        throw new IllegalArgumentException("results at different k cannot be averaged");
      }
      users += e.users;
      skipped += e.skippedUsers;
      p += e.precision;
      r += e.recall;
      g += e.ndcg;
      m += e.map;
      h += e.hitRate;
      c += e.coverage;
    }
    return new EvaluationResult(
        results.get(0).k, users, skipped, p / n, r / n, g / n, m / n, h / n, c / n);
  }
}
