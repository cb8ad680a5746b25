package org.aidmp.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.UserProfile;
import org.aidmp.stage.ScoreModel;

/**
 * Scores users with a fitted model and keeps the scores as a {@link Scores} table: the {@code
 * .score(...)} stage of a pipeline, also usable alone. Only users allowed for the stage's purpose
 * are scored; each user's feature row is made by the transform the model was fitted with.
 *
 * <pre>{@code
 * ScoreStage propensity = ScoreStage.builder("propensity", model)
 *     .setPurpose(Purpose.ADVERTISING)
 *     .setTransform(matrix.transform())   // the features the model was fitted on
 *     .get();
 * Scores scores = propensity.score(store, profile -> true, null);
 * }</pre>
 *
 * <p>In a pipeline without {@link Builder#setTransform} the run's own fitted feature transform is
 * used, which suits a model fitted on that same run's matrix; a model fitted earlier should come
 * with the transform it was fitted with, so that its features mean what they meant then.
 */
public final class ScoreStage {
  private final String name;
  private final ScoreModel model;
  private final Purpose purpose;
  private final FeatureTransform transform;

  private ScoreStage(Builder b) {
    this.name = b.name;
    this.model = b.model;
    this.purpose = b.purpose;
    this.transform = b.transform;
    if (transform != null && transform.dimension() != model.dimensions()) {
      throw new IllegalArgumentException(
          "the model takes "
              + model.dimensions()
              + " features but the transform makes "
              + transform.dimension()
              + "; give the transform the model was fitted with");
    }
  }

  /**
   * A builder for a stage that writes the score {@code name} with {@code model}.
   *
   * @param name what the score measures ("propensity", "churn"); unique within a pipeline
   * @param model the fitted model
   */
  public static Builder builder(String name, ScoreModel model) {
    return new Builder(name, model);
  }

  /** What the score measures. */
  public String name() {
    return name;
  }

  /** The fitted model. */
  public ScoreModel model() {
    return model;
  }

  /** Whose consent the scores serve: only users allowed for it are scored. */
  public Purpose purpose() {
    return purpose;
  }

  /** The transform that makes the model's feature rows, when one was given. */
  public Optional<FeatureTransform> transform() {
    return Optional.ofNullable(transform);
  }

  /**
   * Scores every allowed profile. A profile whose row cannot be made (an unseen category under
   * {@link org.aidmp.profile.UnseenCategoryPolicy#ERROR}, text in a numeric attribute) or whose
   * score is NaN gets no score and is counted in {@link Scores#unscored()}.
   *
   * @param profiles the users, e.g. a profile store; each scored once (a repeated id keeps its
   *     first score)
   * @param allowed who may be scored for {@link #purpose()}
   * @param fallback the transform to use when the stage has none; may be null when it has one
   * @throws IllegalArgumentException if the transform's dimension differs from the model's
   * @throws IllegalStateException if neither the stage nor the caller gives a transform
   */
  public Scores score(
      Iterable<UserProfile> profiles, Predicate<UserProfile> allowed, FeatureTransform fallback) {
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(allowed, "allowed");
    FeatureTransform t = transform != null ? transform : fallback;
    if (t == null) {
      throw new IllegalStateException(
          "score '"
              + name
              + "' has no feature transform; set one with setTransform, or build features first");
    }
    if (t.dimension() != model.dimensions()) {
      throw new IllegalArgumentException(
          "score '"
              + name
              + "': the model takes "
              + model.dimensions()
              + " features but the features make "
              + t.dimension()
              + "; score with the feature spec the model was fitted on, or set its transform");
    }
    float[] row = new float[t.dimension()];
    List<String> ids = new ArrayList<>();
    double[] values = new double[64];
    java.util.Set<String> seen = new java.util.HashSet<>();
    int unscored = 0;
    for (UserProfile p : profiles) {
      if (!allowed.test(p) || !seen.add(p.userId())) {
        continue;
      }
      double s;
      try {
        t.transform(p, row, 0);
        s = model.score(row, 0);
      } catch (IllegalArgumentException e) {
        s = Double.NaN;
      }
      if (Double.isNaN(s)) {
        unscored++;
        continue;
      }
      if (ids.size() == values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[ids.size()] = s;
      ids.add(p.userId());
    }
    return Scores.of(name, ids, java.util.Arrays.copyOf(values, ids.size()), unscored);
  }

  /** Names the score, the purpose and the model, never a user. */
  @Override
  public String toString() {
    return "ScoreStage[" + name + ", purpose " + purpose + ", " + model + "]";
  }

  /** Builds a {@link ScoreStage}. */
  public static final class Builder {
    private final String name;
    private final ScoreModel model;
    private Purpose purpose = Purpose.PERSONALISATION;
    private FeatureTransform transform;

    private Builder(String name, ScoreModel model) {
      this.name = Scores.checkName(name);
      this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * Whose consent the scores serve; {@link Purpose#PERSONALISATION} (answers about one user) by
     * default. Use {@link Purpose#ADVERTISING} for scores whose audiences are exported to partners,
     * and {@link Purpose#ANALYTICS} for scores that only inform reports.
     */
    public Builder setPurpose(Purpose purpose) {
      this.purpose = Objects.requireNonNull(purpose, "purpose");
      return this;
    }

    /** The feature transform the model was fitted with (see the class comment). */
    public Builder setTransform(FeatureTransform transform) {
      this.transform = Objects.requireNonNull(transform, "transform");
      return this;
    }

    /**
     * The stage.
     *
     * @throws IllegalArgumentException if the transform's dimension differs from the model's
     */
    public ScoreStage get() {
      return new ScoreStage(this);
    }
  }
}
