package org.aidmp.profile;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each distinct name (event type, category, item, attribute) a small, stable int id, so that
 * profiles keep counters in arrays indexed by id instead of maps keyed by strings. Ids are dense,
 * start at 0 and are never reused; names are never removed (they are labels, not personal data).
 * Thread-safe: lookups of known names take no lock.
 */
final class Interner {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

  /** Written under the lock before the id is published through {@link #ids}. */
  private volatile String[] names = new String[8];

  private volatile int size;

  /** The id of {@code name}, adding it if new. */
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
