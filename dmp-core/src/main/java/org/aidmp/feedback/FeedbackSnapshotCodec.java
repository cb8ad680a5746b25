package org.aidmp.feedback;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.internal.codec.Magic;

/**
 * The versioned binary form of a {@link FeedbackSnapshot}: a magic number from the codec registry,
 * a format version, then the fields in a fixed order. Format 1 (fewer bad-event reasons) is still
 * read.
 */
final class FeedbackSnapshotCodec {
  private static final int MAGIC = Magic.FEEDBACK.value();
  private static final int FORMAT = 2;

  /** Bad-event reasons in format 1, the first ones of today's enum. */
  private static final int FORMAT_1_REASONS = 8;

  private FeedbackSnapshotCodec() {}

  /** Writes {@code s}; {@link #read} reads it back. */
  static void write(FeedbackSnapshot s, DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(s.eventTypes.size());
    for (String t : s.eventTypes) {
      out.writeUTF(t);
    }
    out.writeLong(s.modelVersion);
    out.writeInt(s.k);
    out.writeInt(s.d);
    for (float v : s.centroids) {
      out.writeFloat(v);
    }
    for (double v : s.weights) {
      out.writeDouble(v);
    }
    for (double v : s.pendingSum) {
      out.writeDouble(v);
    }
    for (long v : s.pendingCount) {
      out.writeLong(v);
    }
    out.writeInt(s.pendingEvents);
    out.writeLong(s.accepted);
    out.writeInt(s.rejected.length);
    for (long v : s.rejected) {
      out.writeLong(v);
    }
    out.writeLong(s.quarantined);
    out.writeLong(s.skipped);
    out.writeLong(s.segmentChanges);
    out.writeInt(s.users.size());
    for (LiveUser u : s.users) {
      out.writeUTF(u.userId());
      for (int t = 0; t < s.eventTypes.size(); t++) {
        out.writeLong(u.count(t));
      }
      out.writeLong(u.events());
      out.writeDouble(u.valueSum());
      out.writeLong(u.firstSeen());
      out.writeLong(u.lastSeen());
      for (int j = 0; j < s.d; j++) {
        out.writeFloat(u.feature(j));
      }
      out.writeInt(u.segment());
      out.writeDouble(u.squaredDistance());
      out.writeLong(u.modelVersion());
    }
    out.writeBoolean(s.ownStore != null);
    if (s.ownStore != null) {
      out.writeInt(s.ownStore.length);
      out.write(s.ownStore);
    }
  }

  static FeedbackSnapshot read(DataInput in) throws IOException {
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
}
