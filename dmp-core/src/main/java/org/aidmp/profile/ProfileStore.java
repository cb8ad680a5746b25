package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.progress.ProgressListener;
import org.aidmp.state.ExpiryReceipt;
import org.aidmp.state.UserStatePart;

/**
 * One aggregate per user, folded from events as they come; memory grows with the number of users
 * (and distinct types, categories and tracked items), never with the number of events.
 *
 * <pre>{@code
 * ProfileStore store = ProfileStore.builder()
 *     .setHalfLife(Duration.ofDays(14))
 *     .setAffinityWeight("purchase", 5)
 *     .build();
 * IngestReport r = store.ingest(events, mapping, BadRecordPolicy.QUARANTINE, quarantine,
 *     ProgressListener.NONE);
 * store.joinAttributes(customers, "customer_id", BadRecordPolicy.FAIL, null);
 * store.accept(new Event("u42", now, "purchase", "sku-7", "books", 19.9));   // live
 * UserProfile p = store.get("u42").orElseThrow();
 * }</pre>
 *
 * <p>Per user it keeps: counts, latest time and value sum per event type; first and last seen;
 * total value; category affinity decayed with the configured half-life (see {@link
 * UserProfile#affinity(String, long)}); optionally the number of distinct items, exact up to a
 * bound; and attributes joined from an attributes source.
 *
 * <p><b>Threads.</b> {@link #accept(Event)} may be called from many threads at once. Each user's
 * aggregate has its own lock, held only for the few field updates of one event, so events of
 * different users never wait for each other and no update is lost; snapshots ({@link #get}, the
 * iteration) take the same lock, so a snapshot never shows half an event. Types, categories and
 * items are interned into small int ids by lock-free lookups.
 *
 * <p><b>Order.</b> Iteration and {@link #userIds()} go in ascending user-id order ({@link
 * String#compareTo}), whatever order or thread the events came in, so fitting on a store is
 * reproducible.
 *
 * <p><b>Attributes.</b> {@link #joinAttributes} attaches each attribute row to the user with that
 * id; a user with attributes but no events is created and kept (with no events), so attribute-only
 * users can be scored and segmented too. A later join overwrites same-named attributes. With {@link
 * Builder#setAllowedAttributes} only the listed columns are kept (an {@code ssn} or {@code email}
 * column is then never stored, so never snapshotted); {@link #joinAttributes(Source, String,
 * Predicate, BadRecordPolicy, Quarantine)} narrows one join further.
 *
 * <p><b>Retention.</b> {@link #expire(Expiry)} drops, on the host's schedule, the event types and
 * attributes whose time to live has passed, and forgets users left with nothing; see there what
 * expiry means for aggregates.
 *
 * <p><b>Persistence.</b> {@link #write(DataOutput)} and {@link #read(DataInput)} save and restore
 * the whole store (settings, aggregates, attributes, interned names) while it keeps taking events.
 *
 * <p><b>Erasure.</b> {@link #forget(String)} (the {@link UserStatePart} contract; {@link #erase} is
 * the same) removes the user and everything kept for them, and tells every {@link ForgetListener}
 * (the live updater clears its rows and caches there). An event for that user accepted afterwards
 * starts a new, empty profile; checking consent before feeding events is the caller's part.
 *
 * <p><b>Caps.</b> Every per-user and per-name structure is bounded, each by a builder setting with
 * a default: users ({@link Builder#setMaxUsers}), user-id length, event types (and an optional
 * allow-list), categories and tracked items. An event beyond a cap is refused with a {@link
 * Refusal} that names the setting ({@link #offer} returns it, {@link #accept} throws it, {@link
 * #ingest} hands the row to its bad-record policy) and changes nothing.
 *
 * <p><b>State beside the store.</b> Each user holds a dense int slot, reused after the user is
 * forgotten; {@link #offer} with an {@link Admission} and {@link #read} run code with the user's
 * lock held, so that state kept in arrays indexed by slot (the live feedback rows) changes and is
 * read together with the profile.
 */
public final class ProfileStore implements Iterable<UserProfile>, UserStatePart {
  private static final int PROGRESS_EVERY = 1 << 16;

  /** The name of this part in forget receipts and snapshots. */
  public static final String PART_NAME = "profiles";

  private final Duration halfLife;
  private final double halfLifeMillis;
  private final int distinctItemLimit;
  private final Map<String, Double> affinityWeights;
  private final ConcurrentHashMap<String, UserState> users;
  private final Interner types;
  private final Interner categories;
  private final Interner items;
  private final Interner attributeNames = new Interner();
  private final int maxUsers;
  private final int maxUserIdLength;
  private final Set<String> allowedTypes;
  private final Set<String> allowedAttributes;

  /** Free user slots and the next never-used one; guarded by itself. */
  private final SlotPool slots;

  private final List<ForgetListener> forgetListeners = new CopyOnWriteArrayList<>();
  private final List<ExpiryListener> expiryListeners = new CopyOnWriteArrayList<>();
  private final LongAdder forgotten = new LongAdder();

  /** Affinity weight per type id, grown as types appear. */
  private volatile double[] typeWeights = new double[0];

  private final LongAdder eventCount = new LongAdder();
  private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

  private ProfileStore(Builder b) {
    this.halfLife = b.halfLife;
    this.halfLifeMillis = b.halfLife.toNanos() / 1e6;
    this.distinctItemLimit = b.distinctItemLimit;
    this.affinityWeights = Map.copyOf(b.affinityWeights);
    this.users = new ConcurrentHashMap<>(Math.max(16, b.expectedUsers * 4 / 3 + 1));
    this.maxUsers = b.maxUsers;
    this.maxUserIdLength = b.maxUserIdLength;
    this.allowedTypes = b.allowedTypes == null ? null : Set.copyOf(b.allowedTypes);
    this.allowedAttributes = b.allowedAttributes == null ? null : Set.copyOf(b.allowedAttributes);
    this.types = new Interner(b.maxEventTypes);
    this.categories = new Interner(b.maxCategories);
    this.items = new Interner(b.maxItems);
    this.slots = new SlotPool(maxUsers);
  }

  /** The default {@link Builder#setMaxUsers}. */
  public static final int DEFAULT_MAX_USERS = 1 << 26;

  /** The default {@link Builder#setMaxUserIdLength}. */
  public static final int DEFAULT_MAX_USER_ID_LENGTH = 256;

  /** The default {@link Builder#setMaxEventTypes}. */
  public static final int DEFAULT_MAX_EVENT_TYPES = 1024;

  /** The default {@link Builder#setMaxCategories}. */
  public static final int DEFAULT_MAX_CATEGORIES = 1 << 16;

  /** The default {@link Builder#setMaxItems}. */
  public static final int DEFAULT_MAX_ITEMS = 1 << 22;

  /** A builder with the defaults: 30-day half-life, weight 1 for every type, no item tracking. */
  public static Builder builder() {
    return new Builder();
  }

  /** A store with the default settings. */
  public static ProfileStore create() {
    return builder().build();
  }

  /** The half-life of category affinity. */
  public Duration halfLife() {
    return halfLife;
  }

  /** The most distinct items kept per user; 0 when items are not tracked. */
  public int distinctItemLimit() {
    return distinctItemLimit;
  }

  /** The affinity weight of an event type: as configured, else 1. */
  public double affinityWeight(String type) {
    Double w = affinityWeights.get(type);
    return w == null ? 1 : w;
  }

  /**
   * Folds one event into its user's profile, creating the profile if needed. Thread-safe; see the
   * class description.
   *
   * @throws IllegalArgumentException if a cap refuses the event ({@link Refusal}); nothing changes
   */
  public void accept(Event e) {
    Refusal r = offer(e, null);
    if (r != null) {
      throw new IllegalArgumentException(r.message());
    }
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
  public Refusal offer(Event e, Admission admission) {
    Objects.requireNonNull(e, "event");
    String id = e.userId();
    if (id.length() > maxUserIdLength) {
      return Refusal.USER_ID_TOO_LONG;
    }
    if (allowedTypes != null && !allowedTypes.contains(e.type())) {
      return Refusal.TYPE_NOT_ALLOWED;
    }
    int type = types.id(e.type());
    if (type < 0) {
      return Refusal.TOO_MANY_TYPES;
    }
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
            users.compute(
                id,
                (k, current) -> {
                  if (current != null) {
                    return current;
                  }
                  int slot = slots.take();
                  if (slot < 0) {
                    outcome[0] = Refusal.TOO_MANY_USERS;
                    return null;
                  }
                  UserState fresh = new UserState(k);
                  fresh.slot = slot;
                  synchronized (fresh) {
                    if (admission != null
                        && !admission.admit(
                            new PendingEvent(fresh, e, type, true, halfLifeMillis, this))) {
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
          if (admission != null
              && !admission.admit(new PendingEvent(s, e, type, false, halfLifeMillis, this))) {
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
   * The interned id of an event type, adding it if new: the index {@link PendingEvent#count} and
   * {@link ProfileView#count} take. -1 if the type is not allowed or the type cap is reached.
   */
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
  public <R> R read(String userId, SlotReader<R> reader) {
    Objects.requireNonNull(reader, "reader");
    UserState s = users.get(Objects.requireNonNull(userId, "userId"));
    if (s == null) {
      return null;
    }
    synchronized (s) {
      return s.erased ? null : reader.read(s.slot, new ProfileView(s, this));
    }
  }

  /**
   * The user's slot, creating an empty profile (no events, like a user known only from attributes)
   * if the store has none.
   *
   * @throws IllegalArgumentException if the id is longer than the cap or the store is full
   */
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
  private UserState stateFor(String id) {
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
  public void addForgetListener(ForgetListener listener) {
    forgetListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Tells {@code listener} about every user whose data is partly expired by {@link #expire}, with
   * the user's lock held. Users expired entirely are forgotten instead, which tells the {@link
   * ForgetListener}s.
   */
  public void addExpiryListener(ExpiryListener listener) {
    expiryListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The attribute names the store keeps, if it keeps only some; empty when it keeps all. */
  public Optional<Set<String>> allowedAttributes() {
    return Optional.ofNullable(allowedAttributes);
  }

  /** The most users the store holds at once. */
  public int maxUsers() {
    return maxUsers;
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
        grown[i] = i < types.size() ? affinityWeight(types.name(i)) : Double.NaN;
      }
      w = grown;
      typeWeights = w;
    }
    if (Double.isNaN(w[type])) {
      // Slots reserved past the types known at growth time are filled once their type exists.
      w[type] = affinityWeight(types.name(type));
    }
    return w[type];
  }

  /** Folds every event, reporting progress under the task name "profile events". */
  public void acceptAll(Iterable<Event> events, ProgressListener progress) {
    Objects.requireNonNull(progress, "progress");
    long n = 0;
    for (Event e : events) {
      accept(e);
      if (++n % PROGRESS_EVERY == 0) {
        progress.onProgress("profile events", n, -1);
      }
    }
    progress.onProgress("profile events", n, n);
  }

  /**
   * Maps every record of {@code source} to an event and folds it in; rows the mapping rejects are
   * handled by {@code policy}. Progress is reported every 65,536 rows under the task name {@code
   * "profile " + source.description()}.
   *
   * @param quarantine where rejected rows go under {@link BadRecordPolicy#QUARANTINE}; may be null
   *     for the other policies
   * @return the row counts
   * @throws BadRecordException for the first bad row under {@link BadRecordPolicy#FAIL}
   * @throws IllegalArgumentException if the source's schema does not fit the mapping
   */
  public IngestReport ingest(
      Source source,
      EventMapping mapping,
      BadRecordPolicy policy,
      Quarantine quarantine,
      ProgressListener progress) {
    return ingest(source, mapping, policy, quarantine, progress, e -> {});
  }

  /**
   * As {@link #ingest(Source, EventMapping, BadRecordPolicy, Quarantine, ProgressListener)}, and
   * hands every accepted event, once it is in the store, to {@code alsoTo}: one read of the source
   * feeds the store and another consumer (interactions for a recommender, say).
   */
  public IngestReport ingest(
      Source source,
      EventMapping mapping,
      BadRecordPolicy policy,
      Quarantine quarantine,
      ProgressListener progress,
      Consumer<Event> alsoTo) {
    Objects.requireNonNull(alsoTo, "alsoTo");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mapping, "mapping");
    checkPolicy(policy, quarantine);
    Objects.requireNonNull(progress, "progress");
    mapping.check(source.schema());
    String task = "profile " + source.description();
    long read = 0;
    long skipped = 0;
    long quarantined = 0;
    try (CloseableIterator<Record> it = source.iterator()) {
      while (it.hasNext()) {
        Record r = it.next();
        read++;
        Event e;
        try {
          e = mapping.map(r);
        } catch (BadRecordException ex) {
          if (policy == BadRecordPolicy.FAIL) {
            throw ex;
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(QuarantinedRecord.of(r, ex.column(), "event-mapping", ex.reason()));
            quarantined++;
          }
          e = null;
        }
        if (e != null) {
          Refusal refused = offer(e, null);
          if (refused == null) {
            alsoTo.accept(e);
          } else if (policy == BadRecordPolicy.FAIL) {
            throw new BadRecordException(
                r.origin().source(), r.origin().line(), refused.column(), refused.message());
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(
                QuarantinedRecord.of(r, refused.column(), "profile-cap", refused.message()));
            quarantined++;
          }
        }
        if (read % PROGRESS_EVERY == 0) {
          progress.onProgress(task, read, -1);
        }
      }
    }
    progress.onProgress(task, read, read);
    return new IngestReport(
        source.description(), read, read - skipped - quarantined, skipped, quarantined);
  }

  /**
   * Attaches the attribute rows of {@code attributes} to users by id: every column other than
   * {@code userIdColumn} becomes an attribute of that name (blank text counts as missing). Users
   * not yet in the store are created with no events and kept. A missing id, or an id that appears a
   * second time in this source, is a bad row handled by {@code policy}; a later call overwrites
   * same-named attributes of the users it names.
   *
   * @param quarantine where rejected rows go under {@link BadRecordPolicy#QUARANTINE}; may be null
   *     otherwise
   * @return the row counts
   * @throws IllegalArgumentException if the id column is not in the source's schema
   */
  public IngestReport joinAttributes(
      Source attributes, String userIdColumn, BadRecordPolicy policy, Quarantine quarantine) {
    return joinAttributes(attributes, userIdColumn, c -> true, policy, quarantine);
  }

  /**
   * As {@link #joinAttributes(Source, String, BadRecordPolicy, Quarantine)}, keeping only the
   * columns {@code keepColumn} accepts (and, if the store was built with {@link
   * Builder#setAllowedAttributes}, that the store allows): other columns are not stored, and their
   * names are not even recorded.
   *
   * @param keepColumn whether an attribute column (by name) may be kept; never asked about the id
   *     column
   */
  public IngestReport joinAttributes(
      Source attributes,
      String userIdColumn,
      Predicate<String> keepColumn,
      BadRecordPolicy policy,
      Quarantine quarantine) {
    Objects.requireNonNull(keepColumn, "keepColumn");
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(userIdColumn, "userIdColumn");
    checkPolicy(policy, quarantine);
    Schema schema = attributes.schema();
    if (!schema.contains(userIdColumn)) {
      throw new IllegalArgumentException(
          "the user id column '"
              + userIdColumn
              + "' is not in the attributes schema "
              + schema.names()
              + "; name the column that holds user ids");
    }
    int idCol = schema.indexOf(userIdColumn);
    int[] attrIds = new int[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      String name = schema.column(i).name();
      attrIds[i] = i == idCol || !keeps(name, keepColumn) ? -1 : attributeNames.id(name);
    }
    Set<String> seen = new HashSet<>();
    long read = 0;
    long skipped = 0;
    long quarantined = 0;
    try (CloseableIterator<Record> it = attributes.iterator()) {
      while (it.hasNext()) {
        Record r = it.next();
        read++;
        String reason = null;
        String id = r.isMissing(idCol) ? null : r.getString(idCol);
        if (id == null) {
          reason = "user id is missing";
        } else if (!seen.add(id)) {
          reason = "user id appears on an earlier row too; keep one attribute row per user";
        }
        if (reason != null) {
          if (policy == BadRecordPolicy.FAIL) {
            throw new BadRecordException(
                r.origin().source(), r.origin().line(), userIdColumn, reason);
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(QuarantinedRecord.of(r, userIdColumn, "attribute-join", reason));
            quarantined++;
          }
          continue;
        }
        if (id.length() > maxUserIdLength) {
          reason = Refusal.USER_ID_TOO_LONG.message();
        }
        UserState s = reason == null ? stateFor(id) : null;
        if (s == null) {
          if (reason == null) {
            reason = Refusal.TOO_MANY_USERS.message();
          }
          if (policy == BadRecordPolicy.FAIL) {
            throw new BadRecordException(
                r.origin().source(), r.origin().line(), userIdColumn, reason);
          } else if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantine.accept(QuarantinedRecord.of(r, userIdColumn, "attribute-join", reason));
            quarantined++;
          }
          continue;
        }
        // stateFor made the user or found them; an erasure since then drops this row with them.
        synchronized (s) {
          if (!s.erased) {
            for (int i = 0; i < attrIds.length; i++) {
              if (attrIds[i] >= 0) {
                s.setAttribute(attrIds[i], r.isMissing(i) ? null : r.get(i));
              }
            }
          }
        }
      }
    }
    return new IngestReport(
        attributes.description(), read, read - skipped - quarantined, skipped, quarantined);
  }

  private boolean keeps(String column, Predicate<String> keepColumn) {
    return (allowedAttributes == null || allowedAttributes.contains(column))
        && keepColumn.test(column);
  }

  private static void checkPolicy(BadRecordPolicy policy, Quarantine quarantine) {
    Objects.requireNonNull(policy, "policy");
    if (policy == BadRecordPolicy.QUARANTINE && quarantine == null) {
      throw new IllegalArgumentException(
          "policy QUARANTINE needs a quarantine; pass one such as Quarantine.inMemory()");
    }
  }

  /** A snapshot of the user's profile, or empty if the store has no such user. */
  public Optional<UserProfile> get(String userId) {
    UserState s = users.get(userId);
    if (s == null) {
      return Optional.empty();
    }
    synchronized (s) {
      return s.erased ? Optional.empty() : Optional.of(snapshot(s));
    }
  }

  private UserProfile snapshot(UserState s) {
    return new UserProfile(s, halfLifeMillis, types, categories, attributeNames);
  }

  /** A snapshot of {@code s}, which the caller holds or owns. */
  UserProfile snapshotOf(UserState s) {
    return snapshot(s);
  }

  /** Whether the store has a profile for the user. */
  public boolean contains(String userId) {
    return users.containsKey(userId);
  }

  /**
   * Removes the user and everything kept for them (counts, affinities, items, attributes).
   *
   * @return whether the user was present
   */
  public boolean erase(String userId) {
    return forget(userId) > 0;
  }

  /**
   * Removes the user and everything kept for them (counts, affinities, items, attributes), tells
   * every {@link ForgetListener} while the user's lock is held, then frees the user's slot. An
   * event for the user accepted afterwards starts a new, empty profile.
   *
   * @return 1 if the store held the user, else 0
   */
  @Override
  public long forget(String userId) {
    Objects.requireNonNull(userId, "userId");
    UserState s = users.remove(userId);
    if (s == null) {
      return 0;
    }
    int slot;
    synchronized (s) {
      slot = s.slot;
      s.clear();
      for (ForgetListener l : forgetListeners) {
        l.forgotten(userId, slot);
      }
    }
    if (slot >= 0) {
      slots.give(slot);
    }
    forgotten.increment();
    return 1;
  }

  /**
   * Removes what has expired, as of the {@code expiry}'s time; see {@link #expire(Expiry,
   * Consumer)}.
   */
  public ExpiryReceipt expire(Expiry expiry) {
    return expire(expiry, id -> {});
  }

  /**
   * Removes what has expired: the host calls this on its own schedule (nightly, say), and the next
   * snapshot written holds none of it.
   *
   * <p><b>Events.</b> The store keeps aggregates per user and event type (count, latest time, value
   * sum), not the events themselves, so a type's aggregate is dropped as a whole once the user's
   * <em>latest</em> event of that type is older than the type's cutoff: then every event in it has
   * expired. Until then the aggregate stays, older events of the type included. Dropping a type
   * takes its count and value sum out of the user's totals and recomputes the user's latest event
   * from the types kept. Three aggregates cannot be split by type and are handled conservatively:
   * the first-seen time stays while any type is kept; the count of valued events is capped at the
   * events left; category affinities and distinct items stay while any type is kept, except that
   * affinities go at once when no kept type has a positive affinity weight (none of them can have
   * contributed). When the last type goes, all of these go with it.
   *
   * <p><b>Attributes.</b> The store keeps no time per attribute value; an attribute expires when
   * the user's latest kept event is older than the attribute's cutoff ({@link
   * Expiry#attributeCutoff}), that is, an attribute outlives the user's activity by its TTL. A user
   * with no event left (or who never had one) has no activity to measure from, so every attribute
   * with a TTL expires for them.
   *
   * <p><b>Users.</b> A user left with no event and no attribute is forgotten (as by {@link
   * #forget}, which tells the {@link ForgetListener}s, so the live state goes too) and handed to
   * {@code emptied}, so that the caller can forget them in parts outside the store. A user who only
   * lost part of their data stays, and the {@link ExpiryListener}s are told (the live updater drops
   * the user's live row, which was computed from the expired data).
   *
   * <p>Safe while events come in: each user is judged and trimmed with their lock held, so an event
   * folded in meanwhile either counts (its type is then recent and kept) or comes after the pass.
   *
   * @param expiry the cutoffs, usually {@code RetentionPolicy.at(now)}
   * @param emptied told the id of every user forgotten because nothing was left; called outside the
   *     user's lock
   * @return what was removed; it holds no ids
   */
  public ExpiryReceipt expire(Expiry expiry, Consumer<String> emptied) {
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(emptied, "emptied");
    long started = System.nanoTime();
    int typeCount = types.size();
    long[] typeCutoffs = new long[typeCount];
    double[] weights = new double[typeCount];
    for (int t = 0; t < typeCount; t++) {
      typeCutoffs[t] = expiry.eventCutoff(types.name(t));
      weights[t] = affinityWeight(types.name(t));
    }
    int attrCount = attributeNames.size();
    long[] attrCutoffs = new long[attrCount];
    for (int a = 0; a < attrCount; a++) {
      attrCutoffs[a] = expiry.attributeCutoff(attributeNames.name(a));
    }
    long[] eventsByType = new long[typeCount];
    long[] attrsByName = new long[attrCount];
    long trimmed = 0;
    long emptiedCount = 0;
    for (String id : userIds()) {
      UserState s = users.get(id);
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
          for (ExpiryListener l : expiryListeners) {
            l.expired(id, s.slot);
          }
        }
      }
      if (empty && forgetIfEmpty(id)) {
        emptiedCount++;
        emptied.accept(id);
      }
    }
    return new ExpiryReceipt(
        expiry.asOf(),
        Duration.ofNanos(System.nanoTime() - started),
        byName(types, eventsByType),
        byName(attributeNames, attrsByName),
        trimmed,
        emptiedCount,
        Map.of());
  }

  private static Map<String, Long> byName(Interner names, long[] counts) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
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
  private boolean forgetIfEmpty(String userId) {
    UserState s = users.get(userId);
    if (s == null) {
      return false;
    }
    int slot;
    synchronized (s) {
      if (s.erased || !s.empty() || !users.remove(userId, s)) {
        return false;
      }
      slot = s.slot;
      s.clear();
      for (ForgetListener l : forgetListeners) {
        l.forgotten(userId, slot);
      }
    }
    if (slot >= 0) {
      slots.give(slot);
    }
    forgotten.increment();
    return true;
  }

  /** {@value #PART_NAME}. */
  @Override
  public String partName() {
    return PART_NAME;
  }

  /** Writes the store as {@link #write(DataOutput)} does; {@link #read(DataInput)} reads it. */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    write(out);
  }

  /** Events accepted plus users forgotten: grows with every change of the profiles. */
  @Override
  public long modelVersion() {
    return eventCount.sum() + forgotten.sum();
  }

  /**
   * The number of users: exact while no other thread adds or erases users, an estimate meanwhile
   * (it is the map's count, which concurrent insertions and removals update apart from the map).
   */
  public int size() {
    return users.size();
  }

  /** The number of events accepted since the store was made (erasure does not lower it). */
  public long eventCount() {
    return eventCount.sum();
  }

  /** The time of the latest event accepted, in epoch milliseconds; empty before any event. */
  public OptionalLong latestEventTime() {
    long l = latest.get();
    return l == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(l);
  }

  /** The event types seen so far, in order of first appearance. */
  public List<String> eventTypes() {
    return names(types);
  }

  /** The item categories seen so far, in order of first appearance. */
  public List<String> categories() {
    return names(categories);
  }

  /** The attribute names joined so far, in order of first appearance. */
  public List<String> attributeNames() {
    return names(attributeNames);
  }

  private static List<String> names(Interner in) {
    int n = in.size();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.name(i));
    }
    return List.copyOf(out);
  }

  /** The user ids present now, in ascending order. */
  public List<String> userIds() {
    String[] ids = users.keySet().toArray(new String[0]);
    Arrays.sort(ids);
    return List.of(ids);
  }

  /**
   * Snapshots of the users present when the iteration starts, in ascending id order; users erased
   * meanwhile are left out. Each profile is snapshotted when reached.
   */
  @Override
  public Iterator<UserProfile> iterator() {
    List<String> ids = userIds();
    return new Iterator<>() {
      private int next;
      private UserProfile pending = advance();

      private UserProfile advance() {
        while (next < ids.size()) {
          Optional<UserProfile> p = get(ids.get(next++));
          if (p.isPresent()) {
            return p.get();
          }
        }
        return null;
      }

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public UserProfile next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        UserProfile p = pending;
        pending = advance();
        return p;
      }
    };
  }

  /** Snapshots of all users, in ascending id order. */
  public List<UserProfile> profiles() {
    List<UserProfile> out = new ArrayList<>(users.size());
    for (UserProfile p : this) {
      out.add(p);
    }
    return out;
  }

  /**
   * Writes the whole store (settings, every user's aggregate and attributes, the interned names) in
   * a compact binary form that {@link #read(DataInput)} restores. The store may keep taking events
   * meanwhile: each user is written whole, as of the moment it is reached. Erased users are not
   * written, so a snapshot taken after {@link #erase(String)} holds nothing of them.
   *
   * @throws IOException from {@code out}
   */
  public void write(DataOutput out) throws IOException {
    Objects.requireNonNull(out, "out");
    List<UserState> states = new ArrayList<>(users.size());
    for (String id : userIds()) {
      UserState s = users.get(id);
      if (s != null) {
        states.add(s);
      }
    }
    ProfileStoreCodec.write(
        out,
        halfLife,
        distinctItemLimit,
        affinityWeights,
        states,
        interners(),
        eventCount.sum(),
        latest.get());
  }

  /**
   * Reads a store written by {@link #write(DataOutput)}, with the same settings, users and names.
   *
   * @throws IOException if the input is not such a store, is of another format version, is
   *     inconsistent or is cut short
   */
  public static ProfileStore read(DataInput in) throws IOException {
    return ProfileStoreCodec.read(Objects.requireNonNull(in, "in"));
  }

  /** The interners in the order the codec writes them: types, categories, items, attributes. */
  Interner[] interners() {
    return new Interner[] {types, categories, items, attributeNames};
  }

  /** Puts read users and counters into this new, empty store. */
  void restore(List<UserState> states, long events, long latestTime) {
    for (UserState s : states) {
      s.slot = slots.take();
      if (s.slot < 0) {
        throw new IllegalStateException(
            "the saved store holds more than maxUsers (" + maxUsers + ") users");
      }
      users.put(s.userId, s);
    }
    eventCount.add(events);
    latest.set(latestTime);
  }

  /** Shows the settings and sizes. */
  @Override
  public String toString() {
    return "ProfileStore["
        + users.size()
        + " users, halfLife="
        + halfLife
        + ", distinctItemLimit="
        + distinctItemLimit
        + "]";
  }

  /**
   * Settings of a {@link ProfileStore}. Each option may be set once; {@link #build()} does not
   * change the builder, so one builder can make several stores.
   */
  public static final class Builder {
    private Duration halfLife = Duration.ofDays(30);
    private int distinctItemLimit;
    private int expectedUsers = 16;
    private int maxUsers = DEFAULT_MAX_USERS;
    private int maxUserIdLength = DEFAULT_MAX_USER_ID_LENGTH;
    private int maxEventTypes = DEFAULT_MAX_EVENT_TYPES;
    private int maxCategories = DEFAULT_MAX_CATEGORIES;
    private int maxItems = DEFAULT_MAX_ITEMS;
    private Set<String> allowedTypes;
    private Set<String> allowedAttributes;
    private final Map<String, Double> affinityWeights = new HashMap<>();
    private final Set<String> set = new HashSet<>();

    private Builder() {}

    private void once(String option) {
      if (!set.add(option)) {
        throw new IllegalStateException(option + " is already set; set each option once");
      }
    }

    /**
     * How fast category affinity fades: an event's weight halves every {@code halfLife}. Default 30
     * days.
     */
    public Builder setHalfLife(Duration halfLife) {
      Objects.requireNonNull(halfLife, "halfLife");
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException(
            "halfLife (" + halfLife + ") must be positive, e.g. Duration.ofDays(30)");
      }
      if (halfLife.compareTo(Duration.ofDays(365L * 10_000)) > 0) {
        throw new IllegalArgumentException(
            "halfLife ("
                + halfLife
                + ") is beyond 10,000 years; for no decay use a long but"
                + " finite half-life");
      }
      once("halfLife");
      this.halfLife = halfLife;
      return this;
    }

    /**
     * Track up to {@code limit} distinct items per user (exact up to the limit, then saturated).
     * Default 0: items are not tracked.
     */
    public Builder setDistinctItemLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException(
            "distinctItemLimit (" + limit + ") is negative; use 0 to not track items");
      }
      once("distinctItemLimit");
      this.distinctItemLimit = limit;
      return this;
    }

    /**
     * How much an event of {@code type} adds to its category's affinity; default 1 for every type,
     * 0 leaves the type out of affinity.
     */
    public Builder setAffinityWeight(String type, double weight) {
      Objects.requireNonNull(type, "type");
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "affinity weight of '" + type + "' (" + weight + ") must be finite and >= 0");
      }
      once("affinityWeight(" + type + ")");
      affinityWeights.put(type, weight);
      return this;
    }

    /** The number of users expected, to size the table once; a hint, not a limit. */
    public Builder setExpectedUsers(int users) {
      if (users < 0) {
        throw new IllegalArgumentException("expectedUsers (" + users + ") is negative");
      }
      once("expectedUsers");
      this.expectedUsers = Math.min(users, 1 << 28);
      return this;
    }

    /**
     * The most users the store holds at once (default {@value ProfileStore#DEFAULT_MAX_USERS}): an
     * event or attribute row that would add one more is refused ({@link Refusal#TOO_MANY_USERS})
     * until users are forgotten. Forgotten users' slots are reused.
     */
    public Builder setMaxUsers(int users) {
      positive(users, "maxUsers");
      once("maxUsers");
      this.maxUsers = users;
      return this;
    }

    /**
     * The longest user id accepted, in chars (default {@value
     * ProfileStore#DEFAULT_MAX_USER_ID_LENGTH}); longer ids are refused ({@link
     * Refusal#USER_ID_TOO_LONG}).
     */
    public Builder setMaxUserIdLength(int chars) {
      positive(chars, "maxUserIdLength");
      once("maxUserIdLength");
      this.maxUserIdLength = chars;
      return this;
    }

    /**
     * Only events of these types are kept; others are refused ({@link Refusal#TYPE_NOT_ALLOWED}).
     * By default every type is kept, up to {@link #setMaxEventTypes}.
     */
    public Builder setEventTypes(Collection<String> types) {
      Objects.requireNonNull(types, "types");
      if (types.isEmpty()) {
        throw new IllegalArgumentException(
            "eventTypes is empty; list the types to keep, e.g. List.of(\"view\", \"purchase\")");
      }
      once("eventTypes");
      this.allowedTypes = new HashSet<>(types);
      return this;
    }

    /**
     * Only attribute columns of these names are kept by {@link ProfileStore#joinAttributes}; other
     * columns (an {@code ssn}, an {@code email}) are left out at the join, so they are never stored
     * or snapshotted. By default every column is kept; an empty list keeps none. Remember the
     * attributes consent is read from: a store that drops them leaves every user's consent unknown.
     */
    public Builder setAllowedAttributes(Collection<String> names) {
      Objects.requireNonNull(names, "names");
      for (String n : names) {
        Objects.requireNonNull(n, "attribute name");
      }
      once("allowedAttributes");
      this.allowedAttributes = new HashSet<>(names);
      return this;
    }

    /**
     * The most distinct event types (default {@value ProfileStore#DEFAULT_MAX_EVENT_TYPES}); an
     * event of a new type beyond it is refused ({@link Refusal#TOO_MANY_TYPES}). Per-user arrays
     * are sized by type ids, so this bounds them too.
     */
    public Builder setMaxEventTypes(int types) {
      positive(types, "maxEventTypes");
      once("maxEventTypes");
      this.maxEventTypes = types;
      return this;
    }

    /**
     * The most distinct categories (default {@value ProfileStore#DEFAULT_MAX_CATEGORIES}); an event
     * with a new category beyond it is refused ({@link Refusal#TOO_MANY_CATEGORIES}).
     */
    public Builder setMaxCategories(int categories) {
      positive(categories, "maxCategories");
      once("maxCategories");
      this.maxCategories = categories;
      return this;
    }

    /**
     * The most distinct items remembered for distinct-item counts (default {@value
     * ProfileStore#DEFAULT_MAX_ITEMS}); with item tracking on, an event with a new item beyond it
     * is refused ({@link Refusal#TOO_MANY_ITEMS}).
     */
    public Builder setMaxItems(int items) {
      positive(items, "maxItems");
      once("maxItems");
      this.maxItems = items;
      return this;
    }

    private static void positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " (" + value + ") must be at least 1");
      }
    }

    /** A new, empty store with these settings. */
    public ProfileStore build() {
      return new ProfileStore(this);
    }
  }

  /**
   * Decides, with the user's lock held, whether an event goes in (see {@link #offer}).
   *
   * <pre>{@code
   * store.offer(event, pending -> liveRows.update(pending.slot(), pending));
   * }</pre>
   */
  @FunctionalInterface
  public interface Admission {
    /** True to fold the event in; false to refuse it, leaving no trace. */
    boolean admit(PendingEvent pending);
  }

  /**
   * Reads a user with the user's lock held (see {@link #read}).
   *
   * @param <R> what the reader returns
   */
  @FunctionalInterface
  public interface SlotReader<R> {
    /** Reads; {@code view} is valid only during the call. */
    R read(int slot, ProfileView view);
  }

  /**
   * Told of every user whose data {@link #expire} trimmed without forgetting them (see {@link
   * #addExpiryListener}).
   */
  @FunctionalInterface
  public interface ExpiryListener {
    /**
     * Called with the user's lock held after their expired data was removed; must not call into the
     * store.
     */
    void expired(String userId, int slot);
  }

  /**
   * The cutoffs a retention pass applies ({@link #expire}): times before which data of each event
   * type or attribute has expired. {@code org.aidmp.privacy.RetentionPolicy#at} makes one from
   * TTLs.
   *
   * <pre>{@code
   * Instant now = Instant.now();
   * long cutoff = now.minus(Duration.ofDays(90)).toEpochMilli();
   * ProfileStore.Expiry views90Days = new ProfileStore.Expiry() {
   *   public Instant asOf() { return now; }
   *   public long eventCutoff(String type) {
   *     return type.equals("view") ? cutoff : Long.MIN_VALUE;
   *   }
   *   public long attributeCutoff(String name) { return Long.MIN_VALUE; }
   * };
   * store.expire(views90Days);
   * }</pre>
   */
  public interface Expiry {
    /** The time the cutoffs were computed for, recorded in the receipt. */
    java.time.Instant asOf();

    /**
     * Epoch milliseconds before which events of {@code type} have expired; {@link Long#MIN_VALUE}
     * when they never expire.
     */
    long eventCutoff(String type);

    /**
     * Epoch milliseconds before which the user's latest event must lie for the attribute {@code
     * name} to expire; {@link Long#MIN_VALUE} when it never expires.
     */
    long attributeCutoff(String name);
  }

  /** Told of every forgotten user (see {@link #addForgetListener}). */
  @FunctionalInterface
  public interface ForgetListener {
    /**
     * Called with the user's lock held, before {@code slot} can be reused; must not call into the
     * store.
     */
    void forgotten(String userId, int slot);
  }

  /** Why the store refused an event or an attribute row; messages hold no values. */
  public enum Refusal {
    /** The user id is longer than {@link Builder#setMaxUserIdLength}. */
    USER_ID_TOO_LONG("userId", "user id is longer than maxUserIdLength; raise it or shorten ids"),
    /** The type is not in {@link Builder#setEventTypes}. */
    TYPE_NOT_ALLOWED("type", "event type is not one of the store's event types; add it there"),
    /** A new type beyond {@link Builder#setMaxEventTypes}. */
    TOO_MANY_TYPES("type", "the store holds maxEventTypes event types; raise it or list types"),
    /** A new category beyond {@link Builder#setMaxCategories}. */
    TOO_MANY_CATEGORIES("category", "the store holds maxCategories categories; raise it"),
    /** A new item beyond {@link Builder#setMaxItems}. */
    TOO_MANY_ITEMS("itemId", "the store holds maxItems items; raise it or stop tracking items"),
    /** A new user beyond {@link Builder#setMaxUsers}. */
    TOO_MANY_USERS("userId", "the store holds maxUsers users; raise it or forget users"),
    /** The {@link Admission} said no. */
    REFUSED_BY_ADMISSION(null, "the event was refused by the store's caller");

    private final String column;
    private final String message;

    Refusal(String column, String message) {
      this.column = column;
      this.message = message;
    }

    /** The event field the refusal is about, or null for the whole event. */
    public String column() {
      return column;
    }

    /** What went wrong and the fix, with no values. */
    public String message() {
      return message;
    }
  }

  /** User slots: freed ones first, then never-used ones up to the cap. */
  private static final class SlotPool {
    private final int max;
    private int next;
    private int[] free = new int[16];
    private int freeCount;

    SlotPool(int max) {
      this.max = max;
    }

    synchronized int take() {
      if (freeCount > 0) {
        return free[--freeCount];
      }
      return next < max ? next++ : -1;
    }

    synchronized void give(int slot) {
      if (freeCount == free.length) {
        free = Arrays.copyOf(free, free.length * 2);
      }
      free[freeCount++] = slot;
    }
  }
}
