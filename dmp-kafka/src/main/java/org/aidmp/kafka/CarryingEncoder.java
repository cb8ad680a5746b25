package org.aidmp.kafka;

import java.util.Map;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.LiveProfile;
import org.aidmp.feedback.LiveUser;
import org.aidmp.profile.Event;

/**
 * Hands the model's encoder a user's whole history: the counters carried over from earlier batch
 * models plus the live ones of the current updater, so that a roll-out does not restart a user's
 * features from zero.
 */
final class CarryingEncoder implements FeatureEncoder {
  private final FeatureEncoder inner;
  private final Map<String, LiveUser> carried;

  CarryingEncoder(FeatureEncoder inner, Map<String, LiveUser> carried) {
    this.inner = inner;
    this.carried = carried;
  }

  @Override
  public void encode(Event event, int typeIndex, LiveProfile profile, float[] row) {
    LiveUser base = carried.isEmpty() ? null : carried.get(profile.userId());
    inner.encode(event, typeIndex, base == null ? profile : new Sum(base, profile), row);
  }

  @Override
  public void newUser(String userId, float[] row) {
    inner.newUser(userId, row);
  }

  /** Carried plus live aggregates. */
  record Sum(LiveUser base, LiveProfile live) implements LiveProfile {
    @Override
    public String userId() {
      return live.userId();
    }

    @Override
    public long count(int typeIndex) {
      return base.count(typeIndex) + live.count(typeIndex);
    }

    @Override
    public long events() {
      return base.events() + live.events();
    }

    @Override
    public double valueSum() {
      return base.valueSum() + live.valueSum();
    }

    @Override
    public long firstSeen() {
      return Math.min(base.firstSeen(), live.firstSeen());
    }

    @Override
    public long lastSeen() {
      return Math.max(base.lastSeen(), live.lastSeen());
    }

    /**
     * The live store's profile only: the carried counters above are not folded into it, so an
     * encoder that reads the whole profile sees the current model's history.
     */
    @Override
    public org.aidmp.profile.UserProfile profile() {
      return live.profile();
    }
  }

  /** Adds a live user's aggregates onto a carried one (either may be null). */
  static LiveUser add(LiveUser carried, LiveUser live) {
    if (carried == null) {
      return live;
    }
    if (live == null) {
      return carried;
    }
    long[] a = carried.counts();
    long[] b = live.counts();
    long[] c = new long[Math.max(a.length, b.length)];
    for (int i = 0; i < c.length; i++) {
      c[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
    }
    return new LiveUser(
        live.userId(),
        c,
        carried.events() + live.events(),
        carried.valueSum() + live.valueSum(),
        Math.min(carried.firstSeen(), live.firstSeen()),
        Math.max(carried.lastSeen(), live.lastSeen()),
        live.row(),
        live.segment(),
        live.squaredDistance(),
        live.modelVersion());
  }
}
