package org.aidmp.feedback;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.stage.ScoreModel;

/**
 * Reads of one user's live state (segment, live copy, score), each under the user's lock in the
 * profile store, so that the row, the segment and the counters are read at one moment.
 */
final class LiveReads {
  private final ProfileStore store;
  private final LiveStore hooks;
  private final LiveTable live;
  private final int[] storeTypeIds;
  private final int d;

  LiveReads(ProfileStore store, LiveTable live, int[] storeTypeIds, int d) {
    this.store = store;
    this.hooks = LiveStore.of(store);
    this.live = live;
    this.storeTypeIds = storeTypeIds;
    this.d = d;
  }

  /** The user's segment; −1 for users without live state. */
  int segmentOf(String userId) {
    Integer s =
        hooks.read(
            userId,
            view -> {
              int slot = view.slot();
              LiveTable.Page p = live.existing(slot);
              return p == null || !live.present(slot) ? null : LiveTable.segment(p, slot);
            });
    return s != null ? s : -1;
  }

  /** A copy of the user's live state, or null for a user without one. */
  LiveUser liveUser(String userId) {
    return hooks.read(
        userId,
        view -> {
          int slot = view.slot();
          LiveTable.Page p = live.existing(slot);
          if (p == null || !live.present(slot)) {
            return null;
          }
          long[] counts = new long[storeTypeIds.length];
          for (int t = 0; t < counts.length; t++) {
            counts[t] = view.count(storeTypeIds[t]);
          }
          int off = live.rowOffset(slot);
          return new LiveUser(
              userId,
              counts,
              view.events(),
              view.valueSum(),
              view.firstSeen(),
              view.lastSeen(),
              Arrays.copyOfRange(p.rows, off, off + d),
              LiveTable.segment(p, slot),
              LiveTable.squaredDistance(p, slot),
              LiveTable.modelVersion(p, slot));
        });
  }

  /** The score of the user's live row under {@code m}, or NaN for a user without live state. */
  double score(String userId, ScoreModel m) {
    Double s =
        hooks.read(
            userId,
            view -> {
              int slot = view.slot();
              LiveTable.Page p = live.existing(slot);
              if (p == null || !live.present(slot)) {
                return null;
              }
              return m.score(p.rows, live.rowOffset(slot));
            });
    return s == null ? Double.NaN : s;
  }

  /** Copies of every user's live state, in ascending id order; intake is paused by the caller. */
  List<LiveUser> allLiveUsers() {
    List<LiveUser> copies = new ArrayList<>();
    for (String id : store.userIds()) {
      LiveUser u = liveUser(id);
      if (u != null) {
        copies.add(u);
      }
    }
    return copies;
  }
}
