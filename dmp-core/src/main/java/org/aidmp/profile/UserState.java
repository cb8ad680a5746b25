package org.aidmp.profile;

import java.util.Arrays;

/**
 * The mutable aggregate of one user inside a {@link ProfileStore}. Every field is guarded by the
 * instance's monitor; the store locks it for each update and each snapshot.
 *
 * <p>Category affinity is kept as raw sums {@code r_c = Σ w·2^((t - base)/h)} against a per-user
 * base time, so the score at any time {@code T} is {@code r_c · 2^(-(T - base)/h)}. An update adds
 * one term and touches nothing else, whatever the order of events; only when the newest event is
 * more than {@link #REBASE_HALF_LIVES} half-lives past the base are all sums rescaled to a new
 * base, which keeps them far from overflow.
 */
final class UserState {
  /** Rebase when terms would exceed 2^64 times the base weight: far below overflow (2^1023). */
  static final double REBASE_HALF_LIVES = 64;

  private static final long[] NO_LONGS = {};
  private static final double[] NO_DOUBLES = {};
  private static final int[] NO_INTS = {};
  private static final Object[] NO_OBJECTS = {};

  final String userId;
  boolean erased;

  long events;
  long firstSeen = Long.MAX_VALUE;
  long lastSeen = Long.MIN_VALUE;
  long valued;
  double totalValue;

  /** Indexed by type id; as long as the largest type id this user has seen plus one. */
  long[] typeCounts = NO_LONGS;

  long[] typeLast = NO_LONGS;
  double[] typeValue = NO_DOUBLES;

  /** Category ids and raw affinity sums; a user touches few categories, so a list beats a map. */
  int[] catIds = NO_INTS;

  double[] catRaw = NO_DOUBLES;
  int catCount;
  long catBase;

  /** Distinct item ids, an open-addressing set holding id + 1 (0 marks an empty slot). */
  int[] items = NO_INTS;

  int itemCount;
  boolean itemsSaturated;

  /** Attribute values by attribute id; null where missing. */
  Object[] attributes = NO_OBJECTS;

  UserState(String userId) {
    this.userId = userId;
  }

  /**
   * Folds in one event.
   *
   * @param type the interned type id
   * @param category the interned category id, or -1
   * @param weight the affinity weight of this event's type
   * @param halfLife the affinity half-life in milliseconds
   * @param item the interned item id, or -1
   * @param itemLimit the most distinct items to keep
   */
  void add(
      long t,
      int type,
      double value,
      int category,
      double weight,
      double halfLife,
      int item,
      int itemLimit) {
    events++;
    if (t < firstSeen) {
      firstSeen = t;
    }
    if (t > lastSeen) {
      lastSeen = t;
    }
    if (type >= typeCounts.length) {
      int n = Math.max(type + 1, typeCounts.length + 4);
      typeCounts = Arrays.copyOf(typeCounts, n);
      typeLast = Arrays.copyOf(typeLast, n);
      Arrays.fill(typeLast, typeValue.length, n, Long.MIN_VALUE);
      typeValue = Arrays.copyOf(typeValue, n);
    }
    typeCounts[type]++;
    if (t > typeLast[type]) {
      typeLast[type] = t;
    }
    if (!Double.isNaN(value)) {
      valued++;
      totalValue += value;
      typeValue[type] += value;
    }
    if (category >= 0 && weight > 0) {
      addAffinity(t, category, weight, halfLife);
    }
    if (item >= 0) {
      addItem(item, itemLimit);
    }
  }

  private void addAffinity(long t, int category, double weight, double halfLife) {
    if (catCount == 0) {
      catBase = t;
    }
    double x = (t - catBase) / halfLife;
    if (x > REBASE_HALF_LIVES) {
      double f = Math.pow(2, -x);
      for (int i = 0; i < catCount; i++) {
        catRaw[i] *= f;
      }
      catBase = t;
      x = 0;
    }
    double term = weight * Math.pow(2, x);
    for (int i = 0; i < catCount; i++) {
      if (catIds[i] == category) {
        catRaw[i] += term;
        return;
      }
    }
    if (catCount == catIds.length) {
      int n = Math.max(4, catCount * 2);
      catIds = Arrays.copyOf(catIds, n);
      catRaw = Arrays.copyOf(catRaw, n);
    }
    catIds[catCount] = category;
    catRaw[catCount] = term;
    catCount++;
  }

  void addItem(int item, int limit) {
    if (items.length == 0) {
      items = new int[8];
    }
    int key = item + 1;
    int mask = items.length - 1;
    int slot = mix(item) & mask;
    while (items[slot] != 0) {
      if (items[slot] == key) {
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (itemCount >= limit) {
      itemsSaturated = true;
      return;
    }
    items[slot] = key;
    itemCount++;
    if (itemCount * 2 > items.length) {
      int[] old = items;
      items = new int[old.length * 2];
      int m = items.length - 1;
      for (int k : old) {
        if (k != 0) {
          int s = mix(k - 1) & m;
          while (items[s] != 0) {
            s = (s + 1) & m;
          }
          items[s] = k;
        }
      }
    }
  }

  private static int mix(int x) {
    int h = x * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Sets an attribute value (null for missing). */
  void setAttribute(int id, Object value) {
    if (id >= attributes.length) {
      attributes = Arrays.copyOf(attributes, Math.max(id + 1, attributes.length + 4));
    }
    attributes[id] = value;
  }

  /** Drops everything, for erasure: the state may still be referenced by a racing update. */
  void clear() {
    erased = true;
    events = 0;
    valued = 0;
    totalValue = 0;
    typeCounts = NO_LONGS;
    typeLast = NO_LONGS;
    typeValue = NO_DOUBLES;
    catIds = NO_INTS;
    catRaw = NO_DOUBLES;
    catCount = 0;
    items = NO_INTS;
    itemCount = 0;
    attributes = NO_OBJECTS;
  }
}
