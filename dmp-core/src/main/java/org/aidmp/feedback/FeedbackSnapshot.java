package org.aidmp.feedback;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    FeedbackSnapshotCodec.write(this, out);
  }

  /**
   * Reads a snapshot written by {@link #write(DataOutput)}.
   *
   * @throws IOException if the input is not a feedback snapshot, has an unknown format version, has
   *     impossible sizes or ends early
   */
  public static FeedbackSnapshot read(DataInput in) throws IOException {
    return FeedbackSnapshotCodec.read(in);
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
