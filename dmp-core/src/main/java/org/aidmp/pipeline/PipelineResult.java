package org.aidmp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.aidmp.clean.CleaningReport;
import org.aidmp.data.Quarantine;
import org.aidmp.data.ReadCounts;
import org.aidmp.predict.Scores;
import org.aidmp.privacy.Pseudonymizer;
import org.aidmp.privacy.RetentionPolicy;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.aidmp.recommend.Recommender;
import org.aidmp.stage.Provenance;
import org.aidmp.state.ExpiryReceipt;
import org.aidmp.state.ForgetReceipt;
import org.aidmp.state.UserStatePart;

/**
 * What a pipeline run produced: the reports of every stage, the profiles, the feature matrix and
 * the provenance of the run.
 *
 * <p>The result is immutable except for {@link #profiles()}, which is the live store the run
 * filled: a feedback updater keeps folding events into it.
 */
public final class PipelineResult {
  private final CleaningReport eventCleaning;
  private final ReadCounts eventMapping;
  private final CleaningReport attributeCleaning;
  private final ReadCounts attributeJoin;
  private final ProfileStore profiles;
  private final ProfileMatrix matrix;
  private final Segmentation segmentation;
  private final Recommender recommender;
  private final Lookalikes lookalikes;
  private final Provenance provenance;
  private final Quarantine quarantine;
  private final List<UserStatePart> userStates;
  private final List<Scores> scores;

  PipelineResult(
      CleaningReport eventCleaning,
      ReadCounts eventMapping,
      CleaningReport attributeCleaning,
      ReadCounts attributeJoin,
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
        null,
        List.of());
  }

  PipelineResult(
      CleaningReport eventCleaning,
      ReadCounts eventMapping,
      CleaningReport attributeCleaning,
      ReadCounts attributeJoin,
      ProfileStore profiles,
      ProfileMatrix matrix,
      Segmentation segmentation,
      Recommender recommender,
      Lookalikes lookalikes,
      Provenance provenance,
      Quarantine quarantine,
      Pseudonymizer pseudonyms,
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
    if (quarantine instanceof Quarantine.Erasable q) {
      parts.add(pseudonyms == null ? q : new PseudonymisedQuarantine(q, pseudonyms));
    }
    this.userStates = List.copyOf(parts);
  }

  /**
   * Every part of this result that holds user data: the profiles, the feature matrix, the segment
   * labels, the recommender's interactions, the lookalike index, the score tables and the
   * quarantine if it can forget rows ({@link Quarantine.Erasable}: the in-memory one, dmp-io's CSV
   * file one), in that order (parts the run did not build are left out). A live updater built from
   * this result adds its own parts to a copy of this list, and {@link UserStatePart#forgetAll}
   * forgets a user in all of them. The list cannot be modified.
   *
   * <p>Quarantined rows are kept as read, before pseudonymisation, so when the run pseudonymised
   * ids the quarantine part forgets the rows whose fields hold the pseudonym or any raw value whose
   * pseudonym it is (each field is hashed with the run's key to find out).
   */
  public List<UserStatePart> userStates() {
    return userStates;
  }

  /**
   * Forgets a user in every part of this result (see {@link #userStates()}) and returns the
   * receipt. Models fitted on aggregates (item similarities, centroids, popularity) keep the user's
   * influence until they are refitted; each part's javadoc says what it removes.
   *
   * <p>A file quarantine is rewritten without the user's rows, so close it first (a quarantine
   * still open refuses). Snapshots already written are not touched here: {@code
   * org.aidmp.io.snapshot.SnapshotWriter.forget(folder, result.userStates())} writes a fresh
   * generation and deletes the older ones. Exports and reports are outputs of the state: write them
   * again.
   *
   * @param userId the id as the parts hold it (the pseudonym where ids are pseudonymised)
   */
  public ForgetReceipt forget(String userId) {
    return UserStatePart.forgetAll(userStates, userId);
  }

  /**
   * Applies a retention policy as of {@code now}: expired event types and attributes leave the
   * profile store (see {@link ProfileStore#expire(ProfileStore.Expiry)} for what expiry means for
   * aggregates), and with it the live state of any updater sharing the store; users left with
   * nothing are forgotten in every part of this result, as by {@link #forget}. The host calls this
   * on its own schedule, before writing the next snapshot.
   *
   * <p>Users who keep a profile keep their row in the feature matrix, the segment labels, the
   * lookalike index, the recommender's interactions and their scores until the next run or refit:
   * those hold features, weights and scores computed from the data, not the expired events
   * themselves.
   *
   * <pre>{@code
   * RetentionPolicy retention = RetentionPolicy.builder()
   *     .setEventTtl("view", Duration.ofDays(90))
   *     .setDefaultEventTtl(Duration.ofDays(730))
   *     .get();
   * ExpiryReceipt receipt = result.expire(retention, Instant.now());
   * }</pre>
   *
   * @return what was removed, with the entries the other parts removed for emptied users
   */
  public ExpiryReceipt expire(RetentionPolicy policy, Instant now) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    long t = System.nanoTime();
    List<String> emptied = new ArrayList<>();
    ExpiryReceipt store = profiles.expire(policy.at(now), emptied::add);
    Map<String, Long> parts = new LinkedHashMap<>();
    for (String id : emptied) {
      for (ForgetReceipt.PartErasure e : UserStatePart.forgetAll(userStates, id).parts()) {
        parts.merge(e.part(), e.removed(), Long::sum);
      }
    }
    // The store removed the emptied users itself; their forget there found nothing.
    parts.merge(ProfileStore.PART_NAME, (long) emptied.size(), Long::sum);
    return store.withParts(parts, Duration.ofNanos(System.nanoTime() - t));
  }

  /** How cleaning treated the event rows, the reader's own rejections included. */
  public CleaningReport eventCleaning() {
    return eventCleaning;
  }

  /** How the cleaned event rows were mapped to events: accepted, skipped, quarantined. */
  public ReadCounts eventMapping() {
    return eventMapping;
  }

  /** How cleaning treated the attribute rows, if attributes were given. */
  public Optional<CleaningReport> attributeCleaning() {
    return Optional.ofNullable(attributeCleaning);
  }

  /** How the cleaned attribute rows were joined to users, if attributes were given. */
  public Optional<ReadCounts> attributeJoin() {
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

  /**
   * The quarantine as a part of a pseudonymised run: its rows hold raw ids, the other parts
   * pseudonyms, so a field matches when it is the pseudonym or hashes to it.
   */
  private static final class PseudonymisedQuarantine implements UserStatePart {
    private final Quarantine.Erasable quarantine;
    private final Pseudonymizer pseudonyms;

    PseudonymisedQuarantine(Quarantine.Erasable quarantine, Pseudonymizer pseudonyms) {
      this.quarantine = quarantine;
      this.pseudonyms = pseudonyms;
    }

    @Override
    public String partName() {
      return quarantine.partName();
    }

    @Override
    public long forget(String userId) {
      Objects.requireNonNull(userId, "userId");
      return quarantine.forgetRows(
          field -> field.equals(userId) || !field.isEmpty() && pseudonyms.matches(field, userId));
    }

    @Override
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
      quarantine.writeTo(out);
    }

    @Override
    public long modelVersion() {
      return quarantine.modelVersion();
    }
  }
}
