package org.aidmp.profile.live;

import org.aidmp.profile.Event;
import org.aidmp.profile.UserProfile;

/**
 * A read view of one user's aggregate in a profile store, handed to the code a {@link LiveStore}
 * runs under the user's lock; valid only during that call. Given to an admission, it reads as the
 * aggregate will be <em>with</em> the pending event, while the store still holds it without.
 *
 * <pre>{@code
 * hooks.offer(event, pending -> pending.count(viewTypeId) < 1_000);  // the event counted in
 * }</pre>
 */
public interface ProfileView {
  /** The user's id. */
  String userId();

  /**
   * The user's dense int id in the store, at least 0 and below the store's maximum user count. It
   * stays the user's until the user is forgotten; then it may be given to a new user, after every
   * forget listener was told.
   */
  int slot();

  /** The event being offered, or null when the view comes from {@link LiveStore#read}. */
  Event event();

  /** Whether the pending event would create the user (refusing it leaves no user behind). */
  boolean isNewUser();

  /** The pending event's interned type id (see {@link LiveStore#typeId}), or -1 without one. */
  int typeId();

  /** Events of the type with id {@code typeId}, the pending one included. */
  long count(int typeId);

  /** All events of the user, the pending one included. */
  long events();

  /** The sum of the values of the user's events that have one, the pending one included. */
  double valueSum();

  /** The earliest event time, or {@link Long#MAX_VALUE} without events. */
  long firstSeen();

  /** The latest event time, or {@link Long#MIN_VALUE} without events. */
  long lastSeen();

  /**
   * A snapshot of the user's whole profile, as it will be with the pending event: costs a copy of
   * the user's aggregate; the store is not changed.
   */
  UserProfile profile();
}
