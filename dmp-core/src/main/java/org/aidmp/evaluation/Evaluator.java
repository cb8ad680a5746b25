package org.aidmp.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.aidmp.recommend.Interaction;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.RecommendRequest;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;

/**
 * Offline ranking evaluation: for each test user with at least one relevant held-out item,
 * recommends k unseen items and scores the list; averages over those users.
 *
 * <pre>{@code
 * Evaluator eval = Evaluator.builder()
 *     .setK(10)
 *     .setRelevant(e -> e.value() >= 4)     // MovieLens: ratings of 4 or 5
 *     .get();
 * EvaluationResult r = eval.evaluate(model, split.test());
 * }</pre>
 *
 * <p>Candidates are the model's catalogue minus the user's training items (the default; see {@link
 * Builder#setIncludeSeen}). Relevant items are then only held-out items the recommender may return:
 * a test item the user already has in training is left out of the relevant set, since the list can
 * never hold it and counting it would only lower recall. When seen items are included the training
 * items stay candidates and stay relevant. Relevant test items outside the catalogue still count in
 * recall's denominator (the model cannot find them). Users the model does not know are skipped and
 * counted in {@link EvaluationResult#skippedUsers()}; users whose relevant items are all in their
 * training history are left out.
 */
public final class Evaluator {
  /** k = 10, every test event of an item the user does not have in training relevant. */
  public static final Evaluator DEFAULT = new Builder().get();

  private final int k;
  private final Predicate<Interaction> relevant;
  private final boolean includeSeen;

  private Evaluator(Builder b) {
    this.k = b.k;
    this.relevant = b.relevant;
    this.includeSeen = b.includeSeen;
  }

  /** A builder starting from {@link #DEFAULT}'s values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration's values. */
  public Builder toBuilder() {
    return new Builder().setK(k).setRelevant(relevant).setIncludeSeen(includeSeen);
  }

  /** The cut-off. */
  public int k() {
    return k;
  }

  /** Scores the model's recommendations against the relevant events of {@code test}. */
  public EvaluationResult evaluate(Recommender model, List<Interaction> test) {
    Objects.requireNonNull(model, "model");
    Map<String, Set<String>> relevantByUser = new LinkedHashMap<>();
    for (Interaction e : test) {
      if (relevant.test(e)) {
        relevantByUser.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.itemId());
      }
    }
    RecommendRequest request = RecommendRequest.builder().setK(k).setIncludeSeen(includeSeen).get();
    Interactions train = model.interactions();
    int users = 0;
    int skipped = 0;
    double p = 0;
    double r = 0;
    double g = 0;
    double m = 0;
    double h = 0;
    List<List<String>> lists = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : relevantByUser.entrySet()) {
      int u = train.userIndex(entry.getKey());
      if (u < 0) {
        skipped++;
        continue;
      }
      Set<String> rel = entry.getValue();
      if (!includeSeen) {
        int[] items = train.userItemArray();
        for (int j = train.userStart(u); j < train.userEnd(u); j++) {
          rel.remove(train.itemId(items[j]));
        }
        if (rel.isEmpty()) {
          continue;
        }
      }
      List<String> ranked = new ArrayList<>(k);
      for (Recommendation rec : model.recommend(entry.getKey(), request)) {
        ranked.add(rec.itemId());
      }
      users++;
      p += RankingMetrics.precision(ranked, rel, k);
      r += RankingMetrics.recall(ranked, rel, k);
      g += RankingMetrics.ndcg(ranked, rel, k);
      m += RankingMetrics.averagePrecision(ranked, rel, k);
      h += RankingMetrics.hitRate(ranked, rel, k);
      lists.add(ranked);
    }
    if (users == 0) {
      return new EvaluationResult(k, 0, skipped, 0, 0, 0, 0, 0, 0);
    }
    double coverage = RankingMetrics.coverage(lists, model.interactions().itemCount(), k);
    return new EvaluationResult(
        k, users, skipped, p / users, r / users, g / users, m / users, h / users, coverage);
  }

  /** Builds an {@link Evaluator}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private int k = 10;
    private Predicate<Interaction> relevant = e -> true;
    private boolean includeSeen;

    private Builder() {}

    /** The cut-off, at least 1. */
    public Builder setK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k (" + k + ") must be at least 1");
      }
      this.k = k;
      return this;
    }

    /**
     * Whether the lists may hold items the user already has in training; {@code false} by default,
     * which also leaves those items out of the relevant set.
     */
    public Builder setIncludeSeen(boolean includeSeen) {
      this.includeSeen = includeSeen;
      return this;
    }

    /** Which held-out events count as relevant; all by default. */
    public Builder setRelevant(Predicate<Interaction> relevant) {
      this.relevant = Objects.requireNonNull(relevant, "relevant");
      return this;
    }

    /** The configuration set so far. */
    public Evaluator get() {
      return new Evaluator(this);
    }
  }
}
