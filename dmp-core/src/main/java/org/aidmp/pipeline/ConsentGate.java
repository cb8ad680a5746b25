package org.aidmp.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Interactions;

/**
 * Lets the item events of consenting users into the interactions. Consent is asked once per user,
 * of the user's profile when their first event is in the store: attributes are joined before the
 * events stream past, so it is known then.
 */
final class ConsentGate {
  private final Predicate<UserProfile> consent;
  private final ProfileStore store;
  private final Interactions.Builder pairs;
  private final Map<String, Boolean> decided = new HashMap<>();

  ConsentGate(Predicate<UserProfile> consent, ProfileStore store, Interactions.Builder pairs) {
    this.consent = consent;
    this.store = store;
    this.pairs = pairs;
  }

  /** Offers an event the store has just accepted. */
  void offer(Event e) {
    if (e.itemId() == null) {
      return;
    }
    // A user erased meanwhile has no profile to ask: no consent.
    boolean ok =
        decided.computeIfAbsent(e.userId(), id -> store.get(id).map(consent::test).orElse(false));
    if (ok) {
      pairs.add(e.userId(), e.itemId(), e.type(), e.timestamp());
    }
  }
}
