package org.aidmp.feedback;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.aidmp.internal.codec.Magic;
import org.aidmp.profile.ProfileStore;

/**
 * A consistent copy of a {@link FeedbackUpdater}'s live state: every user's aggregates, row and
 * segment, the centroids with their decayed weights and the drift not yet published, the counters,
 * and the updater's profile store when the updater owns it (a shared store is saved by its owner,
 * and given back with {@link FeedbackUpdater.Builder#setProfileStore} when restoring). Taken while
 * intake continues (intake waits only while the state is copied); {@link
 * FeedbackUpdater.Builder#restore(FeedbackSnapshot)} continues from it exactly, so a restart from a
 * snapshot followed by the same events gives the same state as no restart.
 *
 * <pre>{@code
 * FeedbackSnapshot snap = updater.snapshot();
 * snap.write(out);                                 // a versioned binary form
 * FeedbackUpdater again = FeedbackUpdater.newBuilder().setConfig(config).setEncoder(encoder)
 *     .restore(FeedbackSnapshot.read(in)).build();
 * }</pre>
 */
public final class FeedbackSnapshot {
  private static final int MAGIC = Magic.FEEDBACK.value();
  private static final int FORMAT = 2;

  /** Bad-event reasons in format 1, the first ones of today's enum. */
  private static final int FORMAT_1_REASONS = 8;

  final List<String> eventTypes;
  final long modelVersion;
  final int k;
  final int d;
  final float[] centroids;
  final double[] weights;
  final double[] pendingSum;
  final long[] pendingCount;
  final int pendingEvents;
  final long accepted;
  final long[] rejected;
  final long quarantined;
  final long skipped;
  final long segmentChanges;
  final List<LiveUser> users;

  /**
   * The updater's own profile store as written by {@link ProfileStore#write}, or null if shared.
   */
  final byte[] ownStore;

  FeedbackSnapshot(
      List<String> eventTypes,
      long modelVersion,
      int k,
      int d,
      float[] centroids,
      double[] weights,
      double[] pendingSum,
      long[] pendingCount,
      int pendingEvents,
      long accepted,
      long[] rejected,
      long quarantined,
      long skipped,
      long segmentChanges,
      List<LiveUser> users,
      byte[] ownStore) {
    this.eventTypes = List.copyOf(eventTypes);
    this.modelVersion = modelVersion;
    this.k = k;
    this.d = d;
    this.centroids = centroids;
    this.weights = weights;
    this.pendingSum = pendingSum;
    this.pendingCount = pendingCount;
    this.pendingEvents = pendingEvents;
    this.accepted = accepted;
    this.rejected = rejected;
    this.quarantined = quarantined;
    this.skipped = skipped;
    this.segmentChanges = segmentChanges;
    this.users = List.copyOf(users);
    this.ownStore = ownStore;
  }

  /**
   * The cut of an updater's parts; the caller holds every intake stripe's lock.
   *
   * @param ownStore the updater's own store, written into the snapshot; null for a shared one
   */
  static FeedbackSnapshot take(
      FeedbackConfig config,
      DriftingCentroids centroids,
      FeedbackCounters counters,
      List<LiveUser> users,
      ProfileStore ownStore) {
    DriftingCentroids.Pending pending = centroids.pending();
    DriftingCentroids.Model m = centroids.model();
    byte[] own = null;
    if (ownStore != null) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try {
        ownStore.write(new java.io.DataOutputStream(bytes));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      own = bytes.toByteArray();
    }
    return new FeedbackSnapshot(
        config.eventTypes(),
        m.version,
        m.k,
        m.d,
        m.centroids.clone(),
        pending.weights(),
        pending.sum(),
        pending.count(),
        pending.events(),
        counters.accepted(centroids.stripes()),
        counters.rejectedArray(),
        counters.quarantined.sum(),
        counters.skipped.sum(),
        counters.segmentChanges(centroids.stripes()),
        users,
        own);
  }

  /** The centroid version at the cut. */
  public long modelVersion() {
    return modelVersion;
  }

  /** The number of segments. */
  public int segments() {
    return k;
  }

  /** The feature dimension. */
  public int dimension() {
    return d;
  }

  /** The centroids at the cut, k × d row-major (a copy). */
  public float[] centroids() {
    return centroids.clone();
  }

  /** Every user with live state, sorted by id. */
  public List<LiveUser> users() {
    return users;
  }

  /** Events accepted before the cut. */
  public long accepted() {
    return accepted;
  }

  /** Rejected events per reason before the cut. */
  public Map<BadEventReason, Long> rejected() {
    Map<BadEventReason, Long> m = new EnumMap<>(BadEventReason.class);
    for (BadEventReason r : BadEventReason.values()) {
      m.put(r, rejected[r.ordinal()]);
    }
    return m;
  }

  /** Writes the snapshot; {@link #read(DataInput)} reads it back. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(eventTypes.size());
    for (String t : eventTypes) {
      out.writeUTF(t);
    }
    out.writeLong(modelVersion);
    out.writeInt(k);
    out.writeInt(d);
    for (float v : centroids) {
      out.writeFloat(v);
    }
    for (double v : weights) {
      out.writeDouble(v);
    }
    for (double v : pendingSum) {
      out.writeDouble(v);
    }
    for (long v : pendingCount) {
      out.writeLong(v);
    }
    out.writeInt(pendingEvents);
    out.writeLong(accepted);
    out.writeInt(rejected.length);
    for (long v : rejected) {
      out.writeLong(v);
    }
    out.writeLong(quarantined);
    out.writeLong(skipped);
    out.writeLong(segmentChanges);
    out.writeInt(users.size());
    for (LiveUser u : users) {
      out.writeUTF(u.userId());
      for (int t = 0; t < eventTypes.size(); t++) {
        out.writeLong(u.count(t));
      }
      out.writeLong(u.events());
      out.writeDouble(u.valueSum());
      out.writeLong(u.firstSeen());
      out.writeLong(u.lastSeen());
      for (int j = 0; j < d; j++) {
        out.writeFloat(u.feature(j));
      }
      out.writeInt(u.segment());
      out.writeDouble(u.squaredDistance());
      out.writeLong(u.modelVersion());
    }
    out.writeBoolean(ownStore != null);
    if (ownStore != null) {
      out.writeInt(ownStore.length);
      out.write(ownStore);
    }
  }

  /**
   * Reads a snapshot written by {@link #write(DataOutput)}.
   *
   * @throws IOException if the input is not a feedback snapshot, has an unknown format version, has
   *     impossible sizes or ends early
   */
  public static FeedbackSnapshot read(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          "not a feedback snapshot (magic "
              + Integer.toHexString(magic)
              + ", expected "
              + Integer.toHexString(MAGIC)
              + ")");
    }
    int format = in.readInt();
    if (format != FORMAT && format != 1) {
      throw new IOException(
          "feedback snapshot format " + format + " is not supported; this version reads " + FORMAT);
    }
    int types = checkSize(in.readInt(), "event types", 1 << 16);
    List<String> eventTypes = new ArrayList<>(types);
    for (int i = 0; i < types; i++) {
      eventTypes.add(in.readUTF());
    }
    long modelVersion = in.readLong();
    int k = checkSize(in.readInt(), "segments", 1 << 20);
    int d = checkSize(in.readInt(), "dimensions", 1 << 20);
    if ((long) k * d > Integer.MAX_VALUE - 8) {
      throw new IOException("feedback snapshot has " + k + " x " + d + " centroids; corrupt");
    }
    float[] centroids = new float[k * d];
    for (int i = 0; i < centroids.length; i++) {
      centroids[i] = in.readFloat();
    }
    double[] weights = readDoubles(in, k);
    double[] pendingSum = readDoubles(in, k * d);
    long[] pendingCount = new long[k];
    for (int i = 0; i < k; i++) {
      pendingCount[i] = in.readLong();
    }
    int pendingEvents = in.readInt();
    long accepted = in.readLong();
    int reasons = in.readInt();
    if (reasons != (format == 1 ? FORMAT_1_REASONS : BadEventReason.values().length)) {
      throw new IOException(
          "feedback snapshot has "
              + reasons
              + " bad-event counters, expected "
              + BadEventReason.values().length);
    }
    long[] rejected = new long[BadEventReason.values().length];
    for (int i = 0; i < reasons; i++) {
      rejected[i] = in.readLong();
    }
    long quarantined = in.readLong();
    long skipped = in.readLong();
    long changes = in.readLong();
    int n = checkSize(in.readInt(), "users", Integer.MAX_VALUE - 8);
    List<LiveUser> users = new ArrayList<>(Math.min(n, 1 << 16));
    long[] counts = new long[types];
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      for (int t = 0; t < types; t++) {
        counts[t] = in.readLong();
      }
      long events = in.readLong();
      double valueSum = in.readDouble();
      long first = in.readLong();
      long last = in.readLong();
      for (int j = 0; j < d; j++) {
        row[j] = in.readFloat();
      }
      int segment = in.readInt();
      if (segment < -1 || segment >= k) {
        throw new IOException("user " + i + " has segment " + segment + " outside [-1, " + k + ")");
      }
      users.add(
          new LiveUser(
              id,
              counts,
              events,
              valueSum,
              first,
              last,
              row,
              segment,
              in.readDouble(),
              in.readLong()));
    }
    byte[] own = null;
    if (format > 1 && in.readBoolean()) {
      own = new byte[checkSize(in.readInt(), "profile store bytes", Integer.MAX_VALUE - 8)];
      in.readFully(own);
    }
    return new FeedbackSnapshot(
        eventTypes,
        modelVersion,
        k,
        d,
        centroids,
        weights,
        pendingSum,
        pendingCount,
        pendingEvents,
        accepted,
        rejected,
        quarantined,
        skipped,
        changes,
        users,
        own);
  }

  private static int checkSize(int n, String what, int max) throws IOException {
    if (n < 0 || n > max) {
      throw new IOException("feedback snapshot holds " + n + " " + what + "; the file is corrupt");
    }
    return n;
  }

  private static double[] readDoubles(DataInput in, int n) throws IOException {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }

  /** Equal when every field is equal; doubles and floats compare bit for bit. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeedbackSnapshot s
        && eventTypes.equals(s.eventTypes)
        && modelVersion == s.modelVersion
        && k == s.k
        && d == s.d
        && Arrays.equals(centroids, s.centroids)
        && Arrays.equals(weights, s.weights)
        && Arrays.equals(pendingSum, s.pendingSum)
        && Arrays.equals(pendingCount, s.pendingCount)
        && pendingEvents == s.pendingEvents
        && accepted == s.accepted
        && Arrays.equals(rejected, s.rejected)
        && quarantined == s.quarantined
        && skipped == s.skipped
        && segmentChanges == s.segmentChanges
        && users.equals(s.users)
        && Arrays.equals(ownStore, s.ownStore);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(modelVersion) * 31 + Arrays.hashCode(centroids);
  }

  @Override
  public String toString() {
    return "FeedbackSnapshot[version "
        + modelVersion
        + ", "
        + k
        + " segments x "
        + d
        + " features, "
        + users.size()
        + " users, "
        + accepted
        + " events]";
  }
}
