package org.aidmp.io.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.knn.CosineIndex;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;
import org.aidmp.state.UserStatePart;

/**
 * Typed save and load of the library's stateful parts under fixed part names, on top of {@link
 * SnapshotWriter} and {@link SnapshotReader}. Each part is written by its own class's {@code
 * write(DataOutput)} and read by its {@code read(DataInput)}.
 *
 * <pre>{@code
 * SnapshotWriter w = SnapshotWriter.create(folder);
 * Snapshots.writeProfiles(w, store);
 * w.commit();
 * ProfileStore restored = Snapshots.readProfiles(SnapshotReader.open(folder));
 * }</pre>
 *
 * <p>Wired: the profile store, the fitted feature transform, the K-Means model, the cosine index,
 * the feedback updater's state and the campaign statistics. Recommenders are not saved: they are
 * refitted from the interactions, which the events rebuild. Anything else with a {@code
 * write(DataOutput)} goes through {@link SnapshotWriter#write(String, int, IOConsumer)}; {@link
 * #writeParts} writes every part of a deployment ({@link UserStatePart}s) at once.
 *
 * <p><b>Forgetting.</b> Forgetting a user in memory does not reach the generations already on disk.
 * {@link #forget(Path, List)} does: it writes a fresh generation from the parts, which have
 * forgotten the user, and <em>deletes every older generation</em> (old generations are deleted, not
 * rewritten). See there for crash safety.
 */
public final class Snapshots {
  /** Part name of the profile store. */
  public static final String PROFILES = "profiles";

  /** Part name of the K-Means model. */
  public static final String KMEANS = "kmeans";

  /** Part name of the fitted feature transform. */
  public static final String TRANSFORM = "transform";

  /** Part name of the cosine index. */
  public static final String INDEX = "index";

  /** Part name reserved for the recommenders. */
  public static final String RECOMMENDER = "recommender";

  /** Part name of the feedback updater's state. */
  public static final String FEEDBACK = "feedback";

  /** Part name of the campaign statistics. */
  public static final String CAMPAIGN = "campaign";

  /**
   * Version of the framing of the parts added with the index: each class versions its own payload,
   * so this changes only if the framing here changes.
   */
  static final int PART_VERSION = 1;

  /**
   * Version of the profile part's container entry. The store's codec carries its own format version
   * inside the payload; this one changes only if the way it is framed here changes.
   */
  static final int PROFILES_VERSION = 1;

  /** Version of the K-Means part's framing; the model's codec versions its own payload. */
  static final int KMEANS_VERSION = 1;

  private Snapshots() {}

  /** Saves the profile store as part {@value #PROFILES}. */
  public static long writeProfiles(SnapshotWriter writer, ProfileStore store) throws IOException {
    Objects.requireNonNull(store, "store");
    return writer.write(PROFILES, PROFILES_VERSION, store::write);
  }

  /**
   * Loads the profile store saved as part {@value #PROFILES}.
   *
   * @throws SnapshotFormatException if the part is damaged or not a profile store
   */
  public static ProfileStore readProfiles(SnapshotReader reader) throws IOException {
    checkVersion(reader, PROFILES, PROFILES_VERSION);
    return reader.read(PROFILES, ProfileStore::read);
  }

  /** Saves the K-Means model as part {@value #KMEANS}. */
  public static long writeKMeans(SnapshotWriter writer, KMeansModel model) throws IOException {
    Objects.requireNonNull(model, "model");
    return writer.write(KMEANS, KMEANS_VERSION, model::write);
  }

  /**
   * Loads the K-Means model saved as part {@value #KMEANS}.
   *
   * @throws SnapshotFormatException if the part is damaged or not a K-Means model
   */
  public static KMeansModel readKMeans(SnapshotReader reader) throws IOException {
    checkVersion(reader, KMEANS, KMEANS_VERSION);
    return reader.read(KMEANS, KMeansModel::read);
  }

  /** Saves the fitted feature transform as part {@value #TRANSFORM}. */
  public static long writeTransform(SnapshotWriter writer, FeatureTransform t) throws IOException {
    Objects.requireNonNull(t, "transform");
    return writer.write(TRANSFORM, PART_VERSION, t::write);
  }

  /** Loads the feature transform saved as part {@value #TRANSFORM}. */
  public static FeatureTransform readTransform(SnapshotReader reader) throws IOException {
    checkVersion(reader, TRANSFORM, PART_VERSION);
    return reader.read(TRANSFORM, FeatureTransform::read);
  }

  /** Saves the cosine index as part {@value #INDEX}. */
  public static long writeIndex(SnapshotWriter writer, CosineIndex index) throws IOException {
    Objects.requireNonNull(index, "index");
    return writer.write(INDEX, PART_VERSION, index::write);
  }

  /** Loads the cosine index saved as part {@value #INDEX}. */
  public static CosineIndex readIndex(SnapshotReader reader) throws IOException {
    checkVersion(reader, INDEX, PART_VERSION);
    return reader.read(INDEX, CosineIndex::read);
  }

  /**
   * Saves the feedback updater's state as part {@value #FEEDBACK}. Take the snapshot with the
   * updater's intake paused together with the profile store, so that both describe one moment.
   */
  public static long writeFeedback(SnapshotWriter writer, FeedbackSnapshot state)
      throws IOException {
    Objects.requireNonNull(state, "state");
    return writer.write(FEEDBACK, PART_VERSION, state::write);
  }

  /** Loads the feedback state saved as part {@value #FEEDBACK}. */
  public static FeedbackSnapshot readFeedback(SnapshotReader reader) throws IOException {
    checkVersion(reader, FEEDBACK, PART_VERSION);
    return reader.read(FEEDBACK, FeedbackSnapshot::read);
  }

  /** Saves the campaign statistics as part {@value #CAMPAIGN}. */
  public static long writeCampaign(SnapshotWriter writer, CampaignOptimizer state)
      throws IOException {
    Objects.requireNonNull(state, "state");
    return writer.write(CAMPAIGN, PART_VERSION, state::writeTo);
  }

  /** Loads the campaign statistics saved as part {@value #CAMPAIGN}. */
  public static CampaignOptimizer readCampaign(SnapshotReader reader) throws IOException {
    checkVersion(reader, CAMPAIGN, PART_VERSION);
    return reader.read(CAMPAIGN, CampaignOptimizer::read);
  }

  /**
   * Parts a snapshot may hold that carry no per-user data: the K-Means model, the feature transform
   * and the campaign statistics. {@link #forget} carries them into the new generation unchanged.
   */
  public static final Set<String> USER_FREE_PARTS = Set.of(KMEANS, TRANSFORM, CAMPAIGN);

  /**
   * The name a user-state part is saved under: the feedback updater's state under {@value
   * #FEEDBACK} (what {@link #writeFeedback} writes), every other part under its {@link
   * UserStatePart#partName()} (the store's {@value #PROFILES} and the index's {@value #INDEX} match
   * the typed methods above).
   */
  public static String partNameOf(UserStatePart part) {
    Objects.requireNonNull(part, "part");
    return part instanceof FeedbackUpdater ? FEEDBACK : part.partName();
  }

  /**
   * Writes every part of {@code parts} into the writer's new generation, each under {@link
   * #partNameOf} with payload version 1, through its {@link UserStatePart#writeTo}. The caller
   * commits.
   *
   * <pre>{@code
   * try (SnapshotWriter w = SnapshotWriter.update(folder)) {
   *   Snapshots.writeParts(w, result.userStates());
   *   Snapshots.writeKMeans(w, model);
   *   w.commit();
   * }
   * }</pre>
   *
   * @return the names written, in order
   */
  public static List<String> writeParts(SnapshotWriter writer, List<? extends UserStatePart> parts)
      throws IOException {
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(parts, "parts");
    List<String> names = new ArrayList<>();
    for (UserStatePart p : parts) {
      String name = partNameOf(p);
      writer.write(name, PART_VERSION, p::writeTo);
      names.add(name);
    }
    return names;
  }

  /**
   * Makes a snapshot folder forget what {@code forgotten} has forgotten: writes a new generation in
   * which every part of {@code forgotten} is written afresh (so it holds no user the parts no
   * longer hold), the {@link #USER_FREE_PARTS} of the committed generation are carried over
   * unchanged, commits it, and deletes every older generation, the one before included. Call it
   * after {@code result.forget(id)} (or {@code UserStatePart.forgetAll}) with the same parts.
   *
   * <pre>{@code
   * ForgetReceipt receipt = result.forget(pseudonym);
   * Snapshots.Erasure gone = Snapshots.forget(folder, result.userStates());
   * }</pre>
   *
   * <p><b>Old generations are deleted, not rewritten</b>: after the call the folder holds one
   * generation, the new one, so there is no earlier generation to fall back on until the next save.
   *
   * <p><b>Crash safety.</b> The new generation is committed like any save (the {@code CURRENT}
   * pointer switches atomically once it is whole on disk), so a crash at any moment leaves a
   * loadable snapshot: before the switch the previous generation, after it the new one. The older
   * generations are deleted only after the switch; if the process dies between the two, they are
   * still on disk, and calling this again (or any later save, which keeps at most the generations
   * its writer keeps) deletes them. The returned {@link Erasure} says how many were deleted.
   *
   * @throws IllegalStateException if the committed generation holds a part that may hold user data
   *     and that no part of {@code forgotten} rewrites: the folder is then left unchanged. Pass
   *     every part that was saved, or save without that part first.
   * @throws IOException if the folder cannot be written; the previous generation then stays
   *     committed
   */
  public static Erasure forget(Path folder, List<? extends UserStatePart> forgotten)
      throws IOException {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(forgotten, "forgotten");
    int before = Generations.present(folder).size();
    List<String> rewritten = new ArrayList<>();
    List<String> carried = new ArrayList<>();
    List<String> parts;
    long generation;
    try (SnapshotWriter w = SnapshotWriter.builder(folder).setKeptGenerations(1).update()) {
      generation = w.generation();
      Set<String> fresh = new java.util.HashSet<>();
      for (UserStatePart p : forgotten) {
        fresh.add(partNameOf(p));
      }
      for (String kept : w.carriedParts()) {
        if (fresh.contains(kept)) {
          continue;
        }
        if (!USER_FREE_PARTS.contains(kept)) {
          throw new IllegalStateException(
              "the snapshot part '"
                  + kept
                  + "' may hold user data and none of the given parts rewrites it; pass the part"
                  + " it was saved from, or save a generation without it first");
        }
        carried.add(kept);
      }
      rewritten.addAll(writeParts(w, forgotten));
      parts = w.commit();
    }
    int after = Generations.present(folder).size();
    return new Erasure(
        generation, rewritten, carried, Math.max(0, before + 1 - after), parts.size());
  }

  /**
   * What {@link #forget} did to a snapshot folder.
   *
   * @param generation the generation written, now the committed one
   * @param rewritten the parts written afresh from the given state
   * @param carried the user-free parts carried over unchanged
   * @param generationsDeleted how many earlier generations were deleted
   * @param parts the number of parts in the new generation
   */
  public record Erasure(
      long generation,
      List<String> rewritten,
      List<String> carried,
      int generationsDeleted,
      int parts) {
    /** Copies the lists. */
    public Erasure {
      rewritten = List.copyOf(rewritten);
      carried = List.copyOf(carried);
    }
  }

  private static void checkVersion(SnapshotReader reader, String part, int supported)
      throws SnapshotFormatException {
    int v = reader.payloadVersion(part);
    if (v != supported) {
      throw new SnapshotFormatException(
          java.nio.file.Path.of(part + SnapshotManifest.EXTENSION),
          "part version "
              + v
              + " is not supported (this library reads "
              + supported
              + "); use the library version that wrote it");
    }
  }
}
