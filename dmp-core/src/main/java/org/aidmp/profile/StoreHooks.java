package org.aidmp.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.profile.live.ProfileView;
import org.aidmp.profile.live.Refusal;

/**
 * How events go into a {@link ProfileStore}'s user aggregates: the caps checked, names interned,
 * the user found or made with a slot, and the event folded in under the user's lock. It is also the
 * store's {@link LiveStore}: the live updater keeps its rows under the same slots and runs its
 * admission under the same lock.
 */
final class StoreHooks implements LiveStore {
  private final ProfileStore store;
  // The store's settings and tables, copied so that intake reads them as its own fields.
  private final UserIndex users;
  private final SlotPool slots;
  private final Interner types;
  private final Interner categories;
  private final Interner items;
  private final int maxUserIdLength;
  private final Set<String> allowedTypes;
  private final int distinctItemLimit;
  private final double halfLifeMillis;
  private final LongAdder eventCount;
  private final AtomicLong latest;
  private final List<ObjIntConsumer<String>> forgetListeners;
  private final List<ObjIntConsumer<String>> expiryListeners;
  private final LongAdder forgotten;

  /** Affinity weight per type id, grown as types appear. */
  private volatile double[] typeWeights = new double[0];

  /** Made at the end of the store's constructor, once its fields are set. */
  StoreHooks(ProfileStore store) {
    this.store = store;
    this.users = store.users;
    this.slots = store.slots;
    this.types = store.types;
    this.categories = store.categories;
    this.items = store.items;
    this.maxUserIdLength = store.maxUserIdLength;
    this.allowedTypes = store.allowedTypes;
    this.distinctItemLimit = store.distinctItemLimit;
    this.halfLifeMillis = store.halfLifeMillis;
    this.eventCount = store.eventCount;
    this.latest = store.latest;
    this.forgetListeners = store.forgetListeners;
    this.expiryListeners = store.expiryListeners;
    this.forgotten = store.forgotten;
  }

  /**
   * Folds one event in unless a cap or {@code admission} refuses it; a refused event changes
   * nothing: no counter moves and a user it would have created is not created. The admission runs
   * with the user's lock held, after the caps passed and before the event is folded in, so state
   * kept beside the store (a live feature row, say) changes at the same moment as the profile.
   *
   * @param admission may be null (admit everything the caps allow); it must not call into this
   *     store for another user, and must be quick: the user's lock is held
   * @return null if the event was folded in, otherwise why not
   */
  @Override
  public Refusal offer(Event e, Predicate<ProfileView> admission) {
    Objects.requireNonNull(e, "event");
    if (e.userId().length() > maxUserIdLength) {
      return Refusal.USER_ID_TOO_LONG;
    }
    if (allowedTypes != null && !allowedTypes.contains(e.type())) {
      return Refusal.TYPE_NOT_ALLOWED;
    }
    int type = types.id(e.type());
    if (type < 0) {
      return Refusal.TOO_MANY_TYPES;
    }
    return offerInterned(e, type, admission, null);
  }

  @Override
  public Refusal offer(Event e, int typeId, Predicate<ProfileView> admission, ProfileView view) {
    Objects.requireNonNull(e, "event");
    if (typeId < 0 || typeId >= types.size()) {
      throw new IllegalArgumentException(
          "type id " + typeId + " is not one typeId(String) returned; intern the type first");
    }
    if (e.userId().length() > maxUserIdLength) {
      return Refusal.USER_ID_TOO_LONG;
    }
    return offerInterned(e, typeId, admission, (UserView) view);
  }

  @Override
  public ProfileView newView() {
    return new UserView(null, null, -1, false, store);
  }

  @Override
  public long warm(Event[] events, int n, int[] slots) {
    long seen = 0;
    // Level by level: the ids' strings, then the map entries, then the aggregates. The loads of
    // one level are independent, so the CPU has all of them in flight at once.
    for (int i = 0; i < n; i++) {
      Event e = events[i];
      seen += e == null ? 0 : e.userId().hashCode();
    }
    UserState[] found = new UserState[n];
    for (int i = 0; i < n; i++) {
      Event e = events[i];
      found[i] = e == null ? null : users.get(e.userId());
    }
    for (int i = 0; i < n; i++) {
      UserState s = found[i];
      if (s == null) {
        slots[i] = -1;
        continue;
      }
      slots[i] = s.slot;
      int type = types.find(events[i].type());
      seen += type >= 0 ? s.peekTypeCount(type) : s.events;
    }
    return seen;
  }

  /** The caps past the type, then the fold; {@code view} is reused when not null. */
  private Refusal offerInterned(
      Event e, int type, Predicate<ProfileView> admission, UserView view) {
    String id = e.userId();
    int category = e.category() == null ? -1 : categories.id(e.category());
    if (category < 0 && e.category() != null) {
      return Refusal.TOO_MANY_CATEGORIES;
    }
    int item = distinctItemLimit > 0 && e.itemId() != null ? items.id(e.itemId()) : -1;
    if (item < 0 && distinctItemLimit > 0 && e.itemId() != null) {
      return Refusal.TOO_MANY_ITEMS;
    }
    double weight = weight(type);
    long t = e.timestamp();
    while (true) {
      UserState s = users.get(id);
      if (s == null) {
        // A new user enters the map with their first event already in: readers never see a
        // profile with no events for a user whose first event is still being folded in.
        Object[] outcome = new Object[1];
        s =
            users.computeIfAbsent(
                id,
                k -> {
                  int slot = slots.take();
                  if (slot < 0) {
                    outcome[0] = Refusal.TOO_MANY_USERS;
                    return null;
                  }
                  UserState fresh = new UserState(k);
                  fresh.slot = slot;
                  synchronized (fresh) {
                    if (admission != null && !admission.test(view(view, fresh, e, type, true))) {
                      slots.give(slot);
                      outcome[0] = Refusal.REFUSED_BY_ADMISSION;
                      return null;
                    }
                    fresh.add(
                        t,
                        type,
                        e.value(),
                        category,
                        weight,
                        halfLifeMillis,
                        item,
                        distinctItemLimit);
                  }
                  outcome[0] = fresh;
                  return fresh;
                });
        if (outcome[0] instanceof Refusal r) {
          return r;
        }
        if (s == outcome[0]) {
          break;
        }
      }
      synchronized (s) {
        // Erased between lookup and lock: look again, which makes a fresh profile.
        if (!s.erased) {
          if (admission != null && !admission.test(view(view, s, e, type, false))) {
            return Refusal.REFUSED_BY_ADMISSION;
          }
          s.add(t, type, e.value(), category, weight, halfLifeMillis, item, distinctItemLimit);
          break;
        }
      }
    }
    eventCount.increment();
    long l = latest.get();
    if (t > l) {
      latest.accumulateAndGet(t, Math::max);
    }
    return null;
  }

  private UserView view(UserView reuse, UserState s, Event e, int type, boolean created) {
    return reuse != null
        ? reuse.reset(s, e, type, created)
        : new UserView(s, e, type, created, store);
  }

  /** Folds {@code e} (of interned type {@code type}) into {@code s}, which the caller holds. */
  void fold(UserState s, Event e, int type) {
    int category = e.category() == null ? -1 : categories.find(e.category());
    int item = distinctItemLimit > 0 && e.itemId() != null ? items.find(e.itemId()) : -1;
    s.add(
        e.timestamp(),
        type,
        e.value(),
        category,
        weight(type),
        halfLifeMillis,
        item,
        distinctItemLimit);
  }

  /**
   * The interned id of an event type, adding it if new: the index {@link ProfileView#count} takes.
   * -1 if the type is not allowed or the type cap is reached.
   */
  @Override
  public int typeId(String type) {
    Objects.requireNonNull(type, "type");
    if (allowedTypes != null && !allowedTypes.contains(type)) {
      return -1;
    }
    return types.id(type);
  }

  /**
   * Reads the user's aggregate and slot with the user's lock held, so that state kept beside the
   * store under the same slot is read at the same moment.
   *
   * @return what {@code reader} returned, or null if the store has no such user
   */
  @Override
  public <R> R read(String userId, Function<ProfileView, R> reader) {
    Objects.requireNonNull(reader, "reader");
    UserState s = users.get(Objects.requireNonNull(userId, "userId"));
    if (s == null) {
      return null;
    }
    synchronized (s) {
      return s.erased ? null : reader.apply(new UserView(s, null, -1, false, store));
    }
  }

  /**
   * The user's slot, creating an empty profile (no events, like a user known only from attributes)
   * if the store has none.
   *
   * @throws IllegalArgumentException if the id is longer than the cap or the store is full
   */
  @Override
  public int ensure(String userId) {
    Objects.requireNonNull(userId, "userId");
    if (userId.length() > maxUserIdLength) {
      throw new IllegalArgumentException(Refusal.USER_ID_TOO_LONG.message());
    }
    UserState s = stateFor(userId);
    if (s == null) {
      throw new IllegalArgumentException(Refusal.TOO_MANY_USERS.message());
    }
    synchronized (s) {
      return s.slot;
    }
  }

  /** The user's state, made empty with a slot if absent; null when the store is full. */
  UserState stateFor(String id) {
    while (true) {
      UserState s =
          users.computeIfAbsent(
              id,
              k -> {
                int slot = slots.take();
                if (slot < 0) {
                  return null;
                }
                UserState fresh = new UserState(k);
                fresh.slot = slot;
                return fresh;
              });
      if (s == null) {
        return null;
      }
      synchronized (s) {
        if (!s.erased) {
          return s;
        }
      }
    }
  }

  /**
   * Tells {@code listener} about every user forgotten from now on, with the user's lock held and
   * before their slot can be given to another user. Listeners clear what they keep under that slot.
   */
  @Override
  public void addForgetListener(ObjIntConsumer<String> listener) {
    forgetListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Tells {@code listener} about every user whose data is partly expired by {@link
   * ProfileStore#expire}, with the user's lock held. Users expired entirely are forgotten instead,
   * which tells the forget listeners.
   */
  @Override
  public void addExpiryListener(ObjIntConsumer<String> listener) {
    expiryListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private double weight(int type) {
    double[] w = typeWeights;
    if (type < w.length) {
      double x = w[type];
      if (!Double.isNaN(x)) {
        return x;
      }
    }
    return growWeights(type);
  }

  private synchronized double growWeights(int type) {
    double[] w = typeWeights;
    if (type >= w.length) {
      int n = Math.max(type + 1, w.length * 2);
      double[] grown = Arrays.copyOf(w, n);
      for (int i = w.length; i < n; i++) {
        grown[i] = i < types.size() ? store.affinityWeight(types.name(i)) : Double.NaN;
      }
      w = grown;
      typeWeights = w;
    }
    if (Double.isNaN(w[type])) {
      // Slots reserved past the types known at growth time are filled once their type exists.
      w[type] = store.affinityWeight(types.name(type));
    }
    return w[type];
  }

  /** Forgets the user (see {@link ProfileStore#forget}); 1 if they were there, else 0. */
  long forget(String userId) {
    UserState s = users.remove(userId);
    if (s == null) {
      return 0;
    }
    int slot;
    synchronized (s) {
      slot = s.slot;
      s.clear();
      for (ObjIntConsumer<String> l : forgetListeners) {
        l.accept(userId, slot);
      }
    }
    if (slot >= 0) {
      slots.give(slot);
    }
    forgotten.increment();
    return 1;
  }
}
