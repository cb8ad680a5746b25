package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Recommends what is popular, globally or within the user's segment: the cold-start fallback, which
 * needs no history for the user.
 *
 * <pre>{@code
 * Recommender global = Popularity.builder().get().fit(interactions);
 * Recommender bySegment = Popularity.builder()
 *     .setSegments(segmentation::segmentOf)    // userId -> segment, or null if none
 *     .get().fit(interactions);
 * bySegment.recommend("new-user", 10);        // unknown users are fine
 * }</pre>
 *
 * <p>An item's popularity is the sum of its interaction weights (with unit weights, the number of
 * users who interacted). With segments, a user whose segment is unknown ({@code null}) or has no
 * interactions gets the global ranking.
 */
public final class Popularity implements RecommenderTrainer {
  /** Global popularity. */
  public static final Popularity DEFAULT = new Builder().get();

  private final Function<String, Integer> segments;

  private Popularity(Builder b) {
    this.segments = b.segments;
  }

  /** A builder for global popularity. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.segments = segments;
    return b;
  }

  /** The user → segment function, or {@code null} for global popularity. */
  public Function<String, Integer> segments() {
    return segments;
  }

  @Override
  public Recommender fit(Interactions x) {
    Objects.requireNonNull(x, "interactions");
    if (x.nonZeros() == 0) {
      throw new IllegalArgumentException("no interactions to count; add events first");
    }
    float[] global = new float[x.itemCount()];
    Map<Integer, float[]> bySegment = new HashMap<>();
    int[] items = x.userItemArray();
    float[] values = x.userValueArray();
    for (int u = 0; u < x.userCount(); u++) {
      float[] seg = null;
      if (segments != null) {
        Integer s = segments.apply(x.userId(u));
        if (s != null) {
          seg = bySegment.computeIfAbsent(s, k -> new float[x.itemCount()]);
        }
      }
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        global[items[e]] += values[e];
        if (seg != null) {
          seg[items[e]] += values[e];
        }
      }
    }
    return new Model(x, global, bySegment, segments);
  }

  @Override
  public String toString() {
    return segments == null ? "Popularity[global]" : "Popularity[per segment]";
  }

  private static final class Model implements Recommender {
    private final Interactions x;
    private final float[] global;
    private final Map<Integer, float[]> bySegment;
    private final Function<String, Integer> segments;

    Model(
        Interactions x,
        float[] global,
        Map<Integer, float[]> bySegment,
        Function<String, Integer> segments) {
      this.x = x;
      this.global = global;
      this.bySegment = bySegment;
      this.segments = segments;
    }

    @Override
    public Interactions interactions() {
      return x;
    }

    private Integer segmentOf(String userId) {
      if (segments == null) {
        return null;
      }
      Integer s = segments.apply(userId);
      return s != null && bySegment.containsKey(s) ? s : null;
    }

    @Override
    public boolean knows(String userId) {
      return true;
    }

    @Override
    public void score(String userId, float[] out) {
      Objects.requireNonNull(userId, "userId");
      Integer s = segmentOf(userId);
      float[] counts = s == null ? global : bySegment.get(s);
      System.arraycopy(counts, 0, out, 0, counts.length);
    }

    @Override
    public List<Contribution> explain(String userId, String itemId, int limit) {
      int i = x.itemIndex(itemId);
      if (i < 0) {
        throw new IllegalArgumentException("unknown item id; it has no interactions");
      }
      Integer s = segmentOf(userId);
      float v = s == null ? global[i] : bySegment.get(s)[i];
      List<Contribution> out = new ArrayList<>(1);
      if (limit > 0) {
        out.add(
            new Contribution(
                Contribution.Kind.POPULARITY, s == null ? "global" : "segment " + s, v));
      }
      return out;
    }
  }

  /** Builds {@link Popularity}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private Function<String, Integer> segments;

    private Builder() {}

    /**
     * Ranks by popularity within the user's segment; {@code segmentOf} returns a segment for a user
     * id, or {@code null} when the user has none. {@code null} restores global popularity.
     */
    public Builder setSegments(Function<String, Integer> segmentOf) {
      this.segments = segmentOf;
      return this;
    }

    /** The configuration set so far. */
    public Popularity get() {
      return new Popularity(this);
    }
  }
}
