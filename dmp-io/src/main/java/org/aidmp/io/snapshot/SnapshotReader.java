package org.aidmp.io.snapshot;

import java.io.DataInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.knn.CosineIndex;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;

/**
 * Loads the parts of the committed generation of a snapshot folder written by {@link
 * SnapshotWriter}, checking each against the manifest and its checksum before the part's reader
 * sees it, and afterwards that the reader consumed the part exactly.
 *
 * <pre>{@code
 * SnapshotReader r = SnapshotReader.open(Path.of("snapshots"));
 * KMeansModel model = r.read("kmeans", KMeansModel::read);
 * ProfileStore store = r.readProfiles();   // a part saved by SnapshotWriter.writeProfiles
 * }</pre>
 *
 * <p>{@link #open(Path)} follows the folder's {@code CURRENT} pointer; {@link #open(Path, long)}
 * opens an older kept generation. Folders of the earlier flat layout (a manifest and parts directly
 * in the folder, no pointer) are read as they are. Opening sweeps what a crashed save left behind
 * (temporary files, uncommitted generations) unless a writer is saving at that moment.
 */
public final class SnapshotReader {
  private final Path folder;
  private final Path generationFolder;
  private final long generation;
  private final SnapshotManifest manifest;

  private SnapshotReader(
      Path folder, Path generationFolder, long generation, SnapshotManifest manifest) {
    this.folder = folder;
    this.generationFolder = generationFolder;
    this.generation = generation;
    this.manifest = manifest;
  }

  /**
   * Opens the committed generation of the snapshot in {@code folder}.
   *
   * @throws NoSuchFileException if no save into the folder was committed
   * @throws SnapshotFormatException if the pointer or the manifest is damaged
   */
  public static SnapshotReader open(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder");
    if (Files.isDirectory(folder)) {
      Generations.sweepIfIdle(folder);
    }
    return openUnswept(folder, Generations.current(folder));
  }

  /**
   * Opens generation {@code generation} of the snapshot in {@code folder}, committed earlier and
   * still kept (see {@link #generations(Path)}).
   *
   * @throws NoSuchFileException if that generation is not in the folder
   */
  public static SnapshotReader open(Path folder, long generation) throws IOException {
    Objects.requireNonNull(folder, "folder");
    OptionalLong cur = Generations.current(folder);
    if (cur.isEmpty() || generation > cur.getAsLong() || generation < 1) {
      throw new NoSuchFileException(
          Generations.folderOf(folder, Math.max(0, generation)).toString(),
          null,
          "generation "
              + generation
              + " was never committed here; the committed generation is "
              + (cur.isEmpty() ? "none" : cur.getAsLong()));
    }
    return openUnswept(folder, OptionalLong.of(generation));
  }

  /** The committed generations the folder still keeps, oldest first (empty if none). */
  public static List<Long> generations(Path folder) throws IOException {
    OptionalLong cur = Generations.current(folder);
    List<Long> out = new ArrayList<>();
    if (cur.isEmpty()) {
      return out;
    }
    for (long g : Generations.present(folder)) {
      if (g <= cur.getAsLong()
          && Files.exists(Generations.folderOf(folder, g).resolve(SnapshotManifest.FILE_NAME))) {
        out.add(g);
      }
    }
    return out;
  }

  /** Opens a generation without sweeping (the writer, holding the lock, has swept already). */
  static SnapshotReader openUnswept(Path folder, OptionalLong generation) throws IOException {
    Path dir =
        generation.isPresent() ? Generations.folderOf(folder, generation.getAsLong()) : folder;
    Path mf = dir.resolve(SnapshotManifest.FILE_NAME);
    if (!Files.exists(mf)) {
      throw new NoSuchFileException(
          mf.toString(),
          null,
          "no snapshot manifest: no save into this folder completed; save a snapshot first");
    }
    return new SnapshotReader(
        folder, dir, generation.orElse(0), SnapshotFile.read(mf, SnapshotManifest::read));
  }

  /** Opens {@code folder} and reads one part: a shortcut for {@code open(folder).read(name, r)}. */
  public static <T> T read(Path folder, String name, IOFunction<? super DataInput, ? extends T> r)
      throws IOException {
    return open(folder).read(name, r);
  }

  /** The snapshot folder. */
  public Path folder() {
    return folder;
  }

  /** The generation read (0 for a folder of the flat layout, which has none). */
  public long generation() {
    return generation;
  }

  /** The folder holding this generation's files. */
  public Path generationFolder() {
    return generationFolder;
  }

  /** The names of the parts the snapshot holds, in the order they were written. */
  public List<String> parts() {
    return List.copyOf(manifest.entries().keySet());
  }

  /** The manifest, with each part's header. */
  SnapshotManifest manifest() {
    return manifest;
  }

  /** Whether the snapshot holds a part of that name. */
  public boolean contains(String name) {
    return manifest.entries().containsKey(name);
  }

  /** The payload version the named part was written with, for readers of several versions. */
  public int payloadVersion(String name) {
    return entry(name).payloadVersion();
  }

  /**
   * Reads the named part.
   *
   * @throws IllegalArgumentException if the snapshot has no such part (the message lists those it
   *     has)
   * @throws SnapshotFormatException if the part's file is missing, truncated, corrupted, does not
   *     match the manifest, or {@code reader} does not consume it exactly
   */
  public <T> T read(String name, IOFunction<? super DataInput, ? extends T> reader)
      throws IOException {
    SnapshotFile.Header expected = entry(name);
    Path file = SnapshotManifest.fileOf(generationFolder, name);
    if (!Files.exists(file)) {
      throw new SnapshotFormatException(
          file, "is listed in the manifest but missing; restore the folder from a complete copy");
    }
    return SnapshotFile.read(file, expected, reader);
  }

  /**
   * Loads the profile store saved as part {@value SnapshotWriter#PROFILES}.
   *
   * @throws SnapshotFormatException if the part is damaged or not a profile store
   */
  public ProfileStore readProfiles() throws IOException {
    checkVersion(SnapshotWriter.PROFILES, SnapshotWriter.PROFILES_VERSION);
    return read(SnapshotWriter.PROFILES, ProfileStore::read);
  }

  /**
   * Loads the K-Means model saved as part {@value SnapshotWriter#KMEANS}.
   *
   * @throws SnapshotFormatException if the part is damaged or not a K-Means model
   */
  public KMeansModel readKMeans() throws IOException {
    checkVersion(SnapshotWriter.KMEANS, SnapshotWriter.KMEANS_VERSION);
    return read(SnapshotWriter.KMEANS, KMeansModel::read);
  }

  /** Loads the feature transform saved as part {@value SnapshotWriter#TRANSFORM}. */
  public FeatureTransform readTransform() throws IOException {
    checkVersion(SnapshotWriter.TRANSFORM, SnapshotWriter.PART_VERSION);
    return read(SnapshotWriter.TRANSFORM, FeatureTransform::read);
  }

  /** Loads the cosine index saved as part {@value SnapshotWriter#INDEX}. */
  public CosineIndex readIndex() throws IOException {
    checkVersion(SnapshotWriter.INDEX, SnapshotWriter.PART_VERSION);
    return read(SnapshotWriter.INDEX, CosineIndex::read);
  }

  /** Loads the feedback state saved as part {@value SnapshotWriter#FEEDBACK}. */
  public FeedbackSnapshot readFeedback() throws IOException {
    checkVersion(SnapshotWriter.FEEDBACK, SnapshotWriter.PART_VERSION);
    return read(SnapshotWriter.FEEDBACK, FeedbackSnapshot::read);
  }

  /** Loads the campaign statistics saved as part {@value SnapshotWriter#CAMPAIGN}. */
  public CampaignOptimizer readCampaign() throws IOException {
    checkVersion(SnapshotWriter.CAMPAIGN, SnapshotWriter.PART_VERSION);
    return read(SnapshotWriter.CAMPAIGN, CampaignOptimizer::read);
  }

  private void checkVersion(String part, int supported) throws SnapshotFormatException {
    int v = payloadVersion(part);
    if (v != supported) {
      throw new SnapshotFormatException(
          Path.of(part + SnapshotManifest.EXTENSION),
          "part version "
              + v
              + " is not supported (this library reads "
              + supported
              + "); use the library version that wrote it");
    }
  }

  /** Checks every part's file against the manifest and its checksum without interpreting it. */
  public void verify() throws IOException {
    for (String name : manifest.entries().keySet()) {
      read(
          name,
          in -> {
            if (in instanceof ChannelDataInput c) {
              c.drain();
            }
            return null;
          });
    }
  }

  private SnapshotFile.Header entry(String name) {
    SnapshotFile.Header h = manifest.entries().get(SnapshotManifest.checkName(name));
    if (h == null) {
      throw new IllegalArgumentException(
          "the snapshot in "
              + folder
              + " has no part '"
              + name
              + "'; it has "
              + manifest.entries().keySet());
    }
    return h;
  }

  @Override
  public String toString() {
    return "SnapshotReader[" + folder + ", " + manifest.entries().keySet() + "]";
  }
}
