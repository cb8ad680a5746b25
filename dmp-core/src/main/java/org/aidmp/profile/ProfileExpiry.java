package org.aidmp.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.aidmp.state.ExpiryReceipt;

/**
 * A retention pass over a {@link ProfileStore} ({@link ProfileStore#expire(ProfileStore.Expiry,
 * Consumer)} says what it removes): each user is judged and trimmed with their lock held, and a
 * user left with nothing is forgotten.
 */
final class ProfileExpiry {
  private ProfileExpiry() {}

  static ExpiryReceipt expire(
      ProfileStore store, ProfileStore.Expiry expiry, Consumer<String> emptied) {
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(emptied, "emptied");
    long started = System.nanoTime();
    int typeCount = store.types.size();
    long[] typeCutoffs = new long[typeCount];
    double[] weights = new double[typeCount];
    for (int t = 0; t < typeCount; t++) {
      typeCutoffs[t] = expiry.eventCutoff(store.types.name(t));
      weights[t] = store.affinityWeight(store.types.name(t));
    }
    int attrCount = store.attributeNames.size();
    long[] attrCutoffs = new long[attrCount];
    for (int a = 0; a < attrCount; a++) {
      attrCutoffs[a] = expiry.attributeCutoff(store.attributeNames.name(a));
    }
    long[] eventsByType = new long[typeCount];
    long[] attrsByName = new long[attrCount];
    long trimmed = 0;
    long emptiedCount = 0;
    for (String id : store.userIds()) {
      UserState s = store.users.get(id);
      if (s == null) {
        continue;
      }
      boolean empty;
      synchronized (s) {
        if (s.erased) {
          continue;
        }
        boolean changed = false;
        int slots = Math.min(s.typeSlots(), typeCount);
        for (int t = 0; t < slots; t++) {
          if (s.typeCount(t) > 0
              && typeCutoffs[t] != Long.MIN_VALUE
              && s.typeLast(t) < typeCutoffs[t]) {
            eventsByType[t] += s.dropType(t);
            changed = true;
          }
        }
        if (changed && s.events > 0 && s.catCount > 0) {
          boolean contributes = false;
          for (int t = 0; t < s.typeSlots() && !contributes; t++) {
            // A type interned after the pass began has no weight read yet: count it as weighing.
            contributes = s.typeCount(t) > 0 && (t >= typeCount || weights[t] > 0);
          }
          if (!contributes) {
            s.clearAffinity();
          }
        }
        int attrs = Math.min(s.attributes.length, attrCount);
        for (int a = 0; a < attrs; a++) {
          if (s.attributes[a] != null
              && attrCutoffs[a] != Long.MIN_VALUE
              && (s.events == 0 || s.lastSeen < attrCutoffs[a])) {
            s.attributes[a] = null;
            attrsByName[a]++;
            changed = true;
          }
        }
        empty = s.empty();
        if (changed && !empty) {
          trimmed++;
          for (ObjIntConsumer<String> l : store.expiryListeners) {
            l.accept(id, s.slot);
          }
        }
      }
      if (empty && forgetIfEmpty(store, id)) {
        emptiedCount++;
        emptied.accept(id);
      }
    }
    return new ExpiryReceipt(
        expiry.asOf(),
        Duration.ofNanos(System.nanoTime() - started),
        byName(store.types, eventsByType),
        byName(store.attributeNames, attrsByName),
        trimmed,
        emptiedCount,
        Map.of());
  }

  private static Map<String, Long> byName(Interner names, long[] counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.put(names.name(i), counts[i]);
      }
    }
    return out;
  }

  /**
   * Forgets the user if they are still in the store with no event and no attribute (an event may
   * have arrived since they were judged).
   */
  private static boolean forgetIfEmpty(ProfileStore store, String userId) {
    UserState s = store.users.get(userId);
    if (s == null) {
      return false;
    }
    int slot;
    synchronized (s) {
      if (s.erased || !s.empty() || !store.users.remove(userId, s)) {
        return false;
      }
      slot = s.slot;
      s.clear();
      for (ObjIntConsumer<String> l : store.forgetListeners) {
        l.accept(userId, slot);
      }
    }
    if (slot >= 0) {
      store.slots.give(slot);
    }
    store.forgotten.increment();
    return true;
  }
}
