package org.aidmp.feedback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aidmp.data.BadRecordPolicy;

/**
 * The immutable settings of a {@link FeedbackUpdater}.
 *
 * <pre>{@code
 * FeedbackConfig config = FeedbackConfig.builder()
 *     .setEventTypes(List.of("view", "click", "purchase"))
 *     .setHalfLife(100_000)            // a row's pull on its centroid halves every 100k events
 *     .setBadEventPolicy(BadRecordPolicy.QUARANTINE)
 *     .get();
 * }</pre>
 *
 * <p>Defaults: centroids drift (decayed means) with a half-life of 100,000 events published every
 * 1,024 events; bad events {@link BadRecordPolicy#SKIP} (counted); events up to one day ahead of
 * the clock accepted; a listener queue of 65,536 changes.
 */
public final class FeedbackConfig {
  /** The defaults; event types must still be set. */
  public static final FeedbackConfig DEFAULT = new FeedbackConfig(new Builder(), false);

  private final List<String> eventTypes;
  private final boolean drift;
  private final long halfLife;
  private final int driftBatch;
  private final BadRecordPolicy badEventPolicy;
  private final Duration maxFutureSkew;
  private final int listenerQueueCapacity;

  private FeedbackConfig(Builder b, boolean check) {
    this.eventTypes = List.copyOf(b.eventTypes);
    this.drift = b.drift;
    this.halfLife = b.halfLife;
    this.driftBatch = b.driftBatch;
    this.badEventPolicy = b.badEventPolicy;
    this.maxFutureSkew = b.maxFutureSkew;
    this.listenerQueueCapacity = b.listenerQueueCapacity;
    if (check && eventTypes.isEmpty()) {
      throw new IllegalStateException(
          "no event types; call setEventTypes(List.of(\"view\", \"purchase\", ...)): events of"
              + " other types are treated as bad input");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.eventTypes = new ArrayList<>(eventTypes);
    b.drift = drift;
    b.halfLife = halfLife;
    b.driftBatch = driftBatch;
    b.badEventPolicy = badEventPolicy;
    b.maxFutureSkew = maxFutureSkew;
    b.listenerQueueCapacity = listenerQueueCapacity;
    return b;
  }

  /** The accepted event types, in index order; others are bad events. */
  public List<String> eventTypes() {
    return eventTypes;
  }

  /**
   * Whether live events move the segment centroids: each centroid is then a decayed mean of the
   * rows assigned to it (trained points and live rows lose half their weight every {@link
   * #halfLife()} accepted events), updated in mini-batches of {@link #driftBatch()} events and
   * published as a new model version; segment ids never change. When false, centroids stay as
   * trained and live events only re-assign users.
   */
  public boolean drift() {
    return drift;
  }

  /** Accepted events after which a row's weight in its centroid halves. */
  public long halfLife() {
    return halfLife;
  }

  /** Accepted events between two published centroid versions. */
  public int driftBatch() {
    return driftBatch;
  }

  /** What happens to bad events. */
  public BadRecordPolicy badEventPolicy() {
    return badEventPolicy;
  }

  /** How far past the clock an event's timestamp may be. */
  public Duration maxFutureSkew() {
    return maxFutureSkew;
  }

  /** How many segment changes may wait for the listener thread before new ones are dropped. */
  public int listenerQueueCapacity() {
    return listenerQueueCapacity;
  }

  @Override
  public String toString() {
    return "FeedbackConfig[eventTypes="
        + eventTypes
        + ", drift="
        + drift
        + ", halfLife="
        + halfLife
        + ", driftBatch="
        + driftBatch
        + ", badEventPolicy="
        + badEventPolicy
        + ", maxFutureSkew="
        + maxFutureSkew
        + ", listenerQueueCapacity="
        + listenerQueueCapacity
        + "]";
  }

  /** Builds a {@link FeedbackConfig}; each setter checks its value. */
  public static final class Builder {
    private List<String> eventTypes = List.of();
    private boolean drift = true;
    private long halfLife = 100_000;
    private int driftBatch = 1024;
    private BadRecordPolicy badEventPolicy = BadRecordPolicy.SKIP;
    private Duration maxFutureSkew = Duration.ofDays(1);
    private int listenerQueueCapacity = 65_536;

    private Builder() {}

    /** The event types live events may have (distinct, non-blank); others are bad events. */
    public Builder setEventTypes(List<String> types) {
      Objects.requireNonNull(types, "types");
      if (types.isEmpty()) {
        throw new IllegalArgumentException("event types are empty; give at least one type");
      }
      Set<String> seen = new HashSet<>();
      for (String t : types) {
        if (t == null || t.isBlank()) {
          throw new IllegalArgumentException("event types " + types + " hold a null or blank type");
        }
        if (!seen.add(t)) {
          throw new IllegalArgumentException("event type '" + t + "' appears twice in " + types);
        }
      }
      this.eventTypes = List.copyOf(types);
      return this;
    }

    /** Whether centroids follow live events (see {@link FeedbackConfig#drift()}); default true. */
    public Builder setDrift(boolean drift) {
      this.drift = drift;
      return this;
    }

    /** After how many accepted events a row's pull on its centroid halves; at least 1. */
    public Builder setHalfLife(long events) {
      if (events < 1) {
        throw new IllegalArgumentException(
            "halfLife ("
                + events
                + ") must be at least 1 event; use setDrift(false) to freeze"
                + " centroids");
      }
      this.halfLife = events;
      return this;
    }

    /**
     * How many accepted events are gathered before the drifted centroids are published as a new
     * model version; at least 1. Larger batches cost less per event and change versions less often.
     */
    public Builder setDriftBatch(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("driftBatch (" + events + ") must be at least 1");
      }
      this.driftBatch = events;
      return this;
    }

    /**
     * What to do with a bad event: {@link BadRecordPolicy#FAIL} is strict mode and throws a {@link
     * org.aidmp.data.BadRecordException} into the caller; SKIP counts it; QUARANTINE counts it and
     * hands it to the updater's quarantine.
     */
    public Builder setBadEventPolicy(BadRecordPolicy policy) {
      this.badEventPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How far ahead of the updater's clock a timestamp may be; zero or positive. */
    public Builder setMaxFutureSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("maxFutureSkew (" + skew + ") is negative");
      }
      this.maxFutureSkew = skew;
      return this;
    }

    /** How many segment changes may wait for listeners; more are dropped and counted. */
    public Builder setListenerQueueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "listenerQueueCapacity (" + capacity + ") must be at least 1");
      }
      this.listenerQueueCapacity = capacity;
      return this;
    }

    /** The config; checks that event types are set. */
    public FeedbackConfig get() {
      return new FeedbackConfig(this, true);
    }
  }
}
