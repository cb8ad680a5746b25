package org.aidmp.audience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/**
 * A named group of users to act on or export: a segment, a lookalike expansion or the top scorers
 * of a model. The members come best first with a score each (similarity, probability; NaN for
 * none), and the audience keeps the scores of everyone the rule that chose it considered, so that
 * reach at another threshold, quantiles and a histogram can be read off it.
 *
 * <pre>{@code
 * Audience look = lookalike.expand(index, seeds).named("lookalike-vip");
 * long reach = look.reachAt(0.75);     // how many would qualify at 0.75
 * Audience top = ScoreAudience.DEFAULT.top(propensity, 0.10).named("top-decile");
 * Audience segment = Audience.of("segment-3", List.of("u1", "u7", "u9"));
 * }</pre>
 *
 * <p>A rule with a minimum group size (see {@link Builder#setMinGroupSize}) <em>suppresses</em> an
 * audience of fewer distinct users: it then has no members, {@link #suppressed()} is true and
 * {@link #distinctUsers()} still says how many users were chosen. Immutable; {@link #toString()}
 * never shows a member.
 */
public final class Audience {
  /** The schema of {@link #toSource()}: {@code user_id} (string), {@code score} (double). */
  public static final Schema SCHEMA =
      Schema.builder().add("user_id", ColumnType.STRING).add("score", ColumnType.DOUBLE).build();

  /**
   * One member of an audience.
   *
   * @param userId the user's (possibly pseudonymised) identifier
   * @param score how strongly the user belongs (similarity, probability); NaN if none
   */
  public record Member(String userId, double score) {
    /** Checks the id. */
    public Member {
      Objects.requireNonNull(userId, "userId");
    }

    /** Shows the score only: ids may be personal data. */
    @Override
    public String toString() {
      return "Member[score=" + score + "]";
    }
  }

  private final String name;
  private final List<Member> members;
  private final double[] eligibleScores;
  private final int chosenUsers;
  private final double cutoff;
  private final boolean suppressed;
  private final int seedCount;
  private final int unknownSeedCount;
  private final String rule;

  private Audience(Builder b) {
    this.name = b.name;
    this.rule = b.rule;
    this.seedCount = b.seedCount;
    this.unknownSeedCount = b.unknownSeedCount;
    List<Member> chosen = b.members;
    Set<String> distinct = new HashSet<>();
    double low = Double.NaN;
    for (Member m : chosen) {
      distinct.add(m.userId());
      if (!Double.isNaN(m.score()) && !(m.score() >= low)) {
        low = m.score();
      }
    }
    this.chosenUsers = distinct.size();
    this.cutoff = low;
    this.suppressed = distinct.size() < b.minGroupSize;
    this.members = suppressed ? List.of() : chosen;
    double[] eligible = b.eligibleScores == null ? null : b.eligibleScores.clone();
    if (eligible == null) {
      eligible = chosen.stream().mapToDouble(Member::score).filter(s -> !Double.isNaN(s)).toArray();
    }
    Arrays.sort(eligible);
    this.eligibleScores = eligible;
  }

  private Audience(Audience from, String name) {
    this.name = name;
    this.members = from.members;
    this.eligibleScores = from.eligibleScores;
    this.chosenUsers = from.chosenUsers;
    this.cutoff = from.cutoff;
    this.suppressed = from.suppressed;
    this.seedCount = from.seedCount;
    this.unknownSeedCount = from.unknownSeedCount;
    this.rule = from.rule;
  }

  /** An audience without scores, such as a segment, in the order given. */
  public static Audience of(String name, List<String> userIds) {
    Objects.requireNonNull(userIds, "userIds");
    return builder(name)
        .setMembers(userIds.stream().map(u -> new Member(u, Double.NaN)).toList())
        .get();
  }

  /** An audience of the given members, in the order given. */
  public static Audience ofMembers(String name, List<Member> members) {
    return builder(name).setMembers(members).get();
  }

  /** A builder, for rules that choose audiences: the members and what the rule saw. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The same audience under another name, for an export. */
  public Audience named(String name) {
    return new Audience(this, checkName(name));
  }

  /** The group's name, written in every exported row. */
  public String name() {
    return name;
  }

  /** The members, best first (in the order given for a plain list); empty when suppressed. */
  public List<Member> members() {
    return members;
  }

  /** The members' ids, in member order. */
  public List<String> userIds() {
    return members.stream().map(Member::userId).toList();
  }

  /** The number of members listed, duplicates included. */
  public int size() {
    return members.size();
  }

  /**
   * The number of distinct users chosen: what a minimum group size is checked against, so that a
   * user listed many times counts once. For a suppressed audience, the users it would have had.
   */
  public int distinctUsers() {
    return chosenUsers;
  }

  /** Whether the audience had fewer distinct users than its rule's minimum and was emptied. */
  public boolean suppressed() {
    return suppressed;
  }

  /** The lowest member score (before any suppression); NaN if no member has a score. */
  public double cutoff() {
    return cutoff;
  }

  /**
   * The number of users the rule scored and could have chosen (indexed users that are not seeds and
   * are allowed; users with consent and a score). For an audience given as a list, its members with
   * a score.
   */
  public int eligibleCount() {
    return eligibleScores.length;
  }

  /** The seed users found, for an audience grown from seeds; 0 otherwise. */
  public int seedCount() {
    return seedCount;
  }

  /** The seed ids that were unknown and ignored, for an audience grown from seeds; 0 otherwise. */
  public int unknownSeedCount() {
    return unknownSeedCount;
  }

  /**
   * Reach: how many eligible users score at least {@code score}. Exact for the data the rule saw;
   * an estimate of future reach.
   */
  public long reachAt(double score) {
    // first index whose score is >= score, in the ascending array
    int lo = 0;
    int hi = eligibleScores.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (eligibleScores[mid] < score) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return eligibleScores.length - lo;
  }

  /**
   * A quantile of the members' scores (0 the lowest, 1 the highest, nearest rank, members taken
   * best first); NaN for an empty audience.
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile (" + q + ") must be between 0 and 1");
    }
    if (members.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.round((1 - q) * (members.size() - 1));
    return members.get(rank).score();
  }

  /**
   * A histogram of the scores of all eligible users: {@code bins} equal bins over [{@code min},
   * {@code max}], the last one closed; scores outside go to the first or last bin. Similarities
   * span [-1, 1], probabilities [0, 1].
   */
  public long[] histogram(int bins, double min, double max) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins (" + bins + ") must be at least 1");
    }
    if (!(min < max) || Double.isInfinite(max - min)) {
      throw new IllegalArgumentException(
          "the range [" + min + ", " + max + "] is empty or not finite; use [-1, 1] or [0, 1]");
    }
    long[] h = new long[bins];
    for (double s : eligibleScores) {
      int b = (int) Math.floor((s - min) / (max - min) * bins);
      h[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return h;
  }

  /** The members as records of (user_id, score), in member order, for a sink or an export. */
  public Source toSource() {
    List<Record> rows = new ArrayList<>(members.size());
    for (Member m : members) {
      rows.add(Record.of(SCHEMA, m.userId(), m.score()));
    }
    return Source.of(SCHEMA, description(), rows);
  }

  private String description() {
    return "audience '" + name + "' (" + (rule.isEmpty() ? "" : rule + ", ") + size() + " users)";
  }

  /** Names the group, its rule and its size, never its members. */
  @Override
  public String toString() {
    return "Audience["
        + name
        + ", "
        + members.size()
        + " members"
        + (rule.isEmpty() ? "" : ", " + rule)
        + (suppressed ? ", suppressed (" + chosenUsers + " users chosen)" : "")
        + (eligibleScores.length == 0 ? "" : ", eligible " + eligibleScores.length)
        + "]";
  }

  private static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("audience name is blank; name every group");
    }
    return name;
  }

  /**
   * What a rule chose and saw; {@link #get()} never changes the builder.
   *
   * <pre>{@code
   * Audience a = Audience.builder("churn-risk")
   *     .setMembers(members).setEligibleScores(allScores).setMinGroupSize(50)
   *     .setRule("score >= 0.8").get();
   * }</pre>
   */
  public static final class Builder {
    private final String name;
    private List<Member> members = List.of();
    private double[] eligibleScores;
    private int minGroupSize;
    private int seedCount;
    private int unknownSeedCount;
    private String rule = "";

    private Builder(String name) {
      this.name = checkName(name);
    }

    /** The members, best first; copied. */
    public Builder setMembers(List<Member> members) {
      this.members = List.copyOf(members);
      return this;
    }

    /**
     * The scores of every user the rule considered, members included (default: the members' own
     * scores); NaN scores are left out. Copied, not modified.
     */
    public Builder setEligibleScores(double[] scores) {
      this.eligibleScores =
          Arrays.stream(Objects.requireNonNull(scores, "scores"))
              .filter(s -> !Double.isNaN(s))
              .toArray();
      return this;
    }

    /**
     * The fewest distinct users the audience may have (default 0, no minimum); a smaller audience
     * is suppressed.
     */
    public Builder setMinGroupSize(int minGroupSize) {
      if (minGroupSize < 0) {
        throw new IllegalArgumentException(
            "minGroupSize (" + minGroupSize + ") is negative; use 0 for no minimum");
      }
      this.minGroupSize = minGroupSize;
      return this;
    }

    /** For an audience grown from seeds: how many were found, how many were unknown. */
    public Builder setSeeds(int found, int unknown) {
      if (found < 0 || unknown < 0) {
        throw new IllegalArgumentException(
            "seed counts (" + found + " found, " + unknown + " unknown) must not be negative");
      }
      this.seedCount = found;
      this.unknownSeedCount = unknown;
      return this;
    }

    /**
     * How the audience was chosen, in a few words without user data ({@code "lookalike, CENTROID,
     * 12 seeds"}); shown by {@code toString} and the source's description.
     */
    public Builder setRule(String rule) {
      this.rule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /** The audience. */
    public Audience get() {
      return new Audience(this);
    }
  }
}
