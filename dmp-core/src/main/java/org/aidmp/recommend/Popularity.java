package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The popularity trainer behind {@link RecommenderTrainer#popularity()} and {@link
 * RecommenderTrainer#popularity(Function)}, which document it: item weight sums, globally and per
 * segment when a segment function is given.
 */
final class Popularity implements RecommenderTrainer {
  /** Global popularity. */
  static final Popularity GLOBAL = new Popularity(null);

  private final Function<String, Integer> segments;

  /**
   * @param segments the user → segment function, or {@code null} for global popularity
   */
  Popularity(Function<String, Integer> segments) {
    this.segments = segments;
  }

  /** The user → segment function, or {@code null} for global popularity. */
  Function<String, Integer> segments() {
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
}
