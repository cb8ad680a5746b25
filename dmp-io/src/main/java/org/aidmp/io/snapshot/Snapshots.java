package org.aidmp.io.snapshot;

import java.io.IOException;
import java.util.Objects;
import org.aidmp.kmeans.KMeansModel;
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
 * <p>Wired so far: the profile store and the K-Means model. The other parts (index, recommenders,
 * feedback state) have reserved names below; until their classes can write themselves, anything
 * with a {@code write(DataOutput)} goes through {@link SnapshotWriter#write(String, int,
 * IOConsumer)}.
 */
public final class Snapshots {
  /** Part name of the profile store. */
  public static final String PROFILES = "profiles";
  /** Part name of the K-Means model. */
  public static final String KMEANS = "kmeans";
  /** Part name reserved for the cosine index. */
  public static final String INDEX = "index";
  /** Part name reserved for the recommenders. */
  public static final String RECOMMENDER = "recommender";
  /** Part name reserved for the feedback state. */
  public static final String FEEDBACK = "feedback";

  /**
   * Version of the profile part's container entry. The store's codec carries its own format
   * version inside the payload; this one changes only if the way it is framed here changes.
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

  private static void checkVersion(SnapshotReader reader, String part, int supported)
      throws SnapshotFormatException {
    int v = reader.payloadVersion(part);
    if (v != supported) {
      throw new SnapshotFormatException(
          java.nio.file.Path.of(part + SnapshotManifest.EXTENSION),
          "part version " + v + " is not supported (this library reads " + supported
              + "); use the library version that wrote it");
    }
  }
}
