package org.aidmp.campaign;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable settings of a {@link CampaignOptimizer}.
 *
 * <pre>{@code
 * CampaignConfig config = CampaignConfig.builder()
 *     .setArms(List.of("banner-a", "banner-b", "banner-c"))
 *     .setSegments(8)
 *     .setControlShare(0.10)
 *     .setControlArm("banner-a")
 *     .setSeed(42)
 *     .get();
 * CampaignOptimizer optimizer = CampaignOptimizer.create(config);
 * }</pre>
 *
 * <p>Defaults: a uniform Beta(1, 1) prior, 10% control share served the first arm, objective the
 * rate of {@link Outcome#CLICK} per impression, 95% confidence for uplift intervals, seed 0.
 */
public final class CampaignConfig {
  /** The default settings; {@link #toBuilder()} derives others (arms must still be set). */
  public static final CampaignConfig DEFAULT = new CampaignConfig(new Builder(), false);

  private final List<String> arms;
  private final int segments;
  private final double controlShare;
  private final int controlArm;
  private final double priorAlpha;
  private final double priorBeta;
  private final Outcome objective;
  private final double confidence;
  private final long seed;

  private CampaignConfig(Builder b, boolean check) {
    this.arms = List.copyOf(b.arms);
    this.segments = b.segments;
    this.controlShare = b.controlShare;
    this.priorAlpha = b.priorAlpha;
    this.priorBeta = b.priorBeta;
    this.objective = b.objective;
    this.confidence = b.confidence;
    this.seed = b.seed;
    if (!check) {
      this.controlArm = 0;
      return;
    }
    if (arms.isEmpty()) {
      throw new IllegalStateException("no arms; call setArms(List.of(\"creative-a\", ...)) first");
    }
    if (b.controlArm == null) {
      this.controlArm = 0;
    } else {
      int i = arms.indexOf(b.controlArm);
      if (i < 0) {
        throw new IllegalStateException(
            "control arm '"
                + b.controlArm
                + "' is not one of the arms "
                + arms
                + "; pass one of them to setControlArm");
      }
      this.controlArm = i;
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.arms = new ArrayList<>(arms);
    b.segments = segments;
    b.controlShare = controlShare;
    b.controlArm = arms.isEmpty() ? null : arms.get(controlArm);
    b.priorAlpha = priorAlpha;
    b.priorBeta = priorBeta;
    b.objective = objective;
    b.confidence = confidence;
    b.seed = seed;
    return b;
  }

  /** The arms (creatives, offers) in index order. */
  public List<String> arms() {
    return arms;
  }

  /** The number of segments; segment ids are 0 .. segments − 1, plus −1 for "unknown". */
  public int segments() {
    return segments;
  }

  /** The share of users held out as control, in [0, 1). */
  public double controlShare() {
    return controlShare;
  }

  /** The index of the arm the control group is served. */
  public int controlArm() {
    return controlArm;
  }

  /** α of the Beta prior on every arm's rate. */
  public double priorAlpha() {
    return priorAlpha;
  }

  /** β of the Beta prior on every arm's rate. */
  public double priorBeta() {
    return priorBeta;
  }

  /**
   * The outcome whose rate per impression is optimised: {@link Outcome#CLICK} or {@link
   * Outcome#CONVERSION}.
   */
  public Outcome objective() {
    return objective;
  }

  /** The confidence level of uplift intervals, in (0, 1). */
  public double confidence() {
    return confidence;
  }

  /** The seed of all sampling and of the control-group hash. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "CampaignConfig[arms="
        + arms
        + ", segments="
        + segments
        + ", controlShare="
        + controlShare
        + ", controlArm="
        + (arms.isEmpty() ? "-" : arms.get(controlArm))
        + ", prior=Beta("
        + priorAlpha
        + ", "
        + priorBeta
        + "), objective="
        + objective
        + ", confidence="
        + confidence
        + ", seed="
        + seed
        + "]";
  }

  /** Builds a {@link CampaignConfig}; each setter checks its value. */
  public static final class Builder {
    private List<String> arms = List.of();
    private int segments = 1;
    private double controlShare = 0.10;
    private String controlArm;
    private double priorAlpha = 1;
    private double priorBeta = 1;
    private Outcome objective = Outcome.CLICK;
    private double confidence = 0.95;
    private long seed;

    private Builder() {}

    /** The arms to choose between: at least one, distinct, non-blank. */
    public Builder setArms(List<String> arms) {
      Objects.requireNonNull(arms, "arms");
      if (arms.isEmpty()) {
        throw new IllegalArgumentException("arms is empty; give at least one arm");
      }
      Set<String> seen = new HashSet<>();
      for (String a : arms) {
        if (a == null || a.isBlank()) {
          throw new IllegalArgumentException("arms " + arms + " holds a null or blank name");
        }
        if (!seen.add(a)) {
          throw new IllegalArgumentException("arm '" + a + "' appears twice in " + arms);
        }
      }
      this.arms = List.copyOf(arms);
      return this;
    }

    /** How many segments requests come from (segment ids 0 .. n − 1); at least 1. */
    public Builder setSegments(int segments) {
      if (segments < 1) {
        throw new IllegalArgumentException("segments (" + segments + ") must be at least 1");
      }
      this.segments = segments;
      return this;
    }

    /**
     * The share of users held out as a control group that always gets the control arm; in [0, 1). 0
     * disables the control group (and the uplift report).
     */
    public Builder setControlShare(double share) {
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException(
            "controlShare (" + share + ") must be in [0, 1); 0.1 holds out one user in ten");
      }
      this.controlShare = share;
      return this;
    }

    /** The arm served to the control group (no personalisation); the first arm by default. */
    public Builder setControlArm(String arm) {
      this.controlArm = Objects.requireNonNull(arm, "arm");
      return this;
    }

    /** The Beta(α, β) prior of every arm's rate; both positive and finite. */
    public Builder setPrior(double alpha, double beta) {
      if (!(alpha > 0 && beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
        throw new IllegalArgumentException(
            "prior Beta("
                + alpha
                + ", "
                + beta
                + ") needs positive finite parameters; "
                + "Beta(1, 1) is uniform");
      }
      this.priorAlpha = alpha;
      this.priorBeta = beta;
      return this;
    }

    /**
     * The outcome whose rate per impression Thompson sampling maximises and the uplift report
     * compares: {@link Outcome#CLICK} (the default) or {@link Outcome#CONVERSION}.
     *
     * @throws IllegalArgumentException for {@link Outcome#IMPRESSION}, which is the denominator of
     *     both rates, not a rate
     */
    public Builder setObjective(Outcome objective) {
      Objects.requireNonNull(objective, "objective");
      if (objective == Outcome.IMPRESSION) {
        throw new IllegalArgumentException(
            "objective (IMPRESSION) is not a rate: impressions are what clicks and conversions are"
                + " counted against; use Outcome.CLICK or Outcome.CONVERSION");
      }
      this.objective = objective;
      return this;
    }

    /** The confidence level of uplift intervals, in (0, 1), e.g. 0.95. */
    public Builder setConfidence(double confidence) {
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException(
            "confidence (" + confidence + ") must be in (0, 1), e.g. 0.95");
      }
      this.confidence = confidence;
      return this;
    }

    /** The seed; one seed and one sequence of calls give the same choices. */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The config; checks that arms are set and the control arm is one of them. */
    public CampaignConfig get() {
      return new CampaignConfig(this, true);
    }
  }
}
