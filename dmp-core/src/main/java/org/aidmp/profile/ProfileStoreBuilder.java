package org.aidmp.profile;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a {@link ProfileStore}, from {@link ProfileStore#builder()}. Each option may be set
 * once; {@link #build()} does not change the builder, so one builder can make several stores.
 */
public final class ProfileStoreBuilder {
  Duration halfLife = Duration.ofDays(30);
  int distinctItemLimit;
  int expectedUsers = 16;
  int maxUsers = ProfileStore.DEFAULT_MAX_USERS;
  int maxUserIdLength = ProfileStore.DEFAULT_MAX_USER_ID_LENGTH;
  int maxEventTypes = ProfileStore.DEFAULT_MAX_EVENT_TYPES;
  int maxCategories = ProfileStore.DEFAULT_MAX_CATEGORIES;
  int maxItems = ProfileStore.DEFAULT_MAX_ITEMS;
  Set<String> allowedTypes;
  Set<String> allowedAttributes;
  final Map<String, Double> affinityWeights = new HashMap<>();
  private final Set<String> set = new HashSet<>();

  ProfileStoreBuilder() {}

  private void once(String option) {
    if (!set.add(option)) {
      throw new IllegalStateException(option + " is already set; set each option once");
    }
  }

  /**
   * How fast category affinity fades: an event's weight halves every {@code halfLife}. Default 30
   * days.
   */
  public ProfileStoreBuilder setHalfLife(Duration halfLife) {
    Objects.requireNonNull(halfLife, "halfLife");
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException(
          "halfLife (" + halfLife + ") must be positive, e.g. Duration.ofDays(30)");
    }
    if (halfLife.compareTo(Duration.ofDays(365L * 10_000)) > 0) {
      throw new IllegalArgumentException(
          "halfLife ("
              + halfLife
              + ") is beyond 10,000 years; for no decay use a long but"
              + " finite half-life");
    }
    once("halfLife");
    this.halfLife = halfLife;
    return this;
  }

  /**
   * Track up to {@code limit} distinct items per user (exact up to the limit, then saturated).
   * Default 0: items are not tracked.
   */
  public ProfileStoreBuilder setDistinctItemLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException(
          "distinctItemLimit (" + limit + ") is negative; use 0 to not track items");
    }
    once("distinctItemLimit");
    this.distinctItemLimit = limit;
    return this;
  }

  /**
   * How much an event of {@code type} adds to its category's affinity; default 1 for every type, 0
   * leaves the type out of affinity.
   */
  public ProfileStoreBuilder setAffinityWeight(String type, double weight) {
    Objects.requireNonNull(type, "type");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "affinity weight of '" + type + "' (" + weight + ") must be finite and >= 0");
    }
    once("affinityWeight(" + type + ")");
    affinityWeights.put(type, weight);
    return this;
  }

  /** The number of users expected, to size the table once; a hint, not a limit. */
  public ProfileStoreBuilder setExpectedUsers(int users) {
    if (users < 0) {
      throw new IllegalArgumentException("expectedUsers (" + users + ") is negative");
    }
    once("expectedUsers");
    this.expectedUsers = Math.min(users, 1 << 28);
    return this;
  }

  /**
   * The most users the store holds at once (default {@value ProfileStore#DEFAULT_MAX_USERS}): an
   * event or attribute row that would add one more is refused until users are forgotten. Forgotten
   * users' slots are reused.
   */
  public ProfileStoreBuilder setMaxUsers(int users) {
    positive(users, "maxUsers");
    once("maxUsers");
    this.maxUsers = users;
    return this;
  }

  /**
   * The longest user id accepted, in chars (default {@value
   * ProfileStore#DEFAULT_MAX_USER_ID_LENGTH}); longer ids are refused.
   */
  public ProfileStoreBuilder setMaxUserIdLength(int chars) {
    positive(chars, "maxUserIdLength");
    once("maxUserIdLength");
    this.maxUserIdLength = chars;
    return this;
  }

  /**
   * Only events of these types are kept; others are refused. By default every type is kept, up to
   * {@link #setMaxEventTypes}.
   */
  public ProfileStoreBuilder setEventTypes(Collection<String> types) {
    Objects.requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new IllegalArgumentException(
          "eventTypes is empty; list the types to keep, e.g. List.of(\"view\", \"purchase\")");
    }
    once("eventTypes");
    this.allowedTypes = new HashSet<>(types);
    return this;
  }

  /**
   * Only attribute columns of these names are kept by {@link ProfileStore#joinAttributes}; other
   * columns (an {@code ssn}, an {@code email}) are left out at the join, so they are never stored
   * or snapshotted. By default every column is kept; an empty list keeps none. Remember the
   * attributes consent is read from: a store that drops them leaves every user's consent unknown.
   */
  public ProfileStoreBuilder setAllowedAttributes(Collection<String> names) {
    Objects.requireNonNull(names, "names");
    for (String n : names) {
      Objects.requireNonNull(n, "attribute name");
    }
    once("allowedAttributes");
    this.allowedAttributes = new HashSet<>(names);
    return this;
  }

  /**
   * The most distinct event types (default {@value ProfileStore#DEFAULT_MAX_EVENT_TYPES}); an event
   * of a new type beyond it is refused. Per-user arrays are sized by type ids, so this bounds them
   * too.
   */
  public ProfileStoreBuilder setMaxEventTypes(int types) {
    positive(types, "maxEventTypes");
    once("maxEventTypes");
    this.maxEventTypes = types;
    return this;
  }

  /**
   * The most distinct categories (default {@value ProfileStore#DEFAULT_MAX_CATEGORIES}); an event
   * with a new category beyond it is refused.
   */
  public ProfileStoreBuilder setMaxCategories(int categories) {
    positive(categories, "maxCategories");
    once("maxCategories");
    this.maxCategories = categories;
    return this;
  }

  /**
   * The most distinct items remembered for distinct-item counts (default {@value
   * ProfileStore#DEFAULT_MAX_ITEMS}); with item tracking on, an event with a new item beyond it is
   * refused.
   */
  public ProfileStoreBuilder setMaxItems(int items) {
    positive(items, "maxItems");
    once("maxItems");
    this.maxItems = items;
    return this;
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " (" + value + ") must be at least 1");
    }
  }

  /** A new, empty store with these settings. */
  public ProfileStore build() {
    return new ProfileStore(this);
  }
}
