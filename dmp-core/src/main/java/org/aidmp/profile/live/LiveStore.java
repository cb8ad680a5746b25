package org.aidmp.profile.live;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;

/**
 * State beside a {@link ProfileStore}: each user holds a dense int slot, reused after the user is
 * forgotten, and {@link #offer} with an admission and {@link #read} run code with the user's lock
 * held, so that state kept in arrays indexed by slot changes and is read together with the profile.
 *
 * <pre>{@code
 * LiveStore hooks = LiveStore.of(store);
 * hooks.offer(event, pending -> liveRows.update(pending.slot(), pending));
 * long views = hooks.read("u42", view -> view.count(hooks.typeId("view")));
 * }</pre>
 */
public interface LiveStore {
  /** The hooks of {@code store}. */
  static LiveStore of(ProfileStore store) {
    return Registry.hooksOf(Objects.requireNonNull(store, "store"));
  }

  /**
   * Folds one event in unless a cap or {@code admission} refuses it; a refused event changes
   * nothing: no counter moves and a user it would have created is not created. The admission runs
   * with the user's lock held, after the caps passed and before the event is folded in, so state
   * kept beside the store (a live feature row, say) changes at the same moment as the profile.
   *
   * @param admission may be null (admit everything the caps allow); it must not call into the store
   *     for another user, and must be quick: the user's lock is held. The view it is given counts
   *     the event in and is valid only during the call.
   * @return null if the event was folded in, otherwise why not
   */
  Refusal offer(Event e, Predicate<ProfileView> admission);

  /**
   * {@link #offer(Event, Predicate)} for a caller that interned the event's type once with {@link
   * #typeId} and keeps a view per thread: the hot path of live intake, which then neither looks the
   * type up nor allocates a view per event.
   *
   * @param typeId the event type's id from {@link #typeId}, at least 0
   * @param view a view from {@link #newView()}, used by one thread at a time, or null for a new one
   */
  Refusal offer(Event e, int typeId, Predicate<ProfileView> admission, ProfileView view);

  /** A view to hand back to {@link #offer(Event, int, Predicate, ProfileView)}, one per thread. */
  ProfileView newView();

  /**
   * Reads, without changing anything or taking a lock, what offering {@code events[0, n)} will
   * touch first (each user's id, entry and aggregate), one step for all of them before the next:
   * the memory misses of independent users then overlap, where one event at a time waits them out
   * in turn. Writes each user's slot to {@code slots[i]}, -1 if the store does not hold them yet;
   * the slots are hints, read without the user's lock.
   *
   * @param events may hold nulls, which are skipped
   * @return a value computed from what was read, to keep the reads from being optimised away
   */
  long warm(Event[] events, int n, int[] slots);

  /**
   * Reads the user's aggregate and slot with the user's lock held, so that state kept beside the
   * store under the same slot is read at the same moment.
   *
   * @param reader given a view valid only during the call
   * @return what {@code reader} returned, or null if the store has no such user
   */
  <R> R read(String userId, Function<ProfileView, R> reader);

  /**
   * The user's slot, creating an empty profile (no events, like a user known only from attributes)
   * if the store has none.
   *
   * @throws IllegalArgumentException if the id is longer than the cap or the store is full
   */
  int ensure(String userId);

  /**
   * The interned id of an event type, adding it if new: the index {@link ProfileView#count} takes.
   * -1 if the type is not allowed or the type cap is reached.
   */
  int typeId(String type);

  /**
   * Tells {@code listener} (user id, slot) about every user forgotten from now on, with the user's
   * lock held and before their slot can be given to another user. Listeners clear what they keep
   * under that slot and must not call into the store.
   */
  void addForgetListener(ObjIntConsumer<String> listener);

  /**
   * Tells {@code listener} (user id, slot) about every user whose data is partly expired by {@link
   * ProfileStore#expire}, with the user's lock held. Users expired entirely are forgotten instead,
   * which tells the forget listeners.
   */
  void addExpiryListener(ObjIntConsumer<String> listener);

  /**
   * Where the profile package hands over how to make the hooks of a store; it does so once, when
   * {@link ProfileStore} is initialised, which happens before any store exists.
   */
  final class Registry {
    private static volatile Function<ProfileStore, LiveStore> factory;

    private Registry() {}

    /**
     * Called once by {@link ProfileStore}'s initialisation.
     *
     * @throws IllegalStateException if called again
     */
    public static synchronized void install(Function<ProfileStore, LiveStore> f) {
      if (factory != null) {
        throw new IllegalStateException("the live store hooks are installed already");
      }
      factory = Objects.requireNonNull(f, "factory");
    }

    static LiveStore hooksOf(ProfileStore store) {
      return factory.apply(store);
    }
  }
}
