package org.aidmp.campaign;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.internal.codec.Magic;

/**
 * A consistent cut of a {@link CampaignOptimizer}'s settings, counters and random streams, and its
 * small versioned binary form: what {@link CampaignOptimizer#writeTo} writes and {@link
 * CampaignOptimizer#read} restores, and what a {@link CampaignReport} is computed from.
 */
final class CampaignState {
  private static final int MAGIC = Magic.CAMPAIGN.value();
  private static final int FORMAT = 1;

  private final CampaignConfig config;
  private final long version;
  private final long[][][] counts;
  private final long[] rngState;

  CampaignState(CampaignConfig config, long version, long[][][] counts, long[] rngState) {
    this.config = config;
    this.version = version;
    this.counts = counts;
    this.rngState = rngState;
  }

  /** The optimizer's settings. */
  CampaignConfig config() {
    return config;
  }

  /** The statistics version (outcomes recorded) at the cut. */
  long version() {
    return version;
  }

  /** Counters of slot s (segment s, or the unknown segment last): served, impr., clicks, conv. */
  long[][] counts(int slot) {
    return counts[slot];
  }

  long rngState(int slot) {
    return rngState[slot];
  }

  int slots() {
    return counts.length;
  }

  /** Writes the cut; {@link #read(DataInput)} reads it back. */
  void write(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    List<String> arms = config.arms();
    out.writeInt(arms.size());
    for (String a : arms) {
      out.writeUTF(a);
    }
    out.writeInt(config.segments());
    out.writeDouble(config.controlShare());
    out.writeInt(config.controlArm());
    out.writeDouble(config.priorAlpha());
    out.writeDouble(config.priorBeta());
    // Written under the rate's name, as format 1 always has.
    out.writeUTF(config.objective() == Outcome.CLICK ? "CLICK_RATE" : "CONVERSION_RATE");
    out.writeDouble(config.confidence());
    out.writeLong(config.seed());
    out.writeLong(version);
    for (int s = 0; s < counts.length; s++) {
      out.writeLong(rngState[s]);
      for (long[] row : counts[s]) {
        for (long v : row) {
          out.writeLong(v);
        }
      }
    }
  }

  /**
   * Reads a cut written by {@link #write(DataOutput)}.
   *
   * @throws IOException if the input is not a campaign snapshot, has an unknown format version,
   *     holds invalid settings or ends early
   */
  static CampaignState read(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          "not a campaign snapshot (magic "
              + Integer.toHexString(magic)
              + ", expected "
              + Integer.toHexString(MAGIC)
              + ")");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException(
          "campaign snapshot format " + format + " is not supported; this version reads " + FORMAT);
    }
    int n = in.readInt();
    if (n < 1 || n > 1_000_000) {
      throw new IOException("campaign snapshot holds " + n + " arms; the file is corrupt");
    }
    List<String> arms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      arms.add(in.readUTF());
    }
    CampaignConfig config;
    try {
      CampaignConfig.Builder b = CampaignConfig.builder().setArms(arms);
      b.setSegments(in.readInt());
      b.setControlShare(in.readDouble());
      int controlArm = in.readInt();
      if (controlArm < 0 || controlArm >= n) {
        throw new IOException("control arm index " + controlArm + " is outside [0, " + n + ")");
      }
      b.setControlArm(arms.get(controlArm));
      b.setPrior(in.readDouble(), in.readDouble());
      String objective = in.readUTF();
      switch (objective) {
        case "CLICK_RATE" -> b.setObjective(Outcome.CLICK);
        case "CONVERSION_RATE" -> b.setObjective(Outcome.CONVERSION);
        default -> throw new IOException("unknown campaign objective '" + objective + "'");
      }
      b.setConfidence(in.readDouble());
      b.setSeed(in.readLong());
      config = b.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IOException("campaign snapshot holds invalid settings: " + e.getMessage(), e);
    }
    long version = in.readLong();
    int slots = config.segments() + 1;
    long[][][] counts = new long[slots][4][2 * n];
    long[] rng = new long[slots];
    for (int s = 0; s < slots; s++) {
      rng[s] = in.readLong();
      for (long[] row : counts[s]) {
        for (int i = 0; i < row.length; i++) {
          row[i] = in.readLong();
        }
      }
    }
    return new CampaignState(config, version, counts, rng);
  }
}
