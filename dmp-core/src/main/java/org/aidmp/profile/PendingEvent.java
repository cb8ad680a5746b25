package org.aidmp.profile;

/**
 * One event on its way into a {@link ProfileStore}, shown to an {@link ProfileStore.Admission}
 * before it is folded in: the counters read as they will be <em>with</em> the event, while the
 * store still holds them without it. Valid only during the admission call, which runs with the
 * user's lock held; do not keep it.
 *
 * <pre>{@code
 * store.offer(event, pending -> {
 *   long views = pending.count(viewTypeId);   // includes this event if it is a view
 *   return views < 1_000;                     // refuse: nothing changes, no user is created
 * });
 * }</pre>
 */
public final class PendingEvent {
  private final UserState state;
  private final Event event;
  private final int type;
  private final boolean created;
  private final double halfLifeMillis;
  private final ProfileStore store;

  PendingEvent(
      UserState state,
      Event event,
      int type,
      boolean created,
      double halfLifeMillis,
      ProfileStore store) {
    this.state = state;
    this.event = event;
    this.type = type;
    this.created = created;
    this.halfLifeMillis = halfLifeMillis;
    this.store = store;
  }

  /** The event being offered. */
  public Event event() {
    return event;
  }

  /** The user's id. */
  public String userId() {
    return state.userId;
  }

  /**
   * The user's dense int id in the store, at least 0 and below the store's maximum user count. It
   * stays the user's until the user is forgotten; then it may be given to a new user, after every
   * {@link ProfileStore.ForgetListener} was told.
   */
  public int slot() {
    return state.slot;
  }

  /** Whether the event would create the user (refusing it leaves no user behind). */
  public boolean isNewUser() {
    return created;
  }

  /** The event's interned type id (see {@link ProfileStore#typeId}). */
  public int typeId() {
    return type;
  }

  /** Events of the type with id {@code typeId}, this one included. */
  public long count(int typeId) {
    long c = typeId < state.typeSlots() ? state.typeCount(typeId) : 0;
    return typeId == type ? c + 1 : c;
  }

  /** All events of the user, this one included. */
  public long events() {
    return state.events + 1;
  }

  /** The sum of the values of the user's events that have one, this one included. */
  public double valueSum() {
    return event.hasValue() ? state.totalValue + event.value() : state.totalValue;
  }

  /** The earliest event time, this one included. */
  public long firstSeen() {
    return Math.min(state.firstSeen, event.timestamp());
  }

  /** The latest event time, this one included. */
  public long lastSeen() {
    return Math.max(state.lastSeen, event.timestamp());
  }

  /**
   * The user's whole profile as it will be with this event. Costs a copy of the user's aggregate;
   * the store is not changed.
   */
  public UserProfile profile() {
    UserState c = state.copy();
    store.fold(c, event, type);
    return store.snapshotOf(c);
  }
}
