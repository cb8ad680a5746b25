package org.aidmp.feedback;

import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.live.LiveStore;

/**
 * Forgetting and revocation for the live path: what the updater keeps for a user (live row and
 * segment, cached recommendations, queued segment changes, pending drift) is cleared with the
 * user's lock held, whether the erasure came through the updater or straight to the store, and
 * likewise when a retention pass of the store trims or empties a user.
 */
final class LiveErasure {
  private final ProfileStore store;
  private final LiveStore hooks;
  private final LiveTable live;
  private final DriftingCentroids centroids;
  private final ListenerDispatch dispatch;
  private final RecommendationCache recs;
  private final FeedbackCounters counters;
  private final boolean drift;

  /** Entries cleared by this thread's calls of {@link #cleared}, read back by forget and revoke. */
  private final ThreadLocal<long[]> tally = ThreadLocal.withInitial(() -> new long[1]);

  LiveErasure(
      ProfileStore store,
      LiveTable live,
      DriftingCentroids centroids,
      ListenerDispatch dispatch,
      RecommendationCache recs,
      FeedbackCounters counters,
      boolean drift) {
    this.store = store;
    this.hooks = LiveStore.of(store);
    this.live = live;
    this.centroids = centroids;
    this.dispatch = dispatch;
    this.recs = recs;
    this.counters = counters;
    this.drift = drift;
    hooks.addForgetListener(this::cleared);
    // A user trimmed by retention keeps a profile, but their live row, segment and cached lists
    // were computed from the expired data: they go as on revocation, and the next event rebuilds
    // them from what is left.
    hooks.addExpiryListener(this::cleared);
  }

  /** Forgets the user in the store, which calls {@link #cleared} for the live state. */
  long forget(String userId) {
    long[] t = tally.get();
    long before = t[0];
    long removed = store.forget(userId);
    removed += t[0] - before;
    centroids.discardIfForgotten();
    return removed;
  }

  /** Applies a retention pass to the shared store, which calls {@link #cleared} as needed. */
  org.aidmp.state.ExpiryReceipt expire(ProfileStore.Expiry expiry) {
    org.aidmp.state.ExpiryReceipt r = store.expire(expiry);
    centroids.discardIfForgotten();
    return r;
  }

  /** Clears the live state only; the store keeps the profile. */
  long revoke(String userId) {
    long[] t = tally.get();
    long before = t[0];
    hooks.read(
        userId,
        view -> {
          int slot = view.slot();
          cleared(userId, slot);
          return null;
        });
    centroids.discardIfForgotten();
    return t[0] - before;
  }

  /** Clears what the updater keeps for a user; the user's lock is held. */
  private void cleared(String userId, int slot) {
    long n = 0;
    if (live.present(slot)) {
      LiveTable.Page p = live.existing(slot);
      if (drift && LiveTable.modelVersion(p, slot) == centroids.model().version) {
        n++; // the user's row is in drift not yet published
      }
      counters.liveUsers.decrement();
    }
    n += live.clear(slot);
    n += dispatch.forget(userId);
    recs.forgets.incrementAndGet();
    centroids.forgetRequested();
    tally.get()[0] += n;
  }
}
