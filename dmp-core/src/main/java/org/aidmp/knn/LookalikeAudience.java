package org.aidmp.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/**
 * The result of a {@link Lookalike} expansion: the members best first, the distribution of the
 * similarity over every eligible candidate, and reach at any threshold.
 *
 * <pre>{@code
 * LookalikeAudience a = lookalike.expand(index, seeds);
 * System.out.println(a.size() + " users, median similarity " + a.quantile(0.5));
 * long reach = a.reachAt(0.75);     // how many would qualify at 0.75
 * sink.write(a.toSource());
 * }</pre>
 */
public final class LookalikeAudience {
  /** The schema of {@link #toSource()}: {@code user_id} (string), {@code score} (double). */
  public static final Schema SCHEMA =
      Schema.builder().add("user_id", ColumnType.STRING).add("score", ColumnType.DOUBLE).build();

  private final List<Neighbor> members;
  private final int seeds;
  private final int unknownSeeds;
  private final Lookalike.Scoring scoring;
  private final float[] eligibleScores;

  LookalikeAudience(
      List<Neighbor> members,
      int seeds,
      int unknownSeeds,
      Lookalike.Scoring scoring,
      float[] sortedEligibleScores) {
    this.members = List.copyOf(members);
    this.seeds = seeds;
    this.unknownSeeds = unknownSeeds;
    this.scoring = scoring;
    this.eligibleScores = sortedEligibleScores;
  }

  /** The members with their similarity to the seeds, best first (equal scores by id). */
  public List<Neighbor> members() {
    return members;
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  /** The seeds found in the index. */
  public int seedCount() {
    return seeds;
  }

  /** The seed ids that were not in the index and were ignored. */
  public int unknownSeedCount() {
    return unknownSeeds;
  }

  /** How the members were scored. */
  public Lookalike.Scoring scoring() {
    return scoring;
  }

  /** The number of users that were scored: indexed, not seeds, allowed. */
  public int eligibleCount() {
    return eligibleScores.length;
  }

  /**
   * Reach: how many eligible users have a similarity of at least {@code similarity}. Exact for this
   * index at the time of the expansion; an estimate of future reach.
   */
  public long reachAt(double similarity) {
    // first index whose score is >= similarity, in the ascending array
    int lo = 0;
    int hi = eligibleScores.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (eligibleScores[mid] < similarity) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return eligibleScores.length - lo;
  }

  /**
   * A quantile of the members' scores (0 the lowest, 1 the highest, nearest rank); NaN for an empty
   * audience.
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
   * A histogram of the similarity of all eligible users: {@code bins} equal bins over [-1, 1], the
   * last one closed.
   */
  public long[] histogram(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins (" + bins + ") must be at least 1");
    }
    long[] h = new long[bins];
    for (float s : eligibleScores) {
      int b = (int) Math.floor((s + 1) / 2 * bins);
      h[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return h;
  }

  /** The members as records of (user_id, score), best first, for a sink or an export. */
  public Source toSource() {
    List<Record> rows = new ArrayList<>(members.size());
    for (Neighbor n : members) {
      rows.add(Record.of(SCHEMA, n.id(), (double) n.score()));
    }
    return Source.of(
        SCHEMA,
        "lookalike audience (" + scoring + ", " + seeds + " seeds, " + members.size() + " users)",
        rows);
  }

  @Override
  public String toString() {
    return "LookalikeAudience["
        + members.size()
        + " users from "
        + seeds
        + " seeds, "
        + scoring
        + ", eligible "
        + eligibleScores.length
        + ", quantiles "
        + (members.isEmpty()
            ? "none"
            : Arrays.toString(new double[] {quantile(0), quantile(0.5), quantile(1)}))
        + "]";
  }
}
