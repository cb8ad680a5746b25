package org.aidmp.campaign;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.aidmp.stage.ScoreModel;

/**
 * Chooses an arm (creative, offer) per request and segment by Thompson sampling on Beta posteriors,
 * keeps a control group that gets no personalisation, and reports rates, uplift over control with a
 * confidence interval, and traffic shares.
 *
 * <pre>{@code
 * CampaignOptimizer optimizer = CampaignOptimizer.create(CampaignConfig.builder()
 *     .setArms(List.of("banner-a", "banner-b")).setSegments(8).setSeed(42).get());
 * Choice c = optimizer.choose(segment, userId);
 * optimizer.record(c, Outcome.IMPRESSION);
 * if (clicked) optimizer.record(c, Outcome.CLICK);
 * CampaignReport report = optimizer.report();
 * }</pre>
 *
 * <p><b>Threads.</b> Every method is safe to call from many threads. Each segment has its own lock
 * and its own seeded generator, so requests in different segments never contend, and one sequence
 * of calls per segment gives the same choices whatever other segments do. With one thread and one
 * seed, every run gives the same choices and the same final statistics.
 *
 * <p><b>Control group.</b> {@link #choose(int, String)} puts a user in control by a seeded hash of
 * the id, so a user stays in the same group across requests and restarts; control requests always
 * get {@link CampaignConfig#controlArm()}. The posterior of each arm uses every impression of it,
 * control ones included: they are honest evidence about that arm.
 *
 * <p><b>Targeting.</b> {@link #chooseIfLikely} lets only users whose propensity reaches a threshold
 * into the campaign: below it no arm is chosen and nothing is counted.
 *
 * <p><b>Versions.</b> The statistics version is the number of outcomes recorded; each {@link
 * Choice} and {@link CampaignReport} carries the version it saw.
 *
 * <p><b>Saving.</b> {@link #writeTo} writes one consistent cut of the settings, statistics and
 * random streams in a small versioned binary form; {@link #read} restores an optimizer that
 * continues from it exactly. {@link #copy} makes the same cut in memory.
 *
 * <pre>{@code
 * optimizer.writeTo(out);
 * CampaignOptimizer again = CampaignOptimizer.read(in);   // same statistics, same next choices
 * }</pre>
 */
public final class CampaignOptimizer {
  /** The segment id for requests whose segment is not known (a user never seen). */
  public static final int UNKNOWN_SEGMENT = -1;

  private final CampaignConfig config;
  private final int arms;

  /** One slot per segment plus a last one for {@link #UNKNOWN_SEGMENT}. */
  private final Slot[] slots;

  private final AtomicLong version = new AtomicLong();

  private CampaignOptimizer(CampaignConfig config) {
    this.config = config;
    this.arms = config.arms().size();
    this.slots = new Slot[config.segments() + 1];
    for (int s = 0; s < slots.length; s++) {
      // Each segment gets its own stream so segments do not perturb each other's choices.
      slots[s] = new Slot(arms, new SplitMix64(SplitMix64.mix(config.seed() + 0x5851f42dL * s)));
    }
  }

  /** A new optimizer with empty statistics. */
  public static CampaignOptimizer create(CampaignConfig config) {
    return new CampaignOptimizer(Objects.requireNonNull(config, "config"));
  }

  /**
   * Reads an optimizer written by {@link #writeTo}: it continues from the cut exactly, with the
   * same settings, statistics and random streams.
   *
   * @throws IOException if the input is not a campaign snapshot, has an unknown format version,
   *     holds invalid settings or ends early
   */
  public static CampaignOptimizer read(DataInput in) throws IOException {
    return restore(CampaignState.read(Objects.requireNonNull(in, "in")));
  }

  /**
   * A new optimizer from one consistent cut of this one's settings, statistics and random streams:
   * fed the same calls, it makes the same choices as this one would; the two are independent.
   * Intake waits only while the counters are copied (a few arrays per segment).
   */
  public CampaignOptimizer copy() {
    return restore(cut());
  }

  /**
   * Writes one consistent cut of the settings, statistics and random streams; {@link #read}
   * restores it. Intake waits only while the counters are copied, not while they are written.
   *
   * @param out the stream to write to; not closed
   */
  public void writeTo(DataOutput out) throws IOException {
    Objects.requireNonNull(out, "out");
    cut().write(out);
  }

  private static CampaignOptimizer restore(CampaignState snapshot) {
    CampaignOptimizer o = new CampaignOptimizer(snapshot.config());
    for (int s = 0; s < o.slots.length; s++) {
      Slot slot = o.slots[s];
      long[][] c = snapshot.counts(s);
      // Under the lock so the copied state is visible to whichever thread uses the slot first.
      slot.lock.lock();
      try {
        System.arraycopy(c[0], 0, slot.served, 0, slot.served.length);
        System.arraycopy(c[1], 0, slot.impressions, 0, slot.impressions.length);
        System.arraycopy(c[2], 0, slot.clicks, 0, slot.clicks.length);
        System.arraycopy(c[3], 0, slot.conversions, 0, slot.conversions.length);
        slot.rng = new SplitMix64(snapshot.rngState(s));
      } finally {
        slot.lock.unlock();
      }
    }
    o.version.set(snapshot.version());
    return o;
  }

  /** The settings. */
  public CampaignConfig config() {
    return config;
  }

  /** The statistics version: outcomes recorded so far. */
  public long version() {
    return version.get();
  }

  /**
   * Whether a user belongs to the control group: a seeded hash of the id below the control share.
   * Stable across calls, runs and restarts with the same seed.
   */
  public boolean isControl(String userId) {
    Objects.requireNonNull(userId, "userId");
    long h = SplitMix64.mix(config.seed() ^ SplitMix64.mix(userId.hashCode()));
    return (h >>> 11) * 0x1.0p-53 < config.controlShare();
  }

  /** Chooses an arm for a user; users in the control group get the control arm. */
  public Choice choose(int segment, String userId) {
    return choose(segment, isControl(userId));
  }

  /**
   * Chooses an arm for a user whose propensity reaches a threshold, as {@link #choose(int, String)}
   * does; below the threshold, no arm is chosen and nothing is counted. Scoring allocates nothing.
   *
   * <pre>{@code
   * Optional<Choice> c = optimizer.chooseIfLikely(segment, userId, propensity, 0.3, row, 0);
   * c.ifPresent(choice -> optimizer.record(choice, Outcome.IMPRESSION));
   * }</pre>
   *
   * @param segment the user's segment, or {@link #UNKNOWN_SEGMENT}
   * @param userId the user
   * @param model scores the user's feature row; thread-safe when every built-in model is
   * @param threshold the lowest score that enters the campaign
   * @param row the user's feature row as the model takes it; not modified
   * @param offset where the row starts
   * @throws IllegalArgumentException if the threshold is NaN
   */
  public Optional<Choice> chooseIfLikely(
      int segment, String userId, ScoreModel model, double threshold, float[] row, int offset) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(model, "model");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold is NaN; give the lowest score to target");
    }
    if (!(model.score(row, offset) >= threshold)) {
      return Optional.empty();
    }
    return Optional.of(choose(segment, userId));
  }

  /**
   * Chooses an arm for an anonymous request; the control group is drawn per request from the
   * segment's seeded stream.
   */
  public Choice choose(int segment) {
    Slot slot = slots[slotOf(segment)];
    slot.lock.lock();
    try {
      boolean control = slot.rng.nextDouble() < config.controlShare();
      return chooseLocked(segment, slot, control);
    } finally {
      slot.lock.unlock();
    }
  }

  private Choice choose(int segment, boolean control) {
    Slot slot = slots[slotOf(segment)];
    slot.lock.lock();
    try {
      return chooseLocked(segment, slot, control);
    } finally {
      slot.lock.unlock();
    }
  }

  private Choice chooseLocked(int segment, Slot slot, boolean control) {
    int arm;
    Group group;
    if (control) {
      arm = config.controlArm();
      group = Group.CONTROL;
    } else {
      arm = thompson(slot);
      group = Group.TREATMENT;
    }
    slot.served[index(group, arm)]++;
    return new Choice(segment, arm, config.arms().get(arm), group, version.get());
  }

  /** One Beta draw per arm from its posterior; the highest draw wins (ties to the lower index). */
  private int thompson(Slot slot) {
    int best = 0;
    double bestDraw = -1;
    for (int a = 0; a < arms; a++) {
      long n = slot.impressions[a] + slot.impressions[arms + a];
      long s = successes(slot, a) + successes(slot, arms + a);
      // A success logged without its impression must not make beta negative.
      s = Math.min(s, n);
      double draw =
          BetaSampler.beta(slot.rng, config.priorAlpha() + s, config.priorBeta() + (n - s));
      if (draw > bestDraw) {
        bestDraw = draw;
        best = a;
      }
    }
    return best;
  }

  private long successes(Slot slot, int i) {
    return config.objective() == Outcome.CLICK ? slot.clicks[i] : slot.conversions[i];
  }

  /** Records what happened after a choice. */
  public void record(Choice choice, Outcome outcome) {
    Objects.requireNonNull(choice, "choice");
    record(choice.segment(), choice.armIndex(), choice.group(), outcome, 1);
  }

  /**
   * Records {@code count} outcomes of an arm directly, e.g. when replaying logs.
   *
   * @throws IllegalArgumentException for an unknown segment or arm index or a negative count
   */
  public void record(int segment, int armIndex, Group group, Outcome outcome, long count) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(outcome, "outcome");
    if (armIndex < 0 || armIndex >= arms) {
      throw new IllegalArgumentException(
          "arm index (" + armIndex + ") is outside [0, " + arms + ")");
    }
    if (count < 0) {
      throw new IllegalArgumentException("count (" + count + ") is negative");
    }
    Slot slot = slots[slotOf(segment)];
    int i = index(group, armIndex);
    slot.lock.lock();
    try {
      switch (outcome) {
        case IMPRESSION -> slot.impressions[i] += count;
        case CLICK -> slot.clicks[i] += count;
        case CONVERSION -> slot.conversions[i] += count;
        default -> throw new AssertionError(outcome);
      }
      // Incremented under the slot lock, so a snapshot holding every lock sees a fixed version.
      version.addAndGet(count);
    } finally {
      slot.lock.unlock();
    }
  }

  /** Rates, uplift over control and traffic shares per segment and arm, from one consistent cut. */
  public CampaignReport report() {
    return CampaignReport.of(cut());
  }

  /** A consistent copy of all statistics and random streams, taken under every segment's lock. */
  private CampaignState cut() {
    long[][][] counts = new long[slots.length][][];
    long[] rng = new long[slots.length];
    int locked = 0;
    try {
      // Every slot lock, taken in index order (a fixed order, so it cannot deadlock).
      for (; locked < slots.length; locked++) {
        slots[locked].lock.lock();
      }
      for (int i = 0; i < slots.length; i++) {
        Slot slot = slots[i];
        counts[i] =
            new long[][] {
              slot.served.clone(),
              slot.impressions.clone(),
              slot.clicks.clone(),
              slot.conversions.clone()
            };
        rng[i] = slot.rng.state();
      }
      return new CampaignState(config, version.get(), counts, rng);
    } finally {
      for (int i = locked - 1; i >= 0; i--) {
        slots[i].lock.unlock();
      }
    }
  }

  private int slotOf(int segment) {
    if (segment == UNKNOWN_SEGMENT) {
      return slots.length - 1;
    }
    if (segment < 0 || segment >= config.segments()) {
      throw new IllegalArgumentException(
          "segment ("
              + segment
              + ") is outside [0, "
              + config.segments()
              + ") and is not UNKNOWN_SEGMENT (-1); raise setSegments or fix the segment id");
    }
    return segment;
  }

  private int index(Group group, int arm) {
    return group == Group.TREATMENT ? arm : arms + arm;
  }

  /** Counters of one segment: index arm for treatment, arms + arm for control. */
  private static final class Slot {
    final long[] served;
    final long[] impressions;
    final long[] clicks;
    final long[] conversions;
    final ReentrantLock lock = new ReentrantLock();
    SplitMix64 rng;

    Slot(int arms, SplitMix64 rng) {
      this.served = new long[2 * arms];
      this.impressions = new long[2 * arms];
      this.clicks = new long[2 * arms];
      this.conversions = new long[2 * arms];
      this.rng = rng;
    }
  }
}
