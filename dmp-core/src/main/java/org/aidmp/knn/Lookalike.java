package org.aidmp.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.aidmp.audience.Audience;
import org.ejml.data.FMatrixRMaj;

/**
 * Lookalike audiences: expands a seed audience to the users most similar to it, over a {@link
 * CosineIndex} of user profiles.
 *
 * <pre>{@code
 * Lookalike lookalike = Lookalike.builder()
 *     .setScoring(Lookalike.Scoring.NEAREST_SEED)
 *     .setTargetSize(50_000)              // and/or .setMinSimilarity(0.8)
 *     .setAllowed(consent::hasOptedIn)    // opted-out users never enter
 *     .get();
 * Audience audience = lookalike.expand(profileIndex, seedUserIds).named("lookalike-vip");
 * long atPoint9 = audience.reachAt(0.9);
 * Source export = audience.toSource();   // records of (user_id, score)
 * }</pre>
 *
 * <p>Every indexed user who is neither a seed nor refused by the allowed predicate is scored; the
 * predicate is checked before scoring. The audience is the best {@link #targetSize()} of them (ties
 * by id), or all of them at or above {@link #minSimilarity()}, or the best that many above the
 * threshold when both are set. Seed ids missing from the index are ignored and counted.
 */
public final class Lookalike {
  /** Candidates scored per batch: bounds the memory of one batch (at d = 64, 16 MB). */
  static final int CHUNK = 65_536;

  private final Scoring scoring;
  private final int targetSize;
  private final double minSimilarity;
  private final Predicate<String> allowed;
  private final int threads;

  private Lookalike(Builder b) {
    this.scoring = b.scoring;
    this.targetSize = b.targetSize;
    this.minSimilarity = b.minSimilarity;
    this.allowed = b.allowed;
    this.threads = b.threads;
    if (targetSize == 0 && Double.isNaN(minSimilarity)) {
      throw new IllegalArgumentException(
          "neither a target size nor a minimum similarity is set; set one or both");
    }
  }

  /** A new builder: nearest-seed scoring, no size or threshold yet, everyone allowed. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.scoring = scoring;
    b.targetSize = targetSize;
    b.minSimilarity = minSimilarity;
    b.allowed = allowed;
    b.threads = threads;
    return b;
  }

  /** How candidates are scored against the seeds. */
  public Scoring scoring() {
    return scoring;
  }

  /** The largest audience, or 0 for no limit. */
  public int targetSize() {
    return targetSize;
  }

  /** The lowest similarity admitted, or NaN for none. */
  public double minSimilarity() {
    return minSimilarity;
  }

  /** How a candidate is scored against the seed audience. */
  public enum Scoring {
    /**
     * Cosine to the most similar seed: finds users like any one seed, so a varied seed audience
     * keeps its variety. Costs candidates × seeds dot products.
     */
    NEAREST_SEED,
    /**
     * Cosine to the mean of the (normalised) seed vectors: finds users like the seed audience as a
     * whole; one dot product per candidate.
     */
    CENTROID
  }

  /**
   * Expands {@code seeds} over {@code index}: an audience named {@code "lookalike"} (rename it with
   * {@link Audience#named}), members best first (equal scores by id) with their similarity to the
   * seeds, and the similarity of every eligible user for reach and quantiles.
   *
   * @throws IllegalArgumentException if there are no seeds or none of them is in the index
   */
  public Audience expand(CosineIndex index, Collection<String> seeds) {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(seeds, "seeds");
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("the seed audience is empty; pass at least one user id");
    }
    Set<String> seedSet = new LinkedHashSet<>(seeds);
    List<String> known = new ArrayList<>();
    for (String s : seedSet) {
      if (index.contains(s)) {
        known.add(s);
      }
    }
    int unknown = seedSet.size() - known.size();
    if (known.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the "
              + seedSet.size()
              + " seed ids is in the index; index the seeds' profiles "
              + "first");
    }
    int d = index.dimension();
    CosineIndex seedIndex = CosineIndex.create(d);
    if (scoring == Scoring.CENTROID) {
      double[] sum = new double[d];
      for (String s : known) {
        float[] v = index.vector(s);
        for (int j = 0; j < d; j++) {
          sum[j] += v[j];
        }
      }
      float[] centroid = new float[d];
      for (int j = 0; j < d; j++) {
        centroid[j] = (float) (sum[j] / known.size());
      }
      seedIndex.put("centroid", centroid);
    } else {
      for (String s : known) {
        seedIndex.put(s, index.vector(s));
      }
    }
    SearchOptions top1 = SearchOptions.builder().setK(1).setThreads(threads).get();
    List<String> candIds = new ArrayList<>();
    FloatList candScores = new FloatList();
    index.forEachChunk(
        CHUNK,
        (ids, rows) -> {
          // Seeds and refused users are dropped before scoring, not after.
          int kept = 0;
          int[] keep = new int[ids.size()];
          for (int r = 0; r < ids.size(); r++) {
            String id = ids.get(r);
            if (!seedSet.contains(id) && allowed.test(id)) {
              keep[kept++] = r;
            }
          }
          FMatrixRMaj q = new FMatrixRMaj(kept, d);
          for (int c = 0; c < kept; c++) {
            System.arraycopy(rows.data, keep[c] * d, q.data, c * d, d);
          }
          List<List<Neighbor>> best = seedIndex.searchBatch(q, top1);
          for (int c = 0; c < kept; c++) {
            List<Neighbor> b = best.get(c);
            candIds.add(ids.get(keep[c]));
            // A zero profile (or a zero centroid) has no direction: similarity 0 by convention.
            candScores.add(b.isEmpty() ? 0f : b.get(0).score());
          }
        });
    int n = candIds.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] sc = candScores.toArray();
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Float.compare(sc[b], sc[a]);
          return c != 0 ? c : candIds.get(a).compareTo(candIds.get(b));
        });
    List<Audience.Member> members = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      int i = order[r];
      if ((targetSize > 0 && members.size() >= targetSize)
          || (!Double.isNaN(minSimilarity) && sc[i] < minSimilarity)) {
        break;
      }
      members.add(new Audience.Member(candIds.get(i), sc[i]));
    }
    double[] eligible = new double[n];
    for (int i = 0; i < n; i++) {
      eligible[i] = sc[i];
    }
    return Audience.builder("lookalike")
        .setMembers(members)
        .setEligibleScores(eligible)
        .setSeeds(known.size(), unknown)
        .setRule("lookalike, " + scoring + ", " + known.size() + " seeds")
        .get();
  }

  @Override
  public String toString() {
    return "Lookalike["
        + scoring
        + ", targetSize="
        + targetSize
        + ", minSimilarity="
        + minSimilarity
        + "]";
  }

  /** A growable float array. */
  private static final class FloatList {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    float[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /** Builds a {@link Lookalike}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private Scoring scoring = Scoring.NEAREST_SEED;
    private int targetSize;
    private double minSimilarity = Double.NaN;
    private Predicate<String> allowed = id -> true;
    private int threads = 1;

    private Builder() {}

    /** How candidates are scored; {@link Scoring#NEAREST_SEED} by default. */
    public Builder setScoring(Scoring scoring) {
      this.scoring = Objects.requireNonNull(scoring, "scoring");
      return this;
    }

    /** The largest audience, at least 1. */
    public Builder setTargetSize(int targetSize) {
      if (targetSize < 1) {
        throw new IllegalArgumentException("target size (" + targetSize + ") must be at least 1");
      }
      this.targetSize = targetSize;
      return this;
    }

    /** Admits only candidates of at least this cosine similarity, in [-1, 1]. */
    public Builder setMinSimilarity(double minSimilarity) {
      if (!(minSimilarity >= -1 && minSimilarity <= 1)) {
        throw new IllegalArgumentException(
            "minimum similarity (" + minSimilarity + ") must be between -1 and 1, such as 0.8");
      }
      this.minSimilarity = minSimilarity;
      return this;
    }

    /** Only users this predicate accepts (consent) can join the audience. */
    public Builder setAllowed(Predicate<String> allowed) {
      this.allowed = Objects.requireNonNull(allowed, "allowed");
      return this;
    }

    /** Threads for scoring, at least 1. */
    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /**
     * The configuration set so far.
     *
     * @throws IllegalArgumentException if neither a target size nor a minimum similarity is set
     */
    public Lookalike get() {
      return new Lookalike(this);
    }
  }
}
