package org.aidmp.evaluation;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Ranking metrics at a cut-off k for one user's recommendation list against their relevant items;
 * averages over users are the caller's (see {@link Evaluator}).
 *
 * <pre>{@code
 * double ndcg = RankingMetrics.ndcg(List.of("a", "b", "c"), Set.of("b"), 10);
 * }</pre>
 *
 * <p>Conventions: precision divides hits by k (not by the list's length), recall by the number of
 * relevant items, NDCG uses binary gains with log2(rank + 1) discounts and the ideal list of
 * min(relevant, k) hits, AP@k divides by min(relevant, k). With no relevant items every metric is
 * 0; such users are normally left out of averages.
 */
final class RankingMetrics {
  private RankingMetrics() {}

  private static int hits(List<String> ranked, Set<String> relevant, int k) {
    checkK(k);
    int h = 0;
    for (int r = 0; r < Math.min(k, ranked.size()); r++) {
      if (relevant.contains(ranked.get(r))) {
        h++;
      }
    }
    return h;
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k (" + k + ") must be at least 1");
    }
  }

  /** Hits in the top k divided by k. */
  public static double precision(List<String> ranked, Set<String> relevant, int k) {
    return (double) hits(ranked, relevant, k) / k;
  }

  /** Hits in the top k divided by the number of relevant items. */
  public static double recall(List<String> ranked, Set<String> relevant, int k) {
    return relevant.isEmpty() ? 0 : (double) hits(ranked, relevant, k) / relevant.size();
  }

  /** 1 if any of the top k is relevant, else 0. */
  public static double hitRate(List<String> ranked, Set<String> relevant, int k) {
    return hits(ranked, relevant, k) > 0 ? 1 : 0;
  }

  /** Normalised discounted cumulative gain with binary relevance. */
  public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
    checkK(k);
    if (relevant.isEmpty()) {
      return 0;
    }
    double dcg = 0;
    for (int r = 0; r < Math.min(k, ranked.size()); r++) {
      if (relevant.contains(ranked.get(r))) {
        dcg += 1 / log2(r + 2);
      }
    }
    double ideal = 0;
    for (int r = 0; r < Math.min(k, relevant.size()); r++) {
      ideal += 1 / log2(r + 2);
    }
    return dcg / ideal;
  }

  /** Average precision at k: the mean of precision@rank over the ranks of hits. */
  public static double averagePrecision(List<String> ranked, Set<String> relevant, int k) {
    checkK(k);
    if (relevant.isEmpty()) {
      return 0;
    }
    double sum = 0;
    int h = 0;
    for (int r = 0; r < Math.min(k, ranked.size()); r++) {
      if (relevant.contains(ranked.get(r))) {
        h++;
        sum += (double) h / (r + 1);
      }
    }
    return sum / Math.min(k, relevant.size());
  }

  /**
   * Catalogue coverage: the share of the catalogue that appears in at least one user's top k.
   *
   * @param lists each user's ranked list
   */
  public static double coverage(Collection<List<String>> lists, int catalogueSize, int k) {
    checkK(k);
    if (catalogueSize < 1) {
      throw new IllegalArgumentException(
          "catalogue size (" + catalogueSize + ") must be at least 1");
    }
    java.util.HashSet<String> seen = new java.util.HashSet<>();
    for (List<String> l : lists) {
      seen.addAll(l.subList(0, Math.min(k, l.size())));
    }
    return (double) seen.size() / catalogueSize;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
