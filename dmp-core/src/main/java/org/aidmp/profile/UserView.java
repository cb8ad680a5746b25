package org.aidmp.profile;

import org.aidmp.profile.live.ProfileView;

/**
 * The {@link ProfileView} of one user's aggregate, with the pending event counted in when there is
 * one. The caller holds the user's lock for as long as the view is used.
 */
final class UserView implements ProfileView {
  // Not final: live intake keeps one view per thread and points it at each event's user in turn.
  private UserState state;
  private Event event;
  private int type;
  private boolean created;
  private final ProfileStore store;

  /**
   * @param event the pending event, or null for a plain read
   * @param type its interned type, or -1
   */
  UserView(UserState state, Event event, int type, boolean created, ProfileStore store) {
    this.state = state;
    this.event = event;
    this.type = type;
    this.created = created;
    this.store = store;
  }

  /** Points this view at {@code state} and the pending {@code event}; returns this. */
  UserView reset(UserState state, Event event, int type, boolean created) {
    this.state = state;
    this.event = event;
    this.type = type;
    this.created = created;
    return this;
  }

  @Override
  public String userId() {
    return state.userId;
  }

  @Override
  public int slot() {
    return state.slot;
  }

  @Override
  public Event event() {
    return event;
  }

  @Override
  public boolean isNewUser() {
    return created;
  }

  @Override
  public int typeId() {
    return type;
  }

  @Override
  public long count(int typeId) {
    long c = typeId < state.typeSlots() ? state.typeCount(typeId) : 0;
    return event != null && typeId == type ? c + 1 : c;
  }

  @Override
  public long events() {
    return event == null ? state.events : state.events + 1;
  }

  @Override
  public double valueSum() {
    return event != null && event.hasValue() ? state.totalValue + event.value() : state.totalValue;
  }

  @Override
  public long firstSeen() {
    return event == null ? state.firstSeen : Math.min(state.firstSeen, event.timestamp());
  }

  @Override
  public long lastSeen() {
    return event == null ? state.lastSeen : Math.max(state.lastSeen, event.timestamp());
  }

  @Override
  public UserProfile profile() {
    if (event == null) {
      return store.snapshotOf(state);
    }
    UserState c = state.copy();
    store.hooks.fold(c, event, type);
    return store.snapshotOf(c);
  }
}
