package org.aidmp.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.aidmp.audience.Audience;

/**
 * Audiences by score: the top share of users (the top decile) or every user above a threshold,
 * after a consent filter, and only when the audience has at least a minimum number of distinct
 * users (smaller groups are suppressed, as exports require).
 *
 * <pre>{@code
 * ScoreAudience rule = ScoreAudience.builder().setMinGroupSize(50).setConsent(consented::contains).get();
 * Audience top = rule.top(ids, model.score(matrix), 0.10).named("top-decile");
 * if (!top.suppressed()) export(top.userIds());
 * Audience likely = rule.above(result.scores("propensity").orElseThrow(), 0.5);
 * }</pre>
 */
public final class ScoreAudience {
  /** Minimum group size 50, everyone consents. */
  public static final ScoreAudience DEFAULT = new Builder().get();

  private final int minGroupSize;
  private final Predicate<String> consent;

  private ScoreAudience(Builder b) {
    this.minGroupSize = b.minGroupSize;
    this.consent = b.consent;
  }

  /** A builder with the defaults of {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The fewest distinct users an audience may have. */
  public int minGroupSize() {
    return minGroupSize;
  }

  /**
   * The users with the highest scores: {@code ceil(share × eligible)} of them, ties broken by
   * position, each once with their score. The audience is named {@code "top-<share>"}; its {@link
   * Audience#cutoff()} is the lowest score taken, its {@link Audience#eligibleCount()} the users
   * that passed consent and had a score, and it is {@link Audience#suppressed()} below the minimum
   * group size.
   *
   * @param ids one id per score; not modified
   * @param scores NaN scores are left out; not modified
   * @param share in (0, 1]; 0.1 for the top decile
   */
  public Audience top(List<String> ids, double[] scores, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(
          "share (" + share + ") must be in (0, 1]; 0.1 is the top decile");
    }
    Integer[] order = eligible(ids, scores);
    int take = (int) Math.ceil(share * order.length);
    return audience(
        "top-" + share, "top share " + share, ids, scores, Arrays.copyOf(order, take), order);
  }

  /**
   * Every eligible user scoring at least {@code threshold}, highest first, as {@link #top(List,
   * double[], double)} describes; named {@code "above-<threshold>"}.
   */
  public Audience above(List<String> ids, double[] scores, double threshold) {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold is NaN");
    }
    Integer[] order = eligible(ids, scores);
    int take = 0;
    while (take < order.length && scores[order[take]] >= threshold) {
      take++;
    }
    return audience(
        "above-" + threshold,
        "scores at or above " + threshold,
        ids,
        scores,
        Arrays.copyOf(order, take),
        order);
  }

  /**
   * The users of a score table with the highest scores, as {@link #top(List, double[], double)}
   * does, named {@code "<table>-top-<share>"}; users forgotten in the table are never chosen.
   */
  public Audience top(Scores scores, double share) {
    Scores.Table t = Objects.requireNonNull(scores, "scores").table();
    return top(t.ids(), t.values(), share).named(scores.name() + "-top-" + share);
  }

  /**
   * Every user of a score table scoring at least {@code threshold}, as {@link #above(List,
   * double[], double)} does, named {@code "<table>-above-<threshold>"}; users forgotten in the
   * table are never chosen.
   */
  public Audience above(Scores scores, double threshold) {
    Scores.Table t = Objects.requireNonNull(scores, "scores").table();
    return above(t.ids(), t.values(), threshold).named(scores.name() + "-above-" + threshold);
  }

  private Integer[] eligible(List<String> ids, double[] scores) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(scores, "scores");
    if (ids.size() != scores.length) {
      throw new IllegalArgumentException(
          "ids (" + ids.size() + ") and scores (" + scores.length + ") differ in number");
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      String id = ids.get(i);
      if (id != null && !Double.isNaN(scores[i]) && consent.test(id)) {
        keep.add(i);
      }
    }
    Integer[] order = keep.toArray(new Integer[0]);
    Arrays.sort(
        order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
    return order;
  }

  private Audience audience(
      String name,
      String rule,
      List<String> ids,
      double[] scores,
      Integer[] chosen,
      Integer[] eligible) {
    Set<String> distinct = new HashSet<>();
    List<Audience.Member> out = new ArrayList<>();
    for (int i : chosen) {
      if (distinct.add(ids.get(i))) {
        out.add(new Audience.Member(ids.get(i), scores[i]));
      }
    }
    double[] eligibleScores = new double[eligible.length];
    for (int e = 0; e < eligible.length; e++) {
      eligibleScores[e] = scores[eligible[e]];
    }
    return Audience.builder(name)
        .setMembers(out)
        .setEligibleScores(eligibleScores)
        .setMinGroupSize(minGroupSize)
        .setRule(rule)
        .get();
  }

  /** Builds a {@link ScoreAudience}. */
  public static final class Builder {
    private int minGroupSize = 50;
    private Predicate<String> consent = id -> true;

    private Builder() {}

    /** The fewest distinct users an audience may have, at least 1. */
    public Builder setMinGroupSize(int minGroupSize) {
      if (minGroupSize < 1) {
        throw new IllegalArgumentException(
            "minGroupSize (" + minGroupSize + ") must be at least 1");
      }
      this.minGroupSize = minGroupSize;
      return this;
    }

    /** Which users may be targeted; others never enter an audience. */
    public Builder setConsent(Predicate<String> consent) {
      this.consent = Objects.requireNonNull(consent, "consent");
      return this;
    }

    /** The rule. */
    public ScoreAudience get() {
      return new ScoreAudience(this);
    }
  }
}
