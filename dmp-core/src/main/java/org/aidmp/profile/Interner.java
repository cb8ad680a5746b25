package org.aidmp.profile;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each distinct name (event type, category, item, attribute) a small, stable int id, so that
 * profiles keep counters in arrays indexed by id instead of maps keyed by strings. Ids are dense,
 * start at 0 and are never reused; names are never removed (they are labels, not personal data).
 * Thread-safe: lookups of known names take no lock.
 *
 * <p>An interner holds at most {@link #capacity()} names: once full, {@link #id} answers -1 for a
 * new name instead of growing, so hostile input (a new category on every row) cannot grow it
 * without bound; the store turns that -1 into a refused event with a message naming the setting.
 */
final class Interner {
  /** The capacity when none is given: enough for any real vocabulary of types or categories. */
  static final int UNBOUNDED = Integer.MAX_VALUE - 8;

  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private final int capacity;

  /** Written under the lock before the id is published through {@link #ids}. */
  private volatile String[] names = new String[8];

  private volatile int size;

  /** An interner with no practical bound. */
  Interner() {
    this(UNBOUNDED);
  }

  /** An interner that holds at most {@code capacity} names. */
  Interner(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity (" + capacity + ") is negative");
    }
    this.capacity = capacity;
  }

  /** The most names this interner holds. */
  int capacity() {
    return capacity;
  }

  /** The id of {@code name}, adding it if new; -1 if it is new and the interner is full. */
  int id(String name) {
    Integer id = ids.get(name);
    return id != null ? id : add(name);
  }

  private synchronized int add(String name) {
    Integer known = ids.get(name);
    if (known != null) {
      return known;
    }
    int id = size;
    if (id >= capacity) {
      return -1;
    }
    String[] n = names;
    if (id == n.length) {
      n = Arrays.copyOf(n, n.length * 2);
    }
    n[id] = name;
    names = n;
    size = id + 1;
    ids.put(name, id);
    return id;
  }

  /** The id of {@code name}, or -1 if it was never added. */
  int find(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  /** The name with id {@code id}. */
  String name(int id) {
    return names[id];
  }

  /** The number of names added so far. */
  int size() {
    return size;
  }
}
