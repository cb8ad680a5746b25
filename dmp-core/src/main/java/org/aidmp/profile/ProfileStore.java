package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.progress.ProgressListener;

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
 * users can be scored and segmented too. A later join overwrites same-named attributes.
 *
 * <p><b>Persistence.</b> {@link #write(DataOutput)} and {@link #read(DataInput)} save and restore
 * the whole store (settings, aggregates, attributes, interned names) while it keeps taking events.
 *
 * <p><b>Erasure.</b> {@link #erase(String)} removes the user and everything kept for them. An event
 * for that user accepted afterwards starts a new, empty profile; checking consent before feeding
 * events is the caller's part.
 */
public final class ProfileStore implements Iterable<UserProfile> {
  private static final int PROGRESS_EVERY = 1 << 16;

  private final Duration halfLife;
  private final double halfLifeMillis;
  private final int distinctItemLimit;
  private final Map<String, Double> affinityWeights;
  private final ConcurrentHashMap<String, UserState> users;
  private final Interner types = new Interner();
  private final Interner categories = new Interner();
  private final Interner items = new Interner();
  private final Interner attributeNames = new Interner();

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
  }

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
   */
  public void accept(Event e) {
    int type = types.id(e.type());
    double weight = weight(type);
    int category = e.category() == null ? -1 : categories.id(e.category());
    int item = distinctItemLimit > 0 && e.itemId() != null ? items.id(e.itemId()) : -1;
    long t = e.timestamp();
    String id = e.userId();
    while (true) {
      UserState s = users.get(id);
      if (s == null) {
        // A new user enters the map with their first event already in: readers never see a
        // profile with no events for a user whose first event is still being folded in.
        UserState[] created = new UserState[1];
        s =
            users.compute(
                id,
                (k, current) -> {
                  if (current != null) {
                    return current;
                  }
                  UserState fresh = new UserState(k);
                  synchronized (fresh) {
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
                  created[0] = fresh;
                  return fresh;
                });
        if (s == created[0]) {
          break;
        }
      }
      synchronized (s) {
        // Erased between lookup and lock: look again, which makes a fresh profile.
        if (!s.erased) {
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
          accept(e);
          alsoTo.accept(e);
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
      attrIds[i] = i == idCol ? -1 : attributeNames.id(schema.column(i).name());
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
        while (true) {
          UserState s = users.computeIfAbsent(id, UserState::new);
          synchronized (s) {
            if (!s.erased) {
              for (int i = 0; i < attrIds.length; i++) {
                if (attrIds[i] >= 0) {
                  s.setAttribute(attrIds[i], r.isMissing(i) ? null : r.get(i));
                }
              }
              break;
            }
          }
        }
      }
    }
    return new IngestReport(
        attributes.description(), read, read - skipped - quarantined, skipped, quarantined);
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
    UserState s = users.remove(userId);
    if (s == null) {
      return false;
    }
    synchronized (s) {
      s.clear();
    }
    return true;
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

    /** A new, empty store with these settings. */
    public ProfileStore build() {
      return new ProfileStore(this);
    }
  }
}
