package org.aidmp.feedback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;

/**
 * Each user's last recommendations, kept in the live table beside their row and valid while the
 * user has no newer event. Personal lists come from a batch {@link Recommender} for users it was
 * fitted on and who consent to personalisation; everyone else gets their segment's popular items.
 * The recommender runs outside every lock; its answer is cached only if the user had no event and
 * nobody was forgotten meanwhile.
 */
final class RecommendationCache {
  private final ProfileStore store;
  private final LiveStore hooks;
  private final LiveTable live;
  private final Recommender recommender;
  private final SegmentPopularity popularity;
  private final Predicate<String> personalisation;
  private final int segmentSlots;
  private final DriftingCentroids centroids;

  /** Grows with every forgotten or revoked user: an answer computed across one is not cached. */
  final AtomicLong forgets = new AtomicLong();

  RecommendationCache(
      ProfileStore store,
      LiveTable live,
      Recommender recommender,
      SegmentPopularity popularity,
      Predicate<String> personalisation,
      int segmentSlots,
      DriftingCentroids centroids) {
    this.store = store;
    this.hooks = LiveStore.of(store);
    this.live = live;
    this.recommender = recommender;
    this.popularity = popularity;
    this.personalisation = personalisation;
    this.segmentSlots = segmentSlots;
    this.centroids = centroids;
  }

  /** What was read under the user's lock. */
  private record Seen(Recommendations cached, int segment, long modelVersion, long events) {}

  Recommendations recommendations(String userId, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n (" + n + ") must be at least 1");
    }
    long forgetsBefore = forgets.get();
    Seen seen =
        hooks.read(
            userId,
            view -> {
              int slot = view.slot();
              LiveTable.Page p = live.existing(slot);
              if (p == null
                  || p.meta[(slot & LiveTable.MASK) * LiveTable.META] == LiveTable.ABSENT) {
                return null;
              }
              Recommendations r = p.recs[slot & LiveTable.MASK];
              boolean fresh =
                  r != null
                      && r.userVersion() == view.events()
                      && LiveTable.recsAsked(p, slot) >= n;
              return new Seen(
                  fresh ? r : null,
                  LiveTable.segment(p, slot),
                  LiveTable.modelVersion(p, slot),
                  view.events());
            });
    if (seen == null) {
      return new Recommendations(userId, -1, popular(-1, n), true, centroids.model().version, 0);
    }
    boolean personal = personalisation.test(userId);
    if (seen.cached != null && (personal || seen.cached.coldStart())) {
      Recommendations r = seen.cached;
      return r.items().size() <= n
          ? r
          : new Recommendations(
              userId,
              r.segment(),
              r.items().subList(0, n),
              r.coldStart(),
              r.modelVersion(),
              r.userVersion());
    }
    List<Recommendation> items = personal ? personal(userId, seen.segment, n) : List.of();
    boolean cold = items.isEmpty();
    if (cold) {
      items = popular(seen.segment, n);
    }
    Recommendations r =
        new Recommendations(userId, seen.segment, items, cold, seen.modelVersion, seen.events);
    hooks.read(
        userId,
        view -> {
          int slot = view.slot();
          LiveTable.Page p = live.existing(slot);
          if (p != null
              && p.meta[(slot & LiveTable.MASK) * LiveTable.META] != LiveTable.ABSENT
              && view.events() == seen.events
              && forgets.get() == forgetsBefore) {
            LiveTable.cacheRecs(p, slot, r, n);
          }
          return null;
        });
    return r;
  }

  /** Whether the user's cached recommendations are stale or missing. */
  boolean stale(String userId) {
    Boolean fresh =
        hooks.read(
            userId,
            view -> {
              int slot = view.slot();
              LiveTable.Page p = live.existing(slot);
              if (p == null
                  || p.meta[(slot & LiveTable.MASK) * LiveTable.META] == LiveTable.ABSENT) {
                return false;
              }
              Recommendations r = p.recs[slot & LiveTable.MASK];
              return r != null && r.userVersion() == view.events();
            });
    return fresh == null || !fresh;
  }

  private List<Recommendation> popular(int segment, int n) {
    return popularity == null ? List.of() : popularity.top(segment, n);
  }

  /**
   * The recommender's list, with the last {@code segmentSlots} places given to what is popular in
   * the user's current segment (items not already listed), so a user who moves segment sees the
   * list change at once though the personal model is the batch one.
   */
  private List<Recommendation> personal(String userId, int segment, int n) {
    if (recommender == null || recommender.interactions().userIndex(userId) < 0) {
      return List.of();
    }
    List<Recommendation> mine = recommender.recommend(userId, n);
    if (mine.isEmpty() || segmentSlots == 0 || popularity == null) {
      return mine;
    }
    int keep = Math.max(0, n - segmentSlots);
    List<Recommendation> out = new ArrayList<>(mine.subList(0, Math.min(keep, mine.size())));
    Set<String> listed = new HashSet<>();
    for (Recommendation r : mine) {
      listed.add(r.itemId());
    }
    for (Recommendation r : popularity.top(segment, n + out.size())) {
      if (out.size() >= n) {
        break;
      }
      if (listed.add(r.itemId())) {
        out.add(r);
      }
    }
    for (Recommendation r : mine.subList(Math.min(keep, mine.size()), mine.size())) {
      if (out.size() >= n) {
        break;
      }
      out.add(r);
    }
    return List.copyOf(out);
  }
}
