package org.aidmp.recommend;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.aidmp.internal.codec.Codec;
import org.aidmp.internal.codec.Magic;
import org.aidmp.state.UserStatePart;

/**
 * An immutable sparse user × item matrix of interaction weights, built from events, with a weight
 * per event type and optional time decay. Memory is proportional to the number of distinct (user,
 * item) pairs: rows by user and columns by item, each as compressed arrays.
 *
 * <pre>{@code
 * Interactions x = Interactions.builder()
 *     .setWeight("view", 1).setWeight("cart", 3).setWeight("purchase", 5)
 *     .setTimeDecay(Duration.ofDays(30), nowMillis)
 *     .add("u1", "sku-9", "view", t1)
 *     .add("u1", "sku-9", "purchase", t2)
 *     .build();
 * float w = x.weight(x.userIndex("u1"), x.itemIndex("sku-9"));
 * }</pre>
 *
 * <p>Users and items are numbered 0.. in the order they were first added; ids are looked up with
 * {@link #userIndex(String)} and {@link #itemIndex(String)}, which return -1 for unknown ids.
 *
 * <p><b>Forgetting a user</b> ({@link #forget}) leaves a tombstone: the user's index stays taken
 * but its id becomes the empty string, {@link #userIndex(String)} no longer finds it, and every
 * weight of the user is set to 0 in both directions, so no recommender built on these interactions
 * uses the user as a neighbour or recommends for them. Aggregates a model computed when it was
 * fitted (item similarities, EASE weights, popularity counts) keep the user's influence until the
 * next fit; refit to remove it. {@link #writeTo} compacts: tombstones are not written.
 */
public final class Interactions implements UserStatePart {
  /** The id a forgotten user's index answers with. */
  public static final String FORGOTTEN = "";

  private final String[] userArray;
  private final List<String> users;
  private final List<String> items;
  private final Map<String, Integer> userIndex;
  private final Map<String, Integer> itemIndex;
  private final int[] userPtr;
  private final int[] userItems;
  private final float[] userValues;
  private final int[] itemPtr;
  private final int[] itemUsers;
  private final float[] itemValues;
  private volatile long version = 1;

  private Interactions(
      List<String> users,
      List<String> items,
      Map<String, Integer> userIndex,
      Map<String, Integer> itemIndex,
      Map<Long, Float> cells) {
    this.userArray = users.toArray(new String[0]);
    this.users = Collections.unmodifiableList(Arrays.asList(userArray));
    this.items = Collections.unmodifiableList(items);
    this.userIndex = new ConcurrentHashMap<>(userIndex);
    this.itemIndex = itemIndex;
    int nnz = cells.size();
    long[] keys = new long[nnz];
    int c = 0;
    for (Long k : cells.keySet()) {
      keys[c++] = k;
    }
    Arrays.sort(keys);
    userPtr = new int[users.size() + 1];
    userItems = new int[nnz];
    userValues = new float[nnz];
    int[] itemCount = new int[items.size() + 1];
    for (int e = 0; e < nnz; e++) {
      int u = (int) (keys[e] >>> 32);
      int i = (int) keys[e];
      userPtr[u + 1]++;
      itemCount[i + 1]++;
      userItems[e] = i;
      userValues[e] = cells.get(keys[e]);
    }
    for (int u = 0; u < users.size(); u++) {
      userPtr[u + 1] += userPtr[u];
    }
    itemPtr = new int[items.size() + 1];
    for (int i = 0; i < items.size(); i++) {
      itemPtr[i + 1] = itemPtr[i] + itemCount[i + 1];
    }
    itemUsers = new int[nnz];
    itemValues = new float[nnz];
    int[] fill = Arrays.copyOf(itemPtr, items.size());
    for (int u = 0; u < users.size(); u++) {
      for (int e = userPtr[u]; e < userPtr[u + 1]; e++) {
        int p = fill[userItems[e]]++;
        itemUsers[p] = u;
        itemValues[p] = userValues[e];
      }
    }
  }

  /** A new builder with the default weights: view 1, click 2, cart 3, purchase 5. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of users. */
  public int userCount() {
    return users.size();
  }

  /** The number of items. */
  public int itemCount() {
    return items.size();
  }

  /** The number of stored (user, item) weights. */
  public int nonZeros() {
    return userItems.length;
  }

  /** The index of a user, or -1 if unknown. */
  public int userIndex(String userId) {
    Integer u = userIndex.get(userId);
    return u == null ? -1 : u;
  }

  /** The index of an item, or -1 if unknown. */
  public int itemIndex(String itemId) {
    Integer i = itemIndex.get(itemId);
    return i == null ? -1 : i;
  }

  /** The id of user {@code u}. */
  public String userId(int u) {
    return users.get(u);
  }

  /** The id of item {@code i}. */
  public String itemId(int i) {
    return items.get(i);
  }

  /** All user ids, by index (unmodifiable). */
  public List<String> userIds() {
    return users;
  }

  /** All item ids, by index (unmodifiable). */
  public List<String> itemIds() {
    return items;
  }

  /** Where user {@code u}'s entries start in {@link #userItemArray()}. */
  public int userStart(int u) {
    return userPtr[u];
  }

  /** Where user {@code u}'s entries end (exclusive). */
  public int userEnd(int u) {
    return userPtr[u + 1];
  }

  /**
   * The items of all users, user by user, ascending within a user; shared, not copied: callers must
   * not modify it.
   */
  public int[] userItemArray() {
    return userItems;
  }

  /** The weights matching {@link #userItemArray()}; shared, not to be modified. */
  public float[] userValueArray() {
    return userValues;
  }

  /** Where item {@code i}'s entries start in {@link #itemUserArray()}. */
  public int itemStart(int i) {
    return itemPtr[i];
  }

  /** Where item {@code i}'s entries end (exclusive). */
  public int itemEnd(int i) {
    return itemPtr[i + 1];
  }

  /** The users of all items, item by item, ascending within an item; shared, not to be modified. */
  public int[] itemUserArray() {
    return itemUsers;
  }

  /** The weights matching {@link #itemUserArray()}; shared, not to be modified. */
  public float[] itemValueArray() {
    return itemValues;
  }

  /** The weight of (u, i), 0 if the user never interacted with the item. */
  public float weight(int u, int i) {
    int p = Arrays.binarySearch(userItems, userPtr[u], userPtr[u + 1], i);
    return p >= 0 ? userValues[p] : 0f;
  }

  /** The number of items user {@code u} interacted with. */
  public int userDegree(int u) {
    return userPtr[u + 1] - userPtr[u];
  }

  /** Part name {@code "interactions"}. */
  @Override
  public String partName() {
    return "interactions";
  }

  /**
   * Tombstones the user (see the class comment).
   *
   * @return the number of (user, item) entries zeroed
   */
  @Override
  public synchronized long forget(String userId) {
    Integer boxed = userIndex.remove(Objects.requireNonNull(userId, "userId"));
    if (boxed == null) {
      return 0;
    }
    int u = boxed;
    userArray[u] = FORGOTTEN;
    for (int e = userPtr[u]; e < userPtr[u + 1]; e++) {
      userValues[e] = 0f;
      int i = userItems[e];
      for (int p = itemPtr[i]; p < itemPtr[i + 1]; p++) {
        if (itemUsers[p] == u) {
          itemValues[p] = 0f;
        }
      }
    }
    version++;
    return Math.max(1, userPtr[u + 1] - userPtr[u]);
  }

  /** Starts at 1 and grows with every forgotten user. */
  @Override
  public long modelVersion() {
    return version;
  }

  /** Writes the live users' entries (tombstones left out); {@link #read} restores them. */
  @Override
  public synchronized void writeTo(DataOutput out) throws IOException {
    Codec.writeHeader(out, Magic.INTERACTIONS, 1);
    int live = 0;
    for (String u : userArray) {
      if (!u.isEmpty()) {
        live++;
      }
    }
    out.writeInt(live);
    out.writeInt(items.size());
    for (String item : items) {
      out.writeUTF(item);
    }
    for (int u = 0; u < userArray.length; u++) {
      if (userArray[u].isEmpty()) {
        continue;
      }
      out.writeUTF(userArray[u]);
      out.writeInt(userPtr[u + 1] - userPtr[u]);
      for (int e = userPtr[u]; e < userPtr[u + 1]; e++) {
        out.writeInt(userItems[e]);
        out.writeFloat(userValues[e]);
      }
    }
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws IOException if the stream is damaged or not interactions
   */
  public static Interactions read(DataInput in) throws IOException {
    Codec.readHeader(in, Magic.INTERACTIONS, 1);
    int userCount = Codec.readCount(in, "users");
    int itemCount = Codec.readCount(in, "items");
    List<String> items = new ArrayList<>(itemCount);
    Map<String, Integer> itemIndex = new HashMap<>();
    for (int i = 0; i < itemCount; i++) {
      String id = in.readUTF();
      items.add(id);
      itemIndex.put(id, i);
    }
    List<String> users = new ArrayList<>(userCount);
    Map<String, Integer> userIndex = new HashMap<>();
    Map<Long, Float> cells = new HashMap<>();
    for (int u = 0; u < userCount; u++) {
      String id = in.readUTF();
      if (userIndex.putIfAbsent(id, u) != null) {
        throw new IOException("duplicate user at position " + (u + 1) + " of the interactions");
      }
      users.add(id);
      int n = Codec.readCount(in, "entries");
      for (int e = 0; e < n; e++) {
        int i = in.readInt();
        if (i < 0 || i >= itemCount) {
          throw new IOException("item index " + i + " outside 0.." + (itemCount - 1));
        }
        cells.put(((long) u << 32) | i, in.readFloat());
      }
    }
    return new Interactions(users, items, userIndex, itemIndex, cells);
  }

  @Override
  public String toString() {
    return "Interactions["
        + users.size()
        + " users, "
        + items.size()
        + " items, "
        + nonZeros()
        + " non-zeros]";
  }

  /** How several events on the same (user, item) pair combine. */
  public enum Combine {
    /** Weights add up: repeated views count more than one. */
    SUM,
    /** The strongest event counts: a purchase outweighs any number of views. */
    MAX
  }

  /**
   * Collects events into {@link Interactions}. Options are set once, before the first event; {@link
   * #build()} does not change the builder, so it can be called again after more events.
   */
  public static final class Builder {
    private final Map<String, Float> weights = new HashMap<>();
    private Combine combine = Combine.SUM;
    private double halfLifeMillis;
    private long asOfMillis;
    private boolean started;
    private final List<String> users = new ArrayList<>();
    private final List<String> items = new ArrayList<>();
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final Map<Long, Float> cells = new HashMap<>();

    private Builder() {
      weights.put("view", 1f);
      weights.put("click", 2f);
      weights.put("cart", 3f);
      weights.put("purchase", 5f);
    }

    private void checkNotStarted(String option) {
      if (started) {
        throw new IllegalStateException(
            option + " was set after events were added; set options before the first add");
      }
    }

    /** The weight of an event type (replacing the default for that type); must be positive. */
    public Builder setWeight(String eventType, float weight) {
      Objects.requireNonNull(eventType, "eventType");
      checkNotStarted("the weight of '" + eventType + "'");
      if (!(weight > 0) || Float.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "weight of '"
                + eventType
                + "' ("
                + weight
                + ") must be positive and finite; "
                + "leave a type out of the weights to reject its events");
      }
      weights.put(eventType, weight);
      return this;
    }

    /** The event types that have a weight, which are the only ones {@link #add} accepts. */
    public java.util.Set<String> weightedTypes() {
      return java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(weights.keySet()));
    }

    /** Replaces all weights at once: only these event types are accepted. */
    public Builder setWeights(Map<String, Float> typeWeights) {
      checkNotStarted("the weights");
      weights.clear();
      typeWeights.forEach(this::setWeight);
      return this;
    }

    /** How repeated events on one pair combine; {@link Combine#SUM} by default. */
    public Builder setCombine(Combine combine) {
      checkNotStarted("combine");
      this.combine = Objects.requireNonNull(combine, "combine");
      return this;
    }

    /**
     * Weighs an event by 2^(−age / halfLife), its age counted back from {@code asOfMillis}; events
     * after {@code asOfMillis} count fully.
     */
    public Builder setTimeDecay(Duration halfLife, long asOfMillis) {
      checkNotStarted("time decay");
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException(
            "half-life ("
                + halfLife
                + ") must be positive; omit time decay to weigh all events "
                + "equally");
      }
      this.halfLifeMillis = halfLife.toMillis();
      this.asOfMillis = asOfMillis;
      return this;
    }

    /**
     * Adds one event.
     *
     * @throws IllegalArgumentException if the event type has no weight
     */
    public Builder add(String userId, String itemId, String eventType, long timestampMillis) {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(itemId, "itemId");
      Float w = weights.get(Objects.requireNonNull(eventType, "eventType"));
      if (w == null) {
        throw new IllegalArgumentException(
            "event type '"
                + eventType
                + "' has no weight; the known types are "
                + weights.keySet()
                + "; add it with setWeight");
      }
      started = true;
      double weight = w;
      if (halfLifeMillis > 0) {
        long age = Math.max(0, asOfMillis - timestampMillis);
        weight *= Math.pow(2, -age / halfLifeMillis);
      }
      int u =
          userIndex.computeIfAbsent(
              userId,
              k -> {
                users.add(k);
                return users.size() - 1;
              });
      int i =
          itemIndex.computeIfAbsent(
              itemId,
              k -> {
                items.add(k);
                return items.size() - 1;
              });
      long key = ((long) u << 32) | i;
      float fw = (float) weight;
      cells.merge(key, fw, combine == Combine.SUM ? Float::sum : Math::max);
      return this;
    }

    /** Adds one event. */
    public Builder add(Interaction event) {
      return add(event.userId(), event.itemId(), event.eventType(), event.timestampMillis());
    }

    /** Adds every event. */
    public Builder addAll(Iterable<Interaction> events) {
      for (Interaction e : events) {
        add(e);
      }
      return this;
    }

    /** The matrix of the events added so far. */
    public Interactions build() {
      return new Interactions(
          new ArrayList<>(users),
          new ArrayList<>(items),
          new HashMap<>(userIndex),
          new HashMap<>(itemIndex),
          cells);
    }
  }
}
