package org.aidmp.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An immutable snapshot of one user's aggregates, taken by {@link ProfileStore#get(String)} or
 * while iterating a store; later events do not change it.
 *
 * <pre>{@code
 * UserProfile p = store.get("u42").orElseThrow();
 * long purchases = p.count("purchase");
 * double books = p.affinity("books", asOf.toEpochMilli());
 * double days = p.recencyDays(asOf.toEpochMilli());
 * }</pre>
 *
 * <p>A user known only from an attributes join has no events: {@link #eventCount()} is 0, {@link
 * #firstSeen()} and {@link #lastSeen()} are empty, counts, values and affinities are 0.
 */
public final class UserProfile {
  private static final double DAY_MILLIS = 86_400_000d;

  final String userId;
  final long events;
  final long firstSeen;
  final long lastSeen;
  final long valued;
  final double totalValue;
  final long[] typeCounts;
  final long[] typeLast;
  final double[] typeValue;
  final int[] catIds;
  final double[] catRaw;
  final long catBase;
  final double halfLife;
  final int distinctItems;
  final boolean itemsSaturated;
  final Object[] attributes;
  final Interner types;
  final Interner categories;
  final Interner attributeNames;

  /** Copies {@code s}; the caller holds its lock. */
  UserProfile(
      UserState s, double halfLife, Interner types, Interner categories, Interner attributeNames) {
    this.userId = s.userId;
    this.events = s.events;
    this.firstSeen = s.firstSeen;
    this.lastSeen = s.lastSeen;
    this.valued = s.valued;
    this.totalValue = s.totalValue;
    int slots = s.typeSlots();
    this.typeCounts = new long[slots];
    this.typeLast = new long[slots];
    this.typeValue = new double[slots];
    for (int i = 0; i < slots; i++) {
      typeCounts[i] = s.typeCount(i);
      typeLast[i] = s.typeLast(i);
      typeValue[i] = s.typeValue(i);
    }
    this.catIds = new int[s.catCount];
    this.catRaw = new double[s.catCount];
    for (int i = 0; i < s.catCount; i++) {
      catIds[i] = s.catId(i);
      catRaw[i] = s.catRaw(i);
    }
    this.catBase = s.catBase;
    this.halfLife = halfLife;
    this.distinctItems = s.itemCount;
    this.itemsSaturated = s.itemsSaturated;
    this.attributes = s.attributes.clone();
    this.types = types;
    this.categories = categories;
    this.attributeNames = attributeNames;
  }

  /** The user's id. */
  public String userId() {
    return userId;
  }

  /** The number of events folded in (the F of RFM over all types). */
  public long eventCount() {
    return events;
  }

  /** Whether the user has any event (false for users known only from attributes). */
  public boolean hasEvents() {
    return events > 0;
  }

  /** The time of the earliest event in epoch milliseconds, empty without events. */
  public OptionalLong firstSeen() {
    return events > 0 ? OptionalLong.of(firstSeen) : OptionalLong.empty();
  }

  /** The time of the latest event in epoch milliseconds, empty without events. */
  public OptionalLong lastSeen() {
    return events > 0 ? OptionalLong.of(lastSeen) : OptionalLong.empty();
  }

  /**
   * Days from the latest event to {@code asOfMillis} (the R of RFM), never negative: an event after
   * the as-of time counts as recency 0. NaN for a user without events.
   */
  public double recencyDays(long asOfMillis) {
    return events > 0 ? Math.max(0, asOfMillis - lastSeen) / DAY_MILLIS : Double.NaN;
  }

  /** The number of events of {@code type}. */
  public long count(String type) {
    int id = types.find(type);
    return id >= 0 && id < typeCounts.length ? typeCounts[id] : 0;
  }

  /** The time of the latest event of {@code type}, empty if there is none. */
  public OptionalLong lastSeen(String type) {
    int id = types.find(type);
    return id >= 0 && id < typeCounts.length && typeCounts[id] > 0
        ? OptionalLong.of(typeLast[id])
        : OptionalLong.empty();
  }

  /** The sum of the values of events of {@code type}. */
  public double value(String type) {
    int id = types.find(type);
    return id >= 0 && id < typeValue.length ? typeValue[id] : 0;
  }

  /** Counts per event type for the types this user has, by first appearance in the store. */
  public Map<String, Long> counts() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < typeCounts.length; i++) {
      if (typeCounts[i] > 0) {
        m.put(types.name(i), typeCounts[i]);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** The sum of all event values (the M of RFM over all types). */
  public double totalValue() {
    return totalValue;
  }

  /** The number of events that carried a value. */
  public long valuedEventCount() {
    return valued;
  }

  /**
   * The time-decayed affinity to {@code category} at {@code asOfMillis}: {@code Σ w·2^(-(asOf -
   * t)/h)} over this user's events in that category, with {@code w} the type's weight and {@code h}
   * the store's half-life. Events after {@code asOfMillis} weigh more than 1.
   */
  public double affinity(String category, long asOfMillis) {
    double raw = rawAffinity(category);
    return raw == 0 ? 0 : raw * decay(asOfMillis);
  }

  /** The sum of this user's affinities over all categories at {@code asOfMillis}. */
  public double totalAffinity(long asOfMillis) {
    double raw = rawAffinityTotal();
    return raw == 0 ? 0 : raw * decay(asOfMillis);
  }

  /** Affinity per category at {@code asOfMillis}, for the categories this user has. */
  public Map<String, Double> affinities(long asOfMillis) {
    double f = decay(asOfMillis);
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < catIds.length; i++) {
      m.put(categories.name(catIds[i]), catRaw[i] * f);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The undecayed sum for a category (against this profile's base time), 0 if none. */
  double rawAffinity(String category) {
    int id = categories.find(category);
    for (int i = 0; i < catIds.length; i++) {
      if (catIds[i] == id) {
        return catRaw[i];
      }
    }
    return 0;
  }

  /** The undecayed sum over all categories. */
  double rawAffinityTotal() {
    double sum = 0;
    for (double r : catRaw) {
      sum += r;
    }
    return sum;
  }

  /** The factor that turns raw sums into scores at {@code asOfMillis}. */
  double decay(long asOfMillis) {
    return Math.pow(2, -(asOfMillis - catBase) / halfLife);
  }

  /**
   * The number of distinct items, exact up to the store's limit; when {@link
   * #distinctItemsSaturated()} it is the limit and the true number is larger. 0 when the store does
   * not track items.
   */
  public int distinctItems() {
    return distinctItems;
  }

  /** Whether the user had more distinct items than the store keeps. */
  public boolean distinctItemsSaturated() {
    return itemsSaturated;
  }

  /** The value of an attribute joined from an attributes source, or null if missing. */
  public Object attribute(String name) {
    int id = attributeNames.find(name);
    return id >= 0 && id < attributes.length ? attributes[id] : null;
  }

  /** The non-missing attributes, by name. */
  public Map<String, Object> attributes() {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i++) {
      if (attributes[i] != null) {
        m.put(attributeNames.name(i), attributes[i]);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /** Shows sizes only: ids and attributes may be personal data. */
  @Override
  public String toString() {
    return "UserProfile[" + events + " events, " + catIds.length + " categories]";
  }
}
