package org.aidmp.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;

/**
 * How long data is kept: a time to live per event type and per attribute, with defaults for the
 * rest. The policy only answers what has expired at a given time; the store, the live state and the
 * snapshots remove it on the host's schedule.
 *
 * <pre>{@code
 * RetentionPolicy retention = RetentionPolicy.builder()
 *     .setEventTtl("page_view", Duration.ofDays(90))
 *     .setDefaultEventTtl(Duration.ofDays(730))
 *     .setAttributeTtl("email", Duration.ofDays(365))
 *     .get();
 * ExpiryReceipt removed = store.expire(retention.at(Instant.now()));      // nightly, say
 * RetentionPolicy.Expired gone = retention.expired(profile, Clock.systemUTC());  // one profile
 * }</pre>
 *
 * <p><b>Events.</b> An event of type {@code t} has expired when it is older than {@code t}'s TTL.
 * Profiles hold aggregates, not events, so an aggregate store can only drop a type's counters as a
 * whole: {@link #expired(UserProfile, Clock)} reports a type once the user's <em>latest</em> event
 * of that type has expired. Stores that keep raw events use {@link #eventExpired(String, long,
 * Clock)} per event.
 *
 * <p><b>Attributes.</b> An attribute's age is measured from the user's latest event: the TTL says
 * how long an attribute outlives the user's activity. A user without events has no evidence of
 * activity, so every attribute with a TTL counts as expired for them.
 *
 * <p>A type or attribute without its own TTL and without a default is kept forever. The policy is
 * applied by {@link ProfileStore#expire} with {@link #at(Instant)}, or through a pipeline result's
 * {@code expire}, which also forgets users left with nothing in the other parts. Immutable and
 * thread-safe.
 */
public final class RetentionPolicy {
  /** Keeps everything forever. */
  public static final RetentionPolicy KEEP_ALL = builder().get();

  private final Map<String, Duration> eventTtls;
  private final Duration defaultEventTtl;
  private final Map<String, Duration> attributeTtls;
  private final Duration defaultAttributeTtl;

  private RetentionPolicy(Builder b) {
    this.eventTtls = Map.copyOf(b.eventTtls);
    this.defaultEventTtl = b.defaultEventTtl;
    this.attributeTtls = Map.copyOf(b.attributeTtls);
    this.defaultAttributeTtl = b.defaultAttributeTtl;
  }

  /** A builder that keeps everything until told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.eventTtls.putAll(eventTtls);
    b.defaultEventTtl = defaultEventTtl;
    b.attributeTtls.putAll(attributeTtls);
    b.defaultAttributeTtl = defaultAttributeTtl;
    return b;
  }

  /** The TTL of events of {@code type}, if they expire. */
  public Optional<Duration> eventTtl(String type) {
    return Optional.ofNullable(eventTtls.getOrDefault(type, defaultEventTtl));
  }

  /** The TTL of the attribute {@code name}, if it expires. */
  public Optional<Duration> attributeTtl(String name) {
    return Optional.ofNullable(attributeTtls.getOrDefault(name, defaultAttributeTtl));
  }

  /** The time before which events of {@code type} have expired, if they expire. */
  public Optional<Instant> eventCutoff(String type, Clock clock) {
    return eventTtl(type).map(ttl -> clock.instant().minus(ttl));
  }

  /** Whether an event of {@code type} at {@code timestampMillis} has expired now. */
  public boolean eventExpired(String type, long timestampMillis, Clock clock) {
    Optional<Duration> ttl = eventTtl(type);
    return ttl.isPresent() && timestampMillis < clock.millis() - ttl.get().toMillis();
  }

  /**
   * The cutoffs of this policy at {@code now}, for {@link ProfileStore#expire}: events of a type
   * expire before {@code now} minus the type's TTL, an attribute when the user's latest event lies
   * before {@code now} minus the attribute's TTL; types and attributes without a TTL never expire.
   *
   * <pre>{@code
   * ExpiryReceipt r = store.expire(retention.at(Instant.now()));
   * }</pre>
   */
  public ProfileStore.Expiry at(Instant now) {
    Objects.requireNonNull(now, "now");
    long nowMillis = now.toEpochMilli();
    return new ProfileStore.Expiry() {
      @Override
      public Instant asOf() {
        return now;
      }

      @Override
      public long eventCutoff(String type) {
        return cutoff(eventTtl(type), nowMillis);
      }

      @Override
      public long attributeCutoff(String name) {
        return cutoff(attributeTtl(name), nowMillis);
      }
    };
  }

  private static long cutoff(Optional<Duration> ttl, long nowMillis) {
    if (ttl.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      long c = Math.subtractExact(nowMillis, ttl.get().toMillis());
      return c == Long.MIN_VALUE ? Long.MIN_VALUE + 1 : c;
    } catch (ArithmeticException beyondRange) {
      return Long.MIN_VALUE + 1; // nothing can be older than the range of epoch millis
    }
  }

  /**
   * What of one profile has expired now: the event types whose latest event is past their TTL, the
   * attributes past theirs, and whether nothing of the user is left.
   */
  public Expired expired(UserProfile profile, Clock clock) {
    long now = clock.millis();
    List<String> types = new ArrayList<>();
    Map<String, Long> counts = profile.counts();
    for (String type : counts.keySet()) {
      OptionalLong last = profile.lastSeen(type);
      Optional<Duration> ttl = eventTtl(type);
      if (ttl.isPresent() && last.isPresent() && last.getAsLong() < now - ttl.get().toMillis()) {
        types.add(type);
      }
    }
    List<String> attributes = new ArrayList<>();
    OptionalLong active = profile.lastSeen();
    Map<String, Object> attrs = profile.attributes();
    for (String name : attrs.keySet()) {
      Optional<Duration> ttl = attributeTtl(name);
      if (ttl.isPresent()
          && (active.isEmpty() || active.getAsLong() < now - ttl.get().toMillis())) {
        attributes.add(name);
      }
    }
    boolean whole = types.size() == counts.size() && attributes.size() == attrs.size();
    return new Expired(List.copyOf(types), List.copyOf(attributes), whole);
  }

  @Override
  public String toString() {
    return "RetentionPolicy[events="
        + eventTtls
        + ", default events="
        + defaultEventTtl
        + ", attributes="
        + attributeTtls
        + ", default attributes="
        + defaultAttributeTtl
        + "]";
  }

  /**
   * What has expired of one user.
   *
   * @param eventTypes the event types whose aggregates should be dropped
   * @param attributes the attributes that should be dropped
   * @param wholeProfile whether every event type and attribute the user has expired, so the user
   *     should be forgotten entirely
   */
  public record Expired(List<String> eventTypes, List<String> attributes, boolean wholeProfile) {
    /** Copies the lists. */
    public Expired {
      eventTypes = List.copyOf(eventTypes);
      attributes = List.copyOf(attributes);
    }

    /** Whether anything expired. */
    public boolean any() {
      return wholeProfile || !eventTypes.isEmpty() || !attributes.isEmpty();
    }
  }

  /** Builds a {@link RetentionPolicy}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final Map<String, Duration> eventTtls = new LinkedHashMap<>();
    private Duration defaultEventTtl;
    private final Map<String, Duration> attributeTtls = new LinkedHashMap<>();
    private Duration defaultAttributeTtl;

    private Builder() {}

    /** How long events of {@code type} are kept. */
    public Builder setEventTtl(String type, Duration ttl) {
      eventTtls.put(name(type, "event type"), check(ttl, type));
      return this;
    }

    /** How long events of types without their own TTL are kept; {@code null} for forever. */
    public Builder setDefaultEventTtl(Duration ttl) {
      this.defaultEventTtl = ttl == null ? null : check(ttl, "the default event TTL");
      return this;
    }

    /** How long the attribute {@code name} outlives the user's latest event. */
    public Builder setAttributeTtl(String name, Duration ttl) {
      attributeTtls.put(name(name, "attribute"), check(ttl, name));
      return this;
    }

    /** The TTL of attributes without their own; {@code null} (the default) for forever. */
    public Builder setDefaultAttributeTtl(Duration ttl) {
      this.defaultAttributeTtl = ttl == null ? null : check(ttl, "the default attribute TTL");
      return this;
    }

    private static String name(String name, String what) {
      Objects.requireNonNull(name, what);
      if (name.isBlank()) {
        throw new IllegalArgumentException(what + " name is blank; give a name");
      }
      return name;
    }

    private static Duration check(Duration ttl, String what) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException(
            "TTL of " + what + " (" + ttl + ") must be positive; give a positive duration");
      }
      return ttl;
    }

    /** The policy. */
    public RetentionPolicy get() {
      return new RetentionPolicy(this);
    }
  }
}
