package org.aidmp.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Interactions;

/**
 * Lets the item events of consenting users into the interactions. Consent is asked once per user,
 * of the user's profile when their first event is in the store: attributes are joined before the
 * events stream past, so it is known then. Events of types kept for profiles only stay out, and so
 * do events of types without a weight, which only a mapping without a type list lets through; those
 * are counted per type, for the pipeline to report.
 */
final class ConsentGate {
  private final Predicate<UserProfile> consent;
  private final ProfileStore store;
  private final Interactions.Builder pairs;
  private final Set<String> weighted;
  private final Set<String> profileOnly;
  private final Map<String, Boolean> decided = new HashMap<>();
  private final Map<String, Long> unweighted = new TreeMap<>();

  ConsentGate(
      Predicate<UserProfile> consent,
      ProfileStore store,
      Interactions.Builder pairs,
      Set<String> profileOnly) {
    this.consent = consent;
    this.store = store;
    this.pairs = pairs;
    this.weighted = pairs.weightedTypes();
    this.profileOnly = profileOnly;
  }

  /** Offers an event the store has just accepted. */
  void offer(Event e) {
    if (e.itemId() == null || profileOnly.contains(e.type())) {
      return;
    }
    if (!weighted.contains(e.type())) {
      unweighted.merge(e.type(), 1L, Long::sum);
      return;
    }
    // A user erased meanwhile has no profile to ask: no consent.
    boolean ok =
        decided.computeIfAbsent(e.userId(), id -> store.get(id).map(consent::test).orElse(false));
    if (ok) {
      pairs.add(e.userId(), e.itemId(), e.type(), e.timestamp());
    }
  }

  /** Events left out for want of a weight, per type, in type order. */
  Map<String, Long> unweighted() {
    return unweighted;
  }
}
