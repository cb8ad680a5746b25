package org.aidmp.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.feedback.LiveUser;

/**
 * What one generation of a partition holds: the offset of the next record to apply, the batch model
 * version the state was built under, the partition's event account, the updater's snapshot, the
 * counters carried over from earlier batch models, and the campaign optimizer if any (when saving,
 * a {@link CampaignOptimizer#copy() copy} of the live one). All of it is one cut: the state after
 * exactly the records below {@code nextOffset}.
 */
record PartitionState(
    long nextOffset,
    long batchVersion,
    Account account,
    FeedbackSnapshot feedback,
    List<LiveUser> carried,
    CampaignOptimizer campaign) {
  private static final int FORMAT = 1;

  /**
   * The partition's own account of its records, kept in its state so that it is exact across
   * crashes: read = applied + deadLettered + withoutConsent.
   */
  record Account(long read, long applied, long deadLettered, long withoutConsent) {}

  byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(FORMAT);
      out.writeLong(nextOffset);
      out.writeLong(batchVersion);
      out.writeLong(account.read());
      out.writeLong(account.applied());
      out.writeLong(account.deadLettered());
      out.writeLong(account.withoutConsent());
      feedback.write(out);
      writeUsers(out, carried);
      out.writeBoolean(campaign != null);
      if (campaign != null) {
        campaign.writeTo(out);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PartitionState fromBytes(byte[] b) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException(
          "partition state format "
              + format
              + " is not "
              + FORMAT
              + "; written by another version");
    }
    long next = in.readLong();
    long batch = in.readLong();
    Account a = new Account(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    FeedbackSnapshot f = FeedbackSnapshot.read(in);
    List<LiveUser> carried = readUsers(in);
    CampaignOptimizer c = in.readBoolean() ? CampaignOptimizer.read(in) : null;
    return new PartitionState(next, batch, a, f, carried, c);
  }

  private static void writeUsers(DataOutputStream out, Collection<LiveUser> users)
      throws IOException {
    out.writeInt(users.size());
    for (LiveUser u : users) {
      out.writeUTF(u.userId());
      long[] c = u.counts();
      out.writeInt(c.length);
      for (long x : c) {
        out.writeLong(x);
      }
      out.writeLong(u.events());
      out.writeDouble(u.valueSum());
      out.writeLong(u.firstSeen());
      out.writeLong(u.lastSeen());
    }
  }

  private static List<LiveUser> readUsers(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative user count " + n);
    }
    List<LiveUser> out = new ArrayList<>(Math.min(n, 1 << 20));
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      int t = in.readInt();
      if (t < 0 || t > 1 << 16) {
        throw new IOException("implausible event type count " + t);
      }
      long[] c = new long[t];
      for (int j = 0; j < t; j++) {
        c[j] = in.readLong();
      }
      out.add(
          new LiveUser(
              id,
              c,
              in.readLong(),
              in.readDouble(),
              in.readLong(),
              in.readLong(),
              new float[0],
              -1,
              Double.NaN,
              -1));
    }
    return out;
  }
}
