package org.aidmp.feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommendation;

/**
 * The most popular items of a segment: the non-personalised answer, for users the recommender does
 * not know and for users without consent to personalisation. Segment −1 means "no segment" and
 * gives overall popularity.
 *
 * <pre>{@code
 * SegmentPopularity p = SegmentPopularity.of(interactions, trainingSegmentOf::get);
 * List<Recommendation> top = p.top(3, 10);
 * }</pre>
 */
@FunctionalInterface
public interface SegmentPopularity {
  /** Up to {@code n} items of segment {@code segment} (−1: all users), most popular first. */
  List<Recommendation> top(int segment, int n);

  /**
   * Popular items per segment, counted once from the interactions with each user's training segment
   * ({@code null} for none): an item's score is the sum of its interaction weights, ties broken by
   * item id. Segment −1 and segments with no interactions get global popularity.
   */
  static SegmentPopularity of(Interactions x, Function<String, Integer> trainingSegments) {
    Objects.requireNonNull(x, "interactions");
    Objects.requireNonNull(trainingSegments, "trainingSegments");
    float[] global = new float[x.itemCount()];
    Map<Integer, float[]> bySegment = new HashMap<>();
    int[] items = x.userItemArray();
    float[] values = x.userValueArray();
    for (int u = 0; u < x.userCount(); u++) {
      Integer s = trainingSegments.apply(x.userId(u));
      float[] seg = s == null ? null : bySegment.computeIfAbsent(s, k -> new float[global.length]);
      for (int e = x.userStart(u); e < x.userEnd(u); e++) {
        global[items[e]] += values[e];
        if (seg != null) {
          seg[items[e]] += values[e];
        }
      }
    }
    List<Recommendation> globalRanking = rank(x, global);
    Map<Integer, List<Recommendation>> rankings = new HashMap<>();
    bySegment.forEach((s, counts) -> rankings.put(s, rank(x, counts)));
    return (segment, n) -> {
      List<Recommendation> r = rankings.getOrDefault(segment, globalRanking);
      return r.subList(0, Math.min(n, r.size()));
    };
  }

  private static List<Recommendation> rank(Interactions x, float[] counts) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        order.add(i);
      }
    }
    order.sort(Comparator.<Integer>comparingDouble(i -> -counts[i]).thenComparing(x::itemId));
    List<Recommendation> out = new ArrayList<>(order.size());
    for (int i : order) {
      out.add(new Recommendation(x.itemId(i), counts[i], List.of()));
    }
    return List.copyOf(out);
  }
}
