package org.aidmp.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Interactions;

/**
 * Lets the events of consenting users into the interactions. Consent is asked once per user, of
 * the user's profile: attributes are joined before events stream past, so it is known then. A
 * user the store has not seen yet (no attribute row, first event) is held back until the store
 * knows them, at the latest at {@link #finish()}; at most one event per user waits.
 */
final class ConsentGate {
  private final Predicate<UserProfile> consent;
  private final ProfileStore store;
  private final Interactions.Builder pairs;
  private final Map<String, Boolean> decided = new HashMap<>();
  private final Map<String, List<Event>> waiting = new HashMap<>();

  ConsentGate(Predicate<UserProfile> consent, ProfileStore store, Interactions.Builder pairs) {
    this.consent = consent;
    this.store = store;
    this.pairs = pairs;
  }

  void offer(Event e) {
    Boolean ok = decided.get(e.userId());
    if (ok == null) {
      Optional<UserProfile> profile = store.get(e.userId());
      if (profile.isEmpty()) {
        waiting.computeIfAbsent(e.userId(), k -> new ArrayList<>(1)).add(e);
        return;
      }
      ok = decide(e.userId(), profile.get());
    }
    if (ok) {
      add(e);
    }
  }

  /** Decides for every user still waiting; the store knows them all once the events are in. */
  void finish() {
    for (String id : List.copyOf(waiting.keySet())) {
      decide(id, store.get(id).orElseThrow());
    }
  }

  private boolean decide(String userId, UserProfile profile) {
    boolean ok = consent.test(profile);
    decided.put(userId, ok);
    List<Event> held = waiting.remove(userId);
    if (ok && held != null) {
      held.forEach(this::add);
    }
    return ok;
  }

  private void add(Event e) {
    pairs.add(e.userId(), e.itemId(), e.type(), e.timestamp());
  }
}
