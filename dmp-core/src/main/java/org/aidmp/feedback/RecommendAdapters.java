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
 * Adapters from the batch recommenders of {@code org.aidmp.recommend} to the live updater's {@link
 * Recommender} and {@link SegmentPopularity}.
 *
 * <pre>{@code
 * Recommender personal = RecommendAdapters.personal(itemKnnModel);
 * SegmentPopularity cold = RecommendAdapters.popularity(interactions, labelsByUser::get);
 * builder.setRecommender(personal).setPopularity(cold);
 * }</pre>
 */
public final class RecommendAdapters {
  private RecommendAdapters() {}

  /**
   * Personal recommendations from a fitted model; users the model was not fitted on get an empty
   * list, so the updater falls back to their segment's popular items.
   */
  public static Recommender personal(org.aidmp.recommend.Recommender model) {
    Objects.requireNonNull(model, "model");
    return (userId, segment, n) -> {
      if (model.interactions().userIndex(userId) < 0) {
        return List.of();
      }
      List<Recommendation> recs = model.recommend(userId, n);
      List<String> ids = new ArrayList<>(recs.size());
      for (Recommendation r : recs) {
        ids.add(r.itemId());
      }
      return ids;
    };
  }

  /**
   * Personal recommendations with the last {@code segmentSlots} places given to what is popular in
   * the user's current segment (items not already listed), so a user who moves segment sees their
   * list change at once even though the personal model is the batch one. Falls back to pure segment
   * popularity when the personal list is empty.
   */
  public static Recommender blend(
      Recommender personal, SegmentPopularity popular, int segmentSlots) {
    Objects.requireNonNull(personal, "personal");
    Objects.requireNonNull(popular, "popular");
    if (segmentSlots < 0) {
      throw new IllegalArgumentException("segmentSlots (" + segmentSlots + ") is negative");
    }
    return (userId, segment, n) -> {
      List<String> mine = personal.recommend(userId, segment, n);
      if (mine.isEmpty()) {
        return List.of();
      }
      int keep = Math.max(0, n - segmentSlots);
      java.util.LinkedHashSet<String> out =
          new java.util.LinkedHashSet<>(mine.subList(0, Math.min(keep, mine.size())));
      for (String item : popular.top(segment, n + out.size())) {
        if (out.size() >= n) {
          break;
        }
        if (!mine.contains(item)) {
          out.add(item);
        }
      }
      for (String item : mine) {
        if (out.size() >= n) {
          break;
        }
        out.add(item);
      }
      return List.copyOf(out);
    };
  }

  /**
   * Popular items per segment, counted once from the interactions with each user's training segment
   * ({@code null} for none): an item's popularity is the sum of its interaction weights, ties
   * broken by item id. Segment −1 and segments with no interactions get global popularity.
   */
  public static SegmentPopularity popularity(
      Interactions x, Function<String, Integer> trainingSegments) {
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
    List<String> globalRanking = rank(x, global);
    Map<Integer, List<String>> rankings = new HashMap<>();
    bySegment.forEach((s, counts) -> rankings.put(s, rank(x, counts)));
    return (segment, n) -> {
      List<String> r = rankings.getOrDefault(segment, globalRanking);
      return r.subList(0, Math.min(n, r.size()));
    };
  }

  private static List<String> rank(Interactions x, float[] counts) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        order.add(i);
      }
    }
    order.sort(Comparator.<Integer>comparingDouble(i -> -counts[i]).thenComparing(x::itemId));
    List<String> ids = new ArrayList<>(order.size());
    for (int i : order) {
      ids.add(x.itemId(i));
    }
    return List.copyOf(ids);
  }
}
