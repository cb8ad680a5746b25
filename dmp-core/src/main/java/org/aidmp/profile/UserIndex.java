package org.aidmp.profile;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The store's map from user id to aggregate: lock-free lookups, and insertions and removals under
 * one of {@value #SEGMENTS} segment locks.
 *
 * <p><b>Why not a {@code ConcurrentHashMap}.</b> With many users every lookup misses the cache, and
 * the misses follow one another: a hash map's bin, then its node, then the aggregate. Here a
 * segment keeps its ids and aggregates side by side in one array, id at {@code 2i} and aggregate at
 * {@code 2i + 1}, found by linear probing. Both lie in the same cache line, so a lookup costs one
 * miss before the aggregate's own. A parallel array of hashes lets a probe pass over other users
 * without reading their ids.
 *
 * <p><b>Concurrency.</b> Writers publish an entry's hash and aggregate before its id, with release
 * stores; readers load the id with an acquire load, so a reader that finds an id sees its
 * aggregate. Removal leaves a tombstone in place of the id, which probes pass over; a segment is
 * rebuilt, without tombstones, into new arrays when it is half full. A lookup that raced with a
 * removal or a rebuild may return an aggregate just removed: callers check {@link UserState#erased}
 * under the aggregate's lock and look again, as they would with any concurrent map. Lock order: a
 * thread holding an aggregate's monitor may take a segment lock (removal), never the reverse for an
 * aggregate other threads can see.
 */
final class UserIndex {
  private static final int SEGMENT_BITS = 6;

  /** Segment locks: enough that threads creating users rarely meet. */
  static final int SEGMENTS = 1 << SEGMENT_BITS;

  private static final int MIN_CAPACITY = 8;

  /** Marks a removed entry: probes continue past it, insertions may reuse it. */
  private static final Object TOMBSTONE = new Object();

  private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle HASH = MethodHandles.arrayElementVarHandle(int[].class);

  private final Segment[] segments = new Segment[SEGMENTS];

  /** An index sized for about {@code expectedUsers} users without rebuilding. */
  UserIndex(int expectedUsers) {
    int perSegment = (int) Math.min(1 << 28, 2L * Math.max(0, expectedUsers) / SEGMENTS + 1);
    int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(perSegment - 1) << 1);
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new Segment(capacity);
    }
  }

  /** Murmur3's finaliser: ids differing in their last character still spread over all bits. */
  static int spread(String id) {
    int h = id.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  private Segment segment(int h) {
    return segments[h >>> (32 - SEGMENT_BITS)];
  }

  /** The user's aggregate, or null; see the class description for what a racing lookup sees. */
  UserState get(String id) {
    int h = spread(id);
    return segment(h).table.get(id, h);
  }

  boolean containsKey(String id) {
    return get(id) != null;
  }

  /**
   * The user's aggregate; if there is none, the one {@code make} returns is added (unless it is
   * null, which adds nothing) and returned. {@code make} runs under the segment lock: it must be
   * quick and must not call into this index.
   */
  UserState computeIfAbsent(String id, Function<String, UserState> make) {
    int h = spread(id);
    Segment s = segment(h);
    UserState found = s.table.get(id, h);
    if (found != null) {
      return found;
    }
    synchronized (s) {
      found = s.table.get(id, h);
      if (found != null) {
        return found;
      }
      UserState made = make.apply(id);
      if (made != null) {
        s.insert(id, h, made);
      }
      return made;
    }
  }

  /** Adds or replaces the user's aggregate. */
  void put(String id, UserState state) {
    int h = spread(id);
    Segment s = segment(h);
    synchronized (s) {
      s.remove(id, h, null);
      s.insert(id, h, state);
    }
  }

  /** Removes the user; returns the aggregate removed, or null. */
  UserState remove(String id) {
    int h = spread(id);
    Segment s = segment(h);
    synchronized (s) {
      return s.remove(id, h, null);
    }
  }

  /** Removes the user only if their aggregate is {@code state}; returns whether it was. */
  boolean remove(String id, UserState state) {
    int h = spread(id);
    Segment s = segment(h);
    synchronized (s) {
      return s.remove(id, h, state) != null;
    }
  }

  /** The number of users: exact when no other thread changes the index, an estimate meanwhile. */
  int size() {
    long n = 0;
    for (Segment s : segments) {
      n += s.live;
    }
    return (int) Math.min(Integer.MAX_VALUE, n);
  }

  /** The ids present, in no particular order: each segment as of the moment it is read. */
  List<String> keys() {
    List<String> out = new ArrayList<>(size());
    for (Segment s : segments) {
      Table t = s.table;
      Object[] kv = t.kv;
      for (int i = 0; i < kv.length; i += 2) {
        Object k = ENTRY.getAcquire(kv, i);
        if (k instanceof String id && ENTRY.getAcquire(kv, i + 1) != null) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /** One generation of a segment's arrays; replaced whole when the segment is rebuilt. */
  private static final class Table {
    /** Id at 2i (a String, null or {@link #TOMBSTONE}), aggregate at 2i + 1. */
    final Object[] kv;

    /** The spread hash of the entry at i, valid while its id is a String. */
    final int[] hashes;

    final int mask;

    Table(int capacity) {
      kv = new Object[2 * capacity];
      hashes = new int[capacity];
      mask = capacity - 1;
    }

    UserState get(String id, int h) {
      int i = find(id, h);
      return i < 0 ? null : (UserState) ENTRY.getAcquire(kv, 2 * i + 1);
    }

    /** The entry holding {@code id} (spread hash {@code h}), or -1. */
    int find(String id, int h) {
      Object[] kv = this.kv;
      int[] hashes = this.hashes;
      for (int i = h & mask; ; i = (i + 1) & mask) {
        Object k = ENTRY.getAcquire(kv, 2 * i);
        if (k == null) {
          return -1;
        }
        // The same String object (ids shared by the caller) needs neither the hash nor equals.
        if (k == id || (k != TOMBSTONE && (int) HASH.get(hashes, i) == h && id.equals(k))) {
          return i;
        }
      }
    }

    /** The first entry from {@code h}'s place on that holds no user: empty or a tombstone. */
    int free(int h) {
      int i = h & mask;
      while (kv[2 * i] instanceof String) {
        i = (i + 1) & mask;
      }
      return i;
    }
  }

  /** A lock (its monitor) and the table it guards; readers take no lock. */
  private static final class Segment {
    volatile Table table;

    /** Entries holding a user; guarded by the monitor, read racily by {@link #size}. */
    volatile int live;

    /** Entries holding a user or a tombstone; guarded by the monitor. */
    int used;

    Segment(int capacity) {
      table = new Table(capacity);
    }

    /** Adds an entry for an id known to be absent. */
    void insert(String id, int h, UserState state) {
      Table t = table;
      if (2 * (used + 1) > t.hashes.length) {
        t = rebuild(t);
      }
      Object[] kv = t.kv;
      int i = t.free(h);
      if (kv[2 * i] == null) {
        used++;
      }
      HASH.setRelease(t.hashes, i, h);
      ENTRY.setRelease(kv, 2 * i + 1, state);
      ENTRY.setRelease(kv, 2 * i, id);
      live = live + 1;
    }

    /** Removes the id's entry, if its aggregate is {@code expected} (any when null). */
    UserState remove(String id, int h, UserState expected) {
      Table t = table;
      int i = t.find(id, h);
      if (i < 0) {
        return null;
      }
      Object[] kv = t.kv;
      UserState s = (UserState) kv[2 * i + 1];
      if (expected != null && s != expected) {
        return null;
      }
      ENTRY.setRelease(kv, 2 * i, TOMBSTONE);
      ENTRY.setRelease(kv, 2 * i + 1, null);
      live = live - 1;
      return s;
    }

    /** New arrays holding the live entries: twice as large if they are over a quarter full. */
    private Table rebuild(Table old) {
      int capacity = old.hashes.length;
      if (4 * (live + 1) > capacity) {
        capacity *= 2;
      }
      Table t = new Table(capacity);
      Object[] from = old.kv;
      for (int i = 0; i < old.hashes.length; i++) {
        Object k = from[2 * i];
        if (k instanceof String) {
          int h = old.hashes[i];
          int j = t.free(h);
          t.hashes[j] = h;
          t.kv[2 * j] = k;
          t.kv[2 * j + 1] = from[2 * i + 1];
        }
      }
      used = live;
      // A volatile write: readers of the new table see it whole.
      table = t;
      return t;
    }
  }
}
