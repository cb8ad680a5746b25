package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.data.Source;
import org.aidmp.profile.live.LiveStore;
import org.aidmp.profile.live.Refusal;
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
 * ReadCounts r = store.ingest(events, mapping, BadRecordPolicy.QUARANTINE, quarantine,
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
 * items are interned into small int ids by lock-free lookups, and users are found the same way, in
 * an index that reaches a user's aggregate in one cache miss where a hash map takes two.
 *
 * <p><b>Order.</b> Iteration and {@link #userIds()} go in ascending user-id order ({@link
 * String#compareTo}), whatever order or thread the events came in, so fitting on a store is
 * reproducible.
 *
 * <p><b>Attributes.</b> {@link #joinAttributes} attaches each attribute row to the user with that
 * id; a user with attributes but no events is created and kept (with no events), so attribute-only
 * users can be scored and segmented too. A later join overwrites same-named attributes. With {@link
 * ProfileStoreBuilder#setAllowedAttributes} only the listed columns are kept (an {@code ssn} or
 * {@code email} column is then never stored, so never snapshotted); {@link #joinAttributes(Source,
 * String, Predicate, BadRecordPolicy, Quarantine)} narrows one join further.
 *
 * <p><b>Lifecycle.</b> {@link #expire(Expiry)} drops what has outlived its time to live; {@link
 * #write(DataOutput)} and {@link #read(DataInput)} save and restore the whole store while it keeps
 * taking events; {@link #forget(String)} removes a user and everything kept for them (the live
 * updater's rows and caches too), and an event for that user accepted afterwards starts a new,
 * empty profile: checking consent before feeding events is the caller's part.
 *
 * <p><b>Caps.</b> Every per-user and per-name structure is bounded, each by a builder setting with
 * a default: users ({@link ProfileStoreBuilder#setMaxUsers}), user-id length, event types (and an
 * optional allow-list), categories and tracked items. An event beyond a cap changes nothing and is
 * refused with a message that names the setting ({@link #accept} throws it, {@link #ingest} hands
 * the row to its bad-record policy).
 */
public final class ProfileStore implements Iterable<UserProfile>, UserStatePart {
  /** The name of this part in forget receipts and snapshots. */
  public static final String PART_NAME = "profiles";

  private final Duration halfLife;
  final double halfLifeMillis;
  final int distinctItemLimit;
  final Map<String, Double> affinityWeights;
  final UserIndex users;
  final Interner types;
  final Interner categories;
  final Interner items;
  final Interner attributeNames = new Interner();
  private final int maxUsers;
  final int maxUserIdLength;
  final Set<String> allowedTypes;
  final Set<String> allowedAttributes;

  /** Free user slots and the next never-used one; guarded by itself. */
  final SlotPool slots;

  final List<ObjIntConsumer<String>> forgetListeners = new CopyOnWriteArrayList<>();
  final List<ObjIntConsumer<String>> expiryListeners = new CopyOnWriteArrayList<>();
  final LongAdder forgotten = new LongAdder();

  final LongAdder eventCount = new LongAdder();
  final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

  /** How events go in, and the live updater's hooks. */
  final StoreHooks hooks;

  static {
    LiveStore.Registry.install(store -> store.hooks);
  }

  ProfileStore(ProfileStoreBuilder b) {
    this.halfLife = b.halfLife;
    this.halfLifeMillis = b.halfLife.toNanos() / 1e6;
    this.distinctItemLimit = b.distinctItemLimit;
    this.affinityWeights = Map.copyOf(b.affinityWeights);
    this.users = new UserIndex(b.expectedUsers);
    this.maxUsers = b.maxUsers;
    this.maxUserIdLength = b.maxUserIdLength;
    this.allowedTypes = b.allowedTypes == null ? null : Set.copyOf(b.allowedTypes);
    this.allowedAttributes = b.allowedAttributes == null ? null : Set.copyOf(b.allowedAttributes);
    this.types = new Interner(b.maxEventTypes);
    this.categories = new Interner(b.maxCategories);
    this.items = new Interner(b.maxItems);
    this.slots = new SlotPool(maxUsers);
    this.hooks = new StoreHooks(this);
  }

  /** The default {@link ProfileStoreBuilder#setMaxUsers}. */
  public static final int DEFAULT_MAX_USERS = 1 << 26;

  /** The default {@link ProfileStoreBuilder#setMaxUserIdLength}. */
  public static final int DEFAULT_MAX_USER_ID_LENGTH = 256;

  /** The default {@link ProfileStoreBuilder#setMaxEventTypes}. */
  public static final int DEFAULT_MAX_EVENT_TYPES = 1024;

  /** The default {@link ProfileStoreBuilder#setMaxCategories}. */
  public static final int DEFAULT_MAX_CATEGORIES = 1 << 16;

  /** The default {@link ProfileStoreBuilder#setMaxItems}. */
  public static final int DEFAULT_MAX_ITEMS = 1 << 22;

  /** A builder with the defaults: 30-day half-life, weight 1 for every type, no item tracking. */
  public static ProfileStoreBuilder builder() {
    return new ProfileStoreBuilder();
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
   * @throws IllegalArgumentException if a cap refuses the event; nothing changes
   */
  public void accept(Event e) {
    Refusal r = hooks.offer(e, null);
    if (r != null) {
      throw new IllegalArgumentException(r.message());
    }
  }

  /** The attribute names the store keeps, if it keeps only some; empty when it keeps all. */
  public Optional<Set<String>> allowedAttributes() {
    return Optional.ofNullable(allowedAttributes);
  }

  /** The most users the store holds at once. */
  public int maxUsers() {
    return maxUsers;
  }

  /** Folds every event, reporting progress under the task name "profile events". */
  public void acceptAll(Iterable<Event> events, ProgressListener progress) {
    ProfileIngest.acceptAll(this, events, progress);
  }

  /**
   * Maps every record of {@code source} to an event and folds it in; rows the mapping rejects are
   * handled by {@code policy}. Progress is reported every 65,536 rows under the task name {@code
   * "profile " + source.description()}.
   *
   * @param quarantine where rejected rows go under {@link BadRecordPolicy#QUARANTINE}; may be null
   *     for the other policies
   * @return the row counts: read = accepted + quarantined + skipped
   * @throws BadRecordException for the first bad row under {@link BadRecordPolicy#FAIL}
   * @throws IllegalArgumentException if the source's schema does not fit the mapping
   */
  public ReadCounts ingest(
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
  public ReadCounts ingest(
      Source source,
      EventMapping mapping,
      BadRecordPolicy policy,
      Quarantine quarantine,
      ProgressListener progress,
      Consumer<Event> alsoTo) {
    return ProfileIngest.ingest(this, source, mapping, policy, quarantine, progress, alsoTo);
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
   * @return the row counts: read = accepted + quarantined + skipped
   * @throws IllegalArgumentException if the id column is not in the source's schema
   */
  public ReadCounts joinAttributes(
      Source attributes, String userIdColumn, BadRecordPolicy policy, Quarantine quarantine) {
    return joinAttributes(attributes, userIdColumn, c -> true, policy, quarantine);
  }

  /**
   * As {@link #joinAttributes(Source, String, BadRecordPolicy, Quarantine)}, keeping only the
   * columns {@code keepColumn} accepts (and, if the store was built with {@link
   * ProfileStoreBuilder#setAllowedAttributes}, that the store allows): other columns are not
   * stored, and their names are not even recorded.
   *
   * @param keepColumn whether an attribute column (by name) may be kept; never asked about the id
   *     column
   */
  public ReadCounts joinAttributes(
      Source attributes,
      String userIdColumn,
      Predicate<String> keepColumn,
      BadRecordPolicy policy,
      Quarantine quarantine) {
    return ProfileIngest.joinAttributes(
        this, attributes, userIdColumn, keepColumn, policy, quarantine);
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
   * every forget listener of the live updater while the user's lock is held, then frees the user's
   * slot. An event for the user accepted afterwards starts a new, empty profile.
   *
   * @return 1 if the store held the user, else 0
   */
  @Override
  public long forget(String userId) {
    return hooks.forget(Objects.requireNonNull(userId, "userId"));
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
   * #forget}, which tells the live updater, so the live state goes too) and handed to {@code
   * emptied}, so that the caller can forget them in parts outside the store. A user who only lost
   * part of their data stays, and the live updater is told (it drops the user's live row, which was
   * computed from the expired data).
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
    return ProfileExpiry.expire(this, expiry, emptied);
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
   * (it sums per-segment counts, which concurrent insertions and removals change meanwhile).
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
    String[] ids = users.keys().toArray(new String[0]);
    Arrays.sort(ids);
    return List.of(ids);
  }

  /**
   * Snapshots of the users present when the iteration starts, in ascending id order; users erased
   * meanwhile are left out. Each profile is snapshotted when reached.
   */
  @Override
  public Iterator<UserProfile> iterator() {
    return new ProfileIterator(this, userIds());
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
    ProfileStoreCodec.write(Objects.requireNonNull(out, "out"), this);
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
}
