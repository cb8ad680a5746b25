package org.aidmp.profile;

/**
 * A read view of one user's aggregate in a {@link ProfileStore}, handed to a {@link
 * ProfileStore.SlotReader} while the user's lock is held. Valid only during that call.
 *
 * <pre>{@code
 * long views = store.read("u42", (slot, view) -> view.count(store.typeId("view")));
 * }</pre>
 */
public final class ProfileView {
  private final UserState state;
  private final ProfileStore store;

  ProfileView(UserState state, ProfileStore store) {
    this.state = state;
    this.store = store;
  }

  /** The user's id. */
  public String userId() {
    return state.userId;
  }

  /** The user's dense int id in the store (see {@link PendingEvent#slot()}). */
  public int slot() {
    return state.slot;
  }

  /** Events of the type with id {@code typeId}. */
  public long count(int typeId) {
    return typeId < state.typeSlots() ? state.typeCount(typeId) : 0;
  }

  /** All events of the user. */
  public long events() {
    return state.events;
  }

  /** The sum of the values of the user's events that have one. */
  public double valueSum() {
    return state.totalValue;
  }

  /** The earliest event time, or {@link Long#MAX_VALUE} without events. */
  public long firstSeen() {
    return state.firstSeen;
  }

  /** The latest event time, or {@link Long#MIN_VALUE} without events. */
  public long lastSeen() {
    return state.lastSeen;
  }

  /** A snapshot of the whole profile. */
  public UserProfile profile() {
    return store.snapshotOf(state);
  }
}
