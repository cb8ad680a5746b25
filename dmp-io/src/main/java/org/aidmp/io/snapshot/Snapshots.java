package org.aidmp.io.snapshot;

import java.io.IOException;
import java.util.Objects;
import org.aidmp.campaign.CampaignSnapshot;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.knn.CosineIndex;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;

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
 * write(DataOutput)} goes through {@link SnapshotWriter#write(String, int, IOConsumer)}.
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
  public static SnapshotFile.Header writeProfiles(SnapshotWriter writer, ProfileStore store)
      throws IOException {
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
  public static SnapshotFile.Header writeKMeans(SnapshotWriter writer, KMeansModel model)
      throws IOException {
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
  public static SnapshotFile.Header writeTransform(SnapshotWriter writer, FeatureTransform t)
      throws IOException {
    Objects.requireNonNull(t, "transform");
    return writer.write(TRANSFORM, PART_VERSION, t::write);
  }

  /** Loads the feature transform saved as part {@value #TRANSFORM}. */
  public static FeatureTransform readTransform(SnapshotReader reader) throws IOException {
    checkVersion(reader, TRANSFORM, PART_VERSION);
    return reader.read(TRANSFORM, FeatureTransform::read);
  }

  /** Saves the cosine index as part {@value #INDEX}. */
  public static SnapshotFile.Header writeIndex(SnapshotWriter writer, CosineIndex index)
      throws IOException {
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
  public static SnapshotFile.Header writeFeedback(SnapshotWriter writer, FeedbackSnapshot state)
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
  public static SnapshotFile.Header writeCampaign(SnapshotWriter writer, CampaignSnapshot state)
      throws IOException {
    Objects.requireNonNull(state, "state");
    return writer.write(CAMPAIGN, PART_VERSION, state::write);
  }

  /** Loads the campaign statistics saved as part {@value #CAMPAIGN}. */
  public static CampaignSnapshot readCampaign(SnapshotReader reader) throws IOException {
    checkVersion(reader, CAMPAIGN, PART_VERSION);
    return reader.read(CAMPAIGN, CampaignSnapshot::read);
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
