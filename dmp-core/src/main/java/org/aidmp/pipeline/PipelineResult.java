package org.aidmp.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.aidmp.clean.CleaningReport;
import org.aidmp.data.Quarantine;
import org.aidmp.predict.Scores;
import org.aidmp.profile.IngestReport;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.aidmp.recommend.Recommender;
import org.aidmp.state.ForgetReceipt;
import org.aidmp.state.UserStatePart;
import org.aidmp.state.UserStates;

/**
 * What a pipeline run produced: the reports of every stage, the profiles, the feature matrix and
 * the provenance of the run.
 *
 * <p>The result is immutable except for {@link #profiles()}, which is the live store the run
 * filled: a feedback updater keeps folding events into it.
 */
public final class PipelineResult {
  private final CleaningReport eventCleaning;
  private final IngestReport eventMapping;
  private final CleaningReport attributeCleaning;
  private final IngestReport attributeJoin;
  private final ProfileStore profiles;
  private final ProfileMatrix matrix;
  private final Segmentation segmentation;
  private final Recommender recommender;
  private final Lookalikes lookalikes;
  private final Provenance provenance;
  private final Quarantine quarantine;
  private final UserStates userStates;
  private final List<Scores> scores;

  PipelineResult(
      CleaningReport eventCleaning,
      IngestReport eventMapping,
      CleaningReport attributeCleaning,
      IngestReport attributeJoin,
      ProfileStore profiles,
      ProfileMatrix matrix,
      Segmentation segmentation,
      Recommender recommender,
      Lookalikes lookalikes,
      Provenance provenance,
      Quarantine quarantine) {
    this(
        eventCleaning,
        eventMapping,
        attributeCleaning,
        attributeJoin,
        profiles,
        matrix,
        segmentation,
        recommender,
        lookalikes,
        provenance,
        quarantine,
        List.of());
  }

  PipelineResult(
      CleaningReport eventCleaning,
      IngestReport eventMapping,
      CleaningReport attributeCleaning,
      IngestReport attributeJoin,
      ProfileStore profiles,
      ProfileMatrix matrix,
      Segmentation segmentation,
      Recommender recommender,
      Lookalikes lookalikes,
      Provenance provenance,
      Quarantine quarantine,
      List<Scores> scores) {
    this.eventCleaning = Objects.requireNonNull(eventCleaning, "eventCleaning");
    this.eventMapping = Objects.requireNonNull(eventMapping, "eventMapping");
    this.attributeCleaning = attributeCleaning;
    this.attributeJoin = attributeJoin;
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.matrix = matrix;
    this.segmentation = segmentation;
    this.recommender = recommender;
    this.lookalikes = lookalikes;
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.quarantine = quarantine;
    this.scores = List.copyOf(scores);
    List<UserStatePart> parts = new ArrayList<>();
    parts.add(profiles);
    if (matrix != null) {
      parts.add(matrix);
    }
    if (segmentation != null) {
      parts.add(segmentation);
    }
    if (recommender != null) {
      parts.add(recommender.interactions());
    }
    if (lookalikes != null) {
      parts.add(lookalikes.index());
    }
    parts.addAll(this.scores);
    if (quarantine instanceof Quarantine.InMemory q) {
      parts.add(q);
    }
    this.userStates = UserStates.of(parts);
  }

  /**
   * Every part of this result that holds user data: the profiles, the feature matrix, the segment
   * labels, the recommender's interactions, the lookalike index, the score tables and an in-memory
   * quarantine, in that order (parts the run did not build are left out). A live updater built from
   * this result adds its own parts with {@link UserStates#and}.
   */
  public UserStates userStates() {
    return userStates;
  }

  /**
   * Forgets a user in every part of this result (see {@link #userStates()}) and returns the
   * receipt. Models fitted on aggregates (item similarities, centroids, popularity) keep the user's
   * influence until they are refitted; each part's javadoc says what it removes.
   *
   * @param userId the id as the parts hold it (the pseudonym where ids are pseudonymised)
   */
  public ForgetReceipt forget(String userId) {
    return userStates.forget(userId);
  }

  /** How cleaning treated the event rows, the reader's own rejections included. */
  public CleaningReport eventCleaning() {
    return eventCleaning;
  }

  /** How the cleaned event rows were mapped to events: accepted, skipped, quarantined. */
  public IngestReport eventMapping() {
    return eventMapping;
  }

  /** How cleaning treated the attribute rows, if attributes were given. */
  public Optional<CleaningReport> attributeCleaning() {
    return Optional.ofNullable(attributeCleaning);
  }

  /** How the cleaned attribute rows were joined to users, if attributes were given. */
  public Optional<IngestReport> attributeJoin() {
    return Optional.ofNullable(attributeJoin);
  }

  /**
   * Event rows accounted for end to end: read = profiled + quarantined + skipped, where profiled
   * rows became events and every other row was rejected by exactly one stage.
   */
  public RowAccount eventAccount() {
    return new RowAccount(
        eventCleaning.read(),
        eventMapping.accepted(),
        eventCleaning.quarantined() + eventMapping.quarantined(),
        eventCleaning.skipped() + eventMapping.skipped());
  }

  /** The user profiles; the live store, see the class comment. */
  public ProfileStore profiles() {
    return profiles;
  }

  /** The feature matrix, if a feature spec was given. */
  public Optional<ProfileMatrix> matrix() {
    return Optional.ofNullable(matrix);
  }

  /** The segments, if the run segmented users. */
  public Optional<Segmentation> segmentation() {
    return Optional.ofNullable(segmentation);
  }

  /** The trained recommender, if the run trained one. */
  public Optional<Recommender> recommender() {
    return Optional.ofNullable(recommender);
  }

  /** The lookalike index and settings, if the run built them. */
  public Optional<Lookalikes> lookalikes() {
    return Optional.ofNullable(lookalikes);
  }

  /** The score tables the run's score stages wrote, in the order the stages ran. */
  public List<Scores> scores() {
    return scores;
  }

  /**
   * The score table of the score stage named {@code name}, if the run had one: one score per user
   * allowed for the stage's purpose, for lookups and for {@link
   * org.aidmp.predict.ScoreAudience#top(Scores, double)}.
   */
  public Optional<Scores> scores(String name) {
    Objects.requireNonNull(name, "name");
    for (Scores s : scores) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Inputs, stages, timings, seed, JVM and kernels of the run. */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Rows of one input accounted for end to end.
   *
   * @param read rows read
   * @param accepted rows that made it through every stage
   * @param quarantined rows kept in a quarantine by some stage
   * @param skipped rows dropped by some stage
   */
  public record RowAccount(long read, long accepted, long quarantined, long skipped) {
    /** Whether every row read is counted exactly once. */
    public boolean balanced() {
      return read == accepted + quarantined + skipped;
    }
  }

  @Override
  public String toString() {
    return "PipelineResult["
        + profiles.size()
        + " users, "
        + (matrix == null ? "no features" : matrix.rows() + "x" + matrix.cols() + " features")
        + "]";
  }
}
