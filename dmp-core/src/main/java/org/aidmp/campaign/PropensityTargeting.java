package org.aidmp.campaign;

import java.util.Objects;
import java.util.Optional;
import org.aidmp.stage.ScoreModel;

/**
 * Lets only users whose propensity reaches a threshold into a campaign: a request is scored by the
 * model and, above the threshold, goes to the {@link CampaignOptimizer}; below it, no arm is chosen
 * and nothing is counted.
 *
 * <pre>{@code
 * PropensityTargeting targeting = PropensityTargeting.of(optimizer, propensityModel, 0.3);
 * Optional<Choice> c = targeting.choose(segment, userId, row, 0);
 * c.ifPresent(choice -> optimizer.record(choice, Outcome.IMPRESSION));
 * }</pre>
 *
 * <p>Thread-safe when the model is (every built-in model is). Scoring allocates nothing.
 */
public final class PropensityTargeting {
  private final CampaignOptimizer optimizer;
  private final ScoreModel model;
  private final double threshold;

  private PropensityTargeting(CampaignOptimizer optimizer, ScoreModel model, double threshold) {
    this.optimizer = optimizer;
    this.model = model;
    this.threshold = threshold;
  }

  /**
   * Targets users scoring at least {@code threshold}.
   *
   * @throws IllegalArgumentException if the threshold is NaN
   */
  public static PropensityTargeting of(
      CampaignOptimizer optimizer, ScoreModel model, double threshold) {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(model, "model");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold is NaN; give the lowest score to target");
    }
    return new PropensityTargeting(optimizer, model, threshold);
  }

  /** The lowest score that enters the campaign. */
  public double threshold() {
    return threshold;
  }

  /** The optimizer targeted users go to. */
  public CampaignOptimizer optimizer() {
    return optimizer;
  }

  /** Whether a feature row scores high enough to enter. */
  public boolean eligible(float[] row, int offset) {
    return model.score(row, offset) >= threshold;
  }

  /**
   * Chooses an arm for a user whose score reaches the threshold; empty otherwise.
   *
   * @param segment the user's segment, or {@link CampaignOptimizer#UNKNOWN_SEGMENT}
   * @param userId the user
   * @param row the user's feature row as the model takes it; not modified
   * @param offset where the row starts
   */
  public Optional<Choice> choose(int segment, String userId, float[] row, int offset) {
    if (!eligible(row, offset)) {
      return Optional.empty();
    }
    return Optional.of(optimizer.choose(segment, userId));
  }
}
