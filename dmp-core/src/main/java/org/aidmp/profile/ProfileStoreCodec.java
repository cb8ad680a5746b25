package org.aidmp.profile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aidmp.internal.codec.Magic;

/**
 * The binary form of a {@link ProfileStore}: settings, then each user (written under that user's
 * lock, so the store may keep taking events), then the interned names and the counters.
 *
 * <p>Names come after the users on purpose: a user written late may refer to a type or category
 * interned while earlier users were written, and names read at the end cover every id any user
 * refers to. Ids are dense and written in order, so the reader interns them to the same ids.
 */
final class ProfileStoreCodec {
  private static final int MAGIC = Magic.PROFILE_STORE.value();
  private static final int VERSION = 1;
  private static final int MAX_LENGTH = 1 << 28;

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;
  private static final byte DOUBLE = 4;
  private static final byte BOOLEAN = 5;
  private static final byte INSTANT = 6;

  private ProfileStoreCodec() {}

  /**
   * Writes the whole store; each user is written as of the moment it is reached, and erased users
   * are not written.
   */
  static void write(DataOutput out, ProfileStore store) throws IOException {
    List<UserState> states = new ArrayList<>(store.users.size());
    for (String id : store.userIds()) {
      UserState s = store.users.get(id);
      if (s != null) {
        states.add(s);
      }
    }
    write(
        out,
        store.halfLife(),
        store.distinctItemLimit(),
        store.affinityWeights,
        states,
        store.interners(),
        store.eventCount.sum(),
        store.latest.get());
  }

  static void write(
      DataOutput out,
      Duration halfLife,
      int distinctItemLimit,
      Map<String, Double> weights,
      Iterable<UserState> users,
      Interner[] interners,
      long eventCount,
      long latest)
      throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(halfLife.getSeconds());
    out.writeInt(halfLife.getNano());
    out.writeInt(distinctItemLimit);
    out.writeInt(weights.size());
    for (Map.Entry<String, Double> w : weights.entrySet()) {
      writeString(out, w.getKey());
      out.writeDouble(w.getValue());
    }
    for (UserState s : users) {
      synchronized (s) {
        if (s.erased) {
          continue;
        }
        out.writeBoolean(true);
        writeUser(out, s);
      }
    }
    out.writeBoolean(false);
    for (Interner in : interners) {
      int n = in.size();
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        writeString(out, in.name(i));
      }
    }
    out.writeLong(eventCount);
    out.writeLong(latest);
  }

  private static void writeUser(DataOutput out, UserState s) throws IOException {
    writeString(out, s.userId);
    out.writeLong(s.events);
    out.writeLong(s.firstSeen);
    out.writeLong(s.lastSeen);
    out.writeLong(s.valued);
    out.writeDouble(s.totalValue);
    out.writeInt(s.typeSlots());
    for (int i = 0; i < s.typeSlots(); i++) {
      out.writeLong(s.typeCount(i));
      out.writeLong(s.typeLast(i));
      out.writeDouble(s.typeValue(i));
    }
    out.writeInt(s.catCount);
    out.writeLong(s.catBase);
    for (int i = 0; i < s.catCount; i++) {
      out.writeInt(s.catId(i));
      out.writeDouble(s.catRaw(i));
    }
    out.writeInt(s.itemCount);
    out.writeBoolean(s.itemsSaturated);
    // Sorted, so that equal stores write equal bytes whatever their hash tables' history.
    int[] items = new int[s.itemCount];
    int n = 0;
    for (int key : s.items) {
      if (key != 0) {
        items[n++] = key - 1;
      }
    }
    Arrays.sort(items);
    for (int item : items) {
      out.writeInt(item);
    }
    int attrs = 0;
    for (Object a : s.attributes) {
      attrs += a == null ? 0 : 1;
    }
    out.writeInt(attrs);
    for (int i = 0; i < s.attributes.length; i++) {
      if (s.attributes[i] != null) {
        out.writeInt(i);
        writeValue(out, s.attributes[i]);
      }
    }
  }

  private static void writeValue(DataOutput out, Object v) throws IOException {
    if (v instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (v instanceof Instant t) {
      out.writeByte(INSTANT);
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    } else {
      // Record values only have the types above; anything else keeps its text.
      out.writeByte(STRING);
      writeString(out, v.toString());
    }
  }

  /** Reads a store written by {@link #write}. */
  static ProfileStore read(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          "not a profile store (header " + Integer.toHexString(magic) + "); check the file");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          "profile store format version "
              + version
              + " is not supported (expected "
              + VERSION
              + "); rebuild the store or upgrade");
    }
    ProfileStoreBuilder b = ProfileStore.builder();
    try {
      b.setHalfLife(Duration.ofSeconds(in.readLong(), in.readInt()));
      b.setDistinctItemLimit(in.readInt());
      int weights = length(in.readInt(), "weights");
      for (int i = 0; i < weights; i++) {
        b.setAffinityWeight(readString(in), in.readDouble());
      }
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      throw new IOException("corrupt profile store settings: " + e.getMessage(), e);
    }
    List<UserState> users = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    while (in.readBoolean()) {
      UserState s = readUser(in);
      if (!ids.add(s.userId)) {
        throw new IOException("corrupt profile store: a user is listed twice");
      }
      users.add(s);
    }
    b.setExpectedUsers(users.size());
    ProfileStore store = b.build();
    Interner[] interners = store.interners();
    int[] sizes = new int[interners.length];
    for (int k = 0; k < interners.length; k++) {
      sizes[k] = length(in.readInt(), "names");
      for (int i = 0; i < sizes[k]; i++) {
        if (interners[k].id(readString(in)) != i) {
          throw new IOException("corrupt profile store: a name is listed twice");
        }
      }
    }
    long eventCount = in.readLong();
    long latest = in.readLong();
    for (UserState s : users) {
      check(s, sizes);
    }
    store.restore(users, eventCount, latest);
    return store;
  }

  private static UserState readUser(DataInput in) throws IOException {
    UserState s = new UserState(readString(in));
    s.events = in.readLong();
    s.firstSeen = in.readLong();
    s.lastSeen = in.readLong();
    s.valued = in.readLong();
    s.totalValue = in.readDouble();
    int types = length(in.readInt(), "types");
    if (types > 0) {
      s.growTypes(types);
    }
    for (int i = 0; i < types; i++) {
      s.setType(i, in.readLong(), in.readLong(), in.readDouble());
    }
    int cats = length(in.readInt(), "categories");
    s.catBase = in.readLong();
    for (int i = 0; i < cats; i++) {
      int id = in.readInt();
      if (id < 0) {
        throw new IOException("corrupt profile store: category id " + id);
      }
      s.appendCategory(id, in.readDouble());
    }
    int items = length(in.readInt(), "items");
    boolean saturated = in.readBoolean();
    for (int i = 0; i < items; i++) {
      int item = in.readInt();
      if (item < 0) {
        throw new IOException("corrupt profile store: item id " + item);
      }
      s.addItem(item, Integer.MAX_VALUE);
    }
    s.itemsSaturated = saturated;
    int attrs = length(in.readInt(), "attributes");
    for (int i = 0; i < attrs; i++) {
      int id = length(in.readInt(), "attribute id");
      s.setAttribute(id, readValue(in));
    }
    return s;
  }

  /** Checks that every id a user refers to has a name. */
  private static void check(UserState s, int[] sizes) throws IOException {
    // Arrays grow ahead of the names, so slots past the names must merely be empty.
    boolean ok = true;
    for (int i = sizes[0]; i < s.typeSlots(); i++) {
      ok &= s.typeCount(i) == 0;
    }
    for (int i = sizes[3]; i < s.attributes.length; i++) {
      ok &= s.attributes[i] == null;
    }
    for (int i = 0; i < s.catCount && ok; i++) {
      ok = s.catId(i) < sizes[1];
    }
    for (int key : s.items) {
      ok &= key == 0 || key - 1 < sizes[2];
    }
    if (!ok) {
      throw new IOException("corrupt profile store: a user refers to a name that is not listed");
    }
  }

  private static Object readValue(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case STRING -> readString(in);
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case BOOLEAN -> in.readBoolean();
      case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      default -> throw new IOException("corrupt profile store: value tag " + tag);
    };
  }

  private static int length(int n, String what) throws IOException {
    if (n < 0 || n > MAX_LENGTH) {
      throw new IOException("corrupt profile store: " + n + " " + what);
    }
    return n;
  }

  /** Strings as a length and UTF-8 bytes: writeUTF stops at 64 KB, attribute text may not. */
  private static void writeString(DataOutput out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String readString(DataInput in) throws IOException {
    byte[] bytes = new byte[length(in.readInt(), "string bytes")];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
