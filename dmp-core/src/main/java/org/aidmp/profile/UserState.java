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

  /** Longs per type id in the dense layout: count, latest time, value sum. */
  static final int TYPE_STRIDE = 3;

  /** Longs per type in the sparse layout: type id, count, latest time, value sum. */
  static final int ENTRY = 4;

  /** The most types kept sparse; a user with more switches to the dense layout. */
  static final int SPARSE_TYPES = 8;

  private static final Object[] NO_OBJECTS = {};

  final String userId;
  boolean erased;

  /**
   * The user's dense int id in the store (see {@link StoreHooks#offer}): live state kept beside the
   * store is indexed by it. Set once when the store admits the user; freed for reuse when the user
   * is forgotten.
   */
  int slot = -1;

  long events;
  long firstSeen = Long.MAX_VALUE;
  long lastSeen = Long.MIN_VALUE;
  long valued;
  double totalValue;

  /**
   * The user's per-type aggregates: count, latest time and value sum (as raw double bits). Every
   * event touches all three, so they share one array, and a user's arrays are rarely in cache.
   *
   * <p>Most users meet few of the store's types, so up to {@value #SPARSE_TYPES} types are kept
   * sparse: {@value #ENTRY} longs per type the user has (type id, then the three values), in the
   * order they appeared, found by a scan that stays within a few cache lines. A user with more
   * types switches to the dense layout, {@value #TYPE_STRIDE} longs per type id, indexed directly.
   * With many users and types this keeps each user's aggregates to a few lines instead of a mostly
   * empty array as long as the type vocabulary.
   */
  long[] types = NO_LONGS;

  /** The sparse entries in use, or -1 once the types are dense. */
  int typeEntries;

  /**
   * How many type ids the user has room for, as the dense layout counts them: one more than the
   * largest type id seen, rounded up as {@link #growTypes} grows. A written store records this many
   * slots per user, whichever layout holds them.
   */
  int typeSlots;

  /**
   * Per category this user has, two slots: category id (as a double, exact below 2^53) and raw
   * affinity sum. A user touches few categories, so a scanned list beats a map.
   */
  double[] cats = NO_DOUBLES;

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
    // The dense layout's known types first: the common case of a busy user, kept small to inline.
    int at = typeEntries < 0 && type < typeSlots ? type * TYPE_STRIDE : typeAt(type);
    long[] ts = types;
    ts[at]++;
    if (t > ts[at + 1]) {
      ts[at + 1] = t;
    }
    if (!Double.isNaN(value)) {
      valued++;
      totalValue += value;
      ts[at + 2] = Double.doubleToRawLongBits(Double.longBitsToDouble(ts[at + 2]) + value);
    }
    if (category >= 0 && weight > 0) {
      addAffinity(t, category, weight, halfLife);
    }
    if (item >= 0) {
      addItem(item, itemLimit);
    }
  }

  /**
   * Where the type's count is in {@link #types} (its latest time and value sum follow), making room
   * for the type if the user has none of it yet.
   */
  private int typeAt(int type) {
    if (type >= typeSlots) {
      growTypes(type + 1);
    }
    int n = typeEntries;
    if (n < 0) {
      return type * TYPE_STRIDE;
    }
    long[] ts = types;
    for (int i = 0; i < n; i++) {
      if (ts[i * ENTRY] == type) {
        return i * ENTRY + 1;
      }
    }
    if (n == SPARSE_TYPES) {
      toDense();
      return type * TYPE_STRIDE;
    }
    if (n * ENTRY == ts.length) {
      ts = Arrays.copyOf(ts, Math.max(2, 2 * n) * ENTRY);
      types = ts;
    }
    int at = n * ENTRY;
    ts[at] = type;
    ts[at + 1] = 0;
    ts[at + 2] = Long.MIN_VALUE;
    ts[at + 3] = Double.doubleToRawLongBits(0);
    typeEntries = n + 1;
    return at + 1;
  }

  /** Where the type's count is in {@link #types}, or -1 if the user has none of it. */
  private int findType(int type) {
    if (typeEntries < 0) {
      return type < typeSlots ? type * TYPE_STRIDE : -1;
    }
    return findSparse(type);
  }

  private int findSparse(int type) {
    int n = typeEntries;
    long[] ts = types;
    for (int i = 0; i < n; i++) {
      if (ts[i * ENTRY] == type) {
        return i * ENTRY + 1;
      }
    }
    return -1;
  }

  /** Moves the sparse entries into the dense layout. */
  private void toDense() {
    long[] sparse = types;
    int n = typeEntries;
    long[] dense = new long[typeSlots * TYPE_STRIDE];
    for (int i = 0; i < typeSlots; i++) {
      dense[i * TYPE_STRIDE + 1] = Long.MIN_VALUE;
      dense[i * TYPE_STRIDE + 2] = Double.doubleToRawLongBits(0);
    }
    for (int i = 0; i < n; i++) {
      int at = (int) sparse[i * ENTRY] * TYPE_STRIDE;
      System.arraycopy(sparse, i * ENTRY + 1, dense, at, TYPE_STRIDE);
    }
    types = dense;
    typeEntries = -1;
  }

  /**
   * The type's count read without the lock, as a read-ahead does: a racing update may be growing or
   * switching the arrays, so the answer may be stale or wrong, but the read never fails.
   */
  long peekTypeCount(int type) {
    long[] ts = types;
    int n = typeEntries;
    if (n < 0) {
      int at = type * TYPE_STRIDE;
      return at < ts.length ? ts[at] : 0;
    }
    int end = Math.min(n * ENTRY, ts.length);
    for (int i = 0; i + ENTRY <= end; i += ENTRY) {
      if (ts[i] == type) {
        return ts[i + 1];
      }
    }
    return 0;
  }

  /** Makes room for at least {@code slots} type ids; new slots are empty. */
  void growTypes(int slots) {
    int old = typeSlots;
    int n = Math.max(slots, old + 4);
    typeSlots = n;
    if (typeEntries >= 0) {
      // Sparse: room is only counted; entries are added as types appear.
      return;
    }
    types = Arrays.copyOf(types, n * TYPE_STRIDE);
    for (int i = old; i < n; i++) {
      types[i * TYPE_STRIDE + 1] = Long.MIN_VALUE;
      types[i * TYPE_STRIDE + 2] = Double.doubleToRawLongBits(0);
    }
  }

  /** The number of type slots (not all need have events). */
  int typeSlots() {
    return typeSlots;
  }

  long typeCount(int type) {
    int at = findType(type);
    return at < 0 ? 0 : types[at];
  }

  long typeLast(int type) {
    int at = findType(type);
    return at < 0 ? Long.MIN_VALUE : types[at + 1];
  }

  double typeValue(int type) {
    int at = findType(type);
    return at < 0 ? 0 : Double.longBitsToDouble(types[at + 2]);
  }

  /** Sets one type slot, for restoring a written store. */
  void setType(int type, long count, long last, double value) {
    long bits = Double.doubleToRawLongBits(value);
    if (count == 0 && last == Long.MIN_VALUE && bits == 0 && findType(type) < 0) {
      // An empty slot: only its room is recorded.
      if (type >= typeSlots) {
        growTypes(type + 1);
      }
      return;
    }
    int at = typeAt(type);
    types[at] = count;
    types[at + 1] = last;
    types[at + 2] = bits;
  }

  int catId(int i) {
    return (int) cats[2 * i];
  }

  double catRaw(int i) {
    return cats[2 * i + 1];
  }

  private void addAffinity(long t, int category, double weight, double halfLife) {
    if (catCount == 0) {
      catBase = t;
    }
    double x = (t - catBase) / halfLife;
    double[] cs = cats;
    if (x > REBASE_HALF_LIVES) {
      double f = Math.pow(2, -x);
      for (int i = 0; i < catCount; i++) {
        cs[2 * i + 1] *= f;
      }
      catBase = t;
      x = 0;
    }
    double term = weight * Math.pow(2, x);
    double key = category;
    for (int i = 0; i < catCount; i++) {
      if (cs[2 * i] == key) {
        cs[2 * i + 1] += term;
        return;
      }
    }
    appendCategory(category, term);
  }

  /** Appends a category the user does not have yet. */
  void appendCategory(int category, double raw) {
    if (2 * catCount == cats.length) {
      cats = Arrays.copyOf(cats, Math.max(8, cats.length * 2));
    }
    cats[2 * catCount] = category;
    cats[2 * catCount + 1] = raw;
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

  /**
   * Drops the aggregates of one event type and takes its events out of the totals, for retention.
   * The count of valued events is not kept per type, so it is capped at the events left.
   *
   * @return the number of events removed
   */
  long dropType(int type) {
    if (type >= typeSlots() || typeCount(type) == 0) {
      return 0;
    }
    long n = typeCount(type);
    events -= n;
    totalValue -= typeValue(type);
    removeType(type);
    valued = Math.min(valued, events);
    if (events == 0) {
      // Nothing left to measure from: the per-user totals go with the last type.
      totalValue = 0;
      firstSeen = Long.MAX_VALUE;
      lastSeen = Long.MIN_VALUE;
      cats = NO_DOUBLES;
      catCount = 0;
      items = NO_INTS;
      itemCount = 0;
      itemsSaturated = false;
    } else {
      long last = Long.MIN_VALUE;
      for (int i = 0; i < typeSlots(); i++) {
        if (typeCount(i) > 0 && typeLast(i) > last) {
          last = typeLast(i);
        }
      }
      lastSeen = last;
    }
    return n;
  }

  /** Empties the type's slot; the user must have it. */
  private void removeType(int type) {
    int at = findType(type);
    if (typeEntries < 0) {
      types[at] = 0;
      types[at + 1] = Long.MIN_VALUE;
      types[at + 2] = Double.doubleToRawLongBits(0);
      return;
    }
    // The last entry takes the removed one's place; the order of entries means nothing.
    int last = (typeEntries - 1) * ENTRY;
    System.arraycopy(types, last, types, at - 1, ENTRY);
    Arrays.fill(types, last, last + ENTRY, 0L);
    typeEntries--;
  }

  /** Drops the category affinities (when no event type left can have contributed to them). */
  void clearAffinity() {
    cats = NO_DOUBLES;
    catCount = 0;
  }

  /** Whether the user has no event and no attribute left. */
  boolean empty() {
    if (events > 0) {
      return false;
    }
    for (Object a : attributes) {
      if (a != null) {
        return false;
      }
    }
    return true;
  }

  /** A deep copy (same slot), for computing what a profile would be with one more event. */
  UserState copy() {
    UserState c = new UserState(userId);
    c.slot = slot;
    c.events = events;
    c.firstSeen = firstSeen;
    c.lastSeen = lastSeen;
    c.valued = valued;
    c.totalValue = totalValue;
    c.types = types.clone();
    c.typeEntries = typeEntries;
    c.typeSlots = typeSlots;
    c.cats = cats.clone();
    c.catCount = catCount;
    c.catBase = catBase;
    c.items = items.clone();
    c.itemCount = itemCount;
    c.itemsSaturated = itemsSaturated;
    c.attributes = attributes.clone();
    return c;
  }

  /** Drops everything, for erasure: the state may still be referenced by a racing update. */
  void clear() {
    erased = true;
    events = 0;
    valued = 0;
    totalValue = 0;
    types = NO_LONGS;
    typeEntries = 0;
    typeSlots = 0;
    cats = NO_DOUBLES;
    catCount = 0;
    items = NO_INTS;
    itemCount = 0;
    attributes = NO_OBJECTS;
  }
}
