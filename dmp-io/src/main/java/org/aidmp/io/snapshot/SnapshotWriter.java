package org.aidmp.io.snapshot;

import java.io.Closeable;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
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
 * Saves named parts (the profile store, a K-Means model, an index...) as a new generation of a
 * snapshot folder, each part in its own checksummed file, and commits the generation by switching a
 * pointer atomically.
 *
 * <pre>{@code
 * SnapshotWriter w = SnapshotWriter.create(Path.of("snapshots"));
 * w.write("kmeans", 1, model::write);
 * w.write("profiles", 1, store::write);
 * w.commit();   // the new generation exists, for readers, only from here on
 * }</pre>
 *
 * <p>The library's stateful parts have typed methods that save each under a fixed part name ({@link
 * #writeProfiles}, {@link #writeKMeans}, {@link #writeTransform}, {@link #writeIndex}, {@link
 * #writeFeedback}, {@link #writeCampaign}), which {@link SnapshotReader}'s {@code read...} methods
 * load; {@link #writeParts} saves every part of a deployment ({@link UserStatePart}s) at once. Each
 * part is written by its own class's {@code write(DataOutput)}. Recommenders are not saved: they
 * are refitted from the interactions, which the events rebuild. {@link #forget(Path, List)} makes
 * the generations on disk forget what the parts in memory have forgotten.
 *
 * <p>Every save writes a new generation folder inside {@code folder}; nothing of an earlier
 * generation is touched. {@link #commit()} writes the manifest, forces the generation to disk, then
 * renames a small forced {@code CURRENT} file naming the new generation over the old one and forces
 * the folder. A crash (or a kill) at any moment before that rename leaves the previous generation
 * committed and loadable, byte for byte; after it, the new one. Generations beyond {@link
 * Builder#setKeptGenerations(int) the kept count} are deleted after a commit; temporary files and
 * uncommitted generations of crashed saves are swept when the next writer or reader opens the
 * folder. A failure to force data or a folder to disk fails the save with an {@link IOException}.
 *
 * <p>A writer holds the folder's {@code LOCK} file from its creation until {@link #commit()} or
 * {@link #close()}; a second writer on the same folder fails at once. Not thread-safe.
 */
public final class SnapshotWriter implements Closeable {
  /** Generations kept by default: the one committed and the one before it. */
  public static final int DEFAULT_KEPT_GENERATIONS = 2;

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
   * Parts a snapshot may hold that carry no per-user data: the K-Means model, the feature transform
   * and the campaign statistics. {@link #forget} carries them into the new generation unchanged.
   */
  public static final Set<String> USER_FREE_PARTS = Set.of(KMEANS, TRANSFORM, CAMPAIGN);

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

  private final Path folder;
  private final long generation;
  private final Path generationFolder;
  private final Map<String, SnapshotFile.Header> entries;
  private final java.util.Set<String> carried = new java.util.LinkedHashSet<>();
  private final int keep;
  private FileLock lock;
  private boolean committed;
  private boolean closed;
  private boolean switching;

  private SnapshotWriter(Path folder, Builder b, boolean update) throws IOException {
    this.folder = folder;
    this.keep = b.keep;
    Files.createDirectories(folder);
    this.lock = Generations.tryLock(folder);
    if (lock == null) {
      throw new IOException(
          folder
              + ": another snapshot writer is saving into this folder; wait for it to commit or"
              + " close, or save into another folder");
    }
    try {
      Generations.sweep(folder);
      OptionalLong cur = Generations.current(folder);
      List<Long> present = Generations.present(folder);
      long last = present.isEmpty() ? 0 : present.get(present.size() - 1);
      this.generation = Math.max(last, cur.orElse(0)) + 1;
      this.generationFolder = Generations.folderOf(folder, generation);
      this.entries = new LinkedHashMap<>();
      Files.createDirectory(generationFolder);
      if (update) {
        keepPartsOf(cur);
      }
    } catch (IOException | RuntimeException e) {
      Generations.release(lock);
      lock = null;
      throw e;
    }
  }

  /** Carries every part of the committed generation into the new one (hard link, else copy). */
  private void keepPartsOf(OptionalLong cur) throws IOException {
    SnapshotReader previous;
    try {
      previous = SnapshotReader.openUnswept(folder, cur);
    } catch (java.nio.file.NoSuchFileException e) {
      return; // an update of an empty folder is a first save
    }
    for (Map.Entry<String, SnapshotFile.Header> e : previous.manifest().entries().entrySet()) {
      Path from = SnapshotManifest.fileOf(previous.generationFolder(), e.getKey());
      Path to = SnapshotManifest.fileOf(generationFolder, e.getKey());
      try {
        // Parts are never changed in place (every write is a new file renamed into place), so
        // two generations can share one.
        Files.createLink(to, from);
      } catch (UnsupportedOperationException | IOException linkFailed) {
        Files.copy(from, to);
      }
      entries.put(e.getKey(), e.getValue());
      carried.add(e.getKey());
    }
  }

  /** Options of a writer: how many generations to keep. */
  public static Builder builder(Path folder) {
    return new Builder(Objects.requireNonNull(folder, "folder"));
  }

  /**
   * Starts a new generation in {@code folder} (created if missing) that holds only the parts
   * written to it. The committed generation stays the one readers see until {@link #commit()}.
   *
   * @throws IOException if another writer holds the folder, or the folder cannot be written
   */
  public static SnapshotWriter create(Path folder) throws IOException {
    return builder(folder).create();
  }

  /**
   * Starts a new generation that holds every part of the committed one, each replaced if it is
   * written again. The folder may be empty; a folder whose manifest is damaged fails.
   */
  public static SnapshotWriter update(Path folder) throws IOException {
    return builder(folder).update();
  }

  /**
   * Saves one part and commits at once: a shortcut for {@code update(folder).write(name, 1, body)}
   * followed by {@link #commit()}.
   *
   * @return the part's payload length in bytes
   */
  public static long write(Path folder, String name, IOConsumer<? super DataOutput> body)
      throws IOException {
    try (SnapshotWriter w = update(folder)) {
      long length = w.write(name, 1, body);
      w.commit();
      return length;
    }
  }

  /**
   * Writes one part of the new generation.
   *
   * @param name the part's name: letters, digits, {@code _ . -}, at most 64
   * @param payloadVersion the version of {@code body}'s format, handed back to readers
   * @param body writes the part
   * @return the part's payload length in bytes (its file adds a 32-byte header)
   */
  public long write(String name, int payloadVersion, IOConsumer<? super DataOutput> body)
      throws IOException {
    SnapshotManifest.checkName(name);
    checkOpen();
    Path file = SnapshotManifest.fileOf(generationFolder, name);
    if (entries.containsKey(name)) {
      // A kept part is a link shared with the previous generation: unlink, never overwrite.
      Files.deleteIfExists(file);
      carried.remove(name);
    }
    SnapshotFile.Header h = SnapshotFile.write(file, payloadVersion, body);
    entries.put(name, h);
    return h.payloadLength();
  }

  /** Saves the profile store as part {@value #PROFILES}. */
  public long writeProfiles(ProfileStore store) throws IOException {
    Objects.requireNonNull(store, "store");
    return write(PROFILES, PROFILES_VERSION, store::write);
  }

  /** Saves the K-Means model as part {@value #KMEANS}. */
  public long writeKMeans(KMeansModel model) throws IOException {
    Objects.requireNonNull(model, "model");
    return write(KMEANS, KMEANS_VERSION, model::write);
  }

  /** Saves the fitted feature transform as part {@value #TRANSFORM}. */
  public long writeTransform(FeatureTransform t) throws IOException {
    Objects.requireNonNull(t, "transform");
    return write(TRANSFORM, PART_VERSION, t::write);
  }

  /** Saves the cosine index as part {@value #INDEX}. */
  public long writeIndex(CosineIndex index) throws IOException {
    Objects.requireNonNull(index, "index");
    return write(INDEX, PART_VERSION, index::write);
  }

  /**
   * Saves the feedback updater's state as part {@value #FEEDBACK}. Take the snapshot with the
   * updater's intake paused together with the profile store, so that both describe one moment.
   */
  public long writeFeedback(FeedbackSnapshot state) throws IOException {
    Objects.requireNonNull(state, "state");
    return write(FEEDBACK, PART_VERSION, state::write);
  }

  /** Saves the campaign statistics as part {@value #CAMPAIGN}. */
  public long writeCampaign(CampaignOptimizer state) throws IOException {
    Objects.requireNonNull(state, "state");
    return write(CAMPAIGN, PART_VERSION, state::writeTo);
  }

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
   * Writes every part of {@code parts} into this new generation, each under {@link #partNameOf}
   * with payload version 1, through its {@link UserStatePart#writeTo}. The caller commits.
   *
   * <pre>{@code
   * try (SnapshotWriter w = SnapshotWriter.update(folder)) {
   *   w.writeParts(result.userStates());
   *   w.writeKMeans(model);
   *   w.commit();
   * }
   * }</pre>
   *
   * @return the names written, in order
   */
  public List<String> writeParts(List<? extends UserStatePart> parts) throws IOException {
    Objects.requireNonNull(parts, "parts");
    List<String> names = new ArrayList<>();
    for (UserStatePart p : parts) {
      String name = partNameOf(p);
      write(name, PART_VERSION, p::writeTo);
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
   * SnapshotWriter.Erasure gone = SnapshotWriter.forget(folder, result.userStates());
   * }</pre>
   *
   * <p>Forgetting a user in memory does not reach the generations already on disk; this does.
   * <b>Old generations are deleted, not rewritten</b>: after the call the folder holds one
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
      Set<String> fresh = new HashSet<>();
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
      rewritten.addAll(w.writeParts(forgotten));
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

  private void checkOpen() {
    if (committed) {
      throw new IllegalStateException(
          "this snapshot was already committed; start another with SnapshotWriter.update");
    }
    if (closed) {
      throw new IllegalStateException(
          "this writer was closed without a commit; start another with SnapshotWriter.create");
    }
  }

  /**
   * Writes the manifest of the new generation, forces it to disk and switches {@code CURRENT} to
   * it; then deletes generations beyond the kept count and releases the folder.
   *
   * @return the names of the parts the committed generation holds, in the order written
   * @throws IOException if any write or force fails. Before the pointer switch the previous
   *     generation then stays committed; if forcing the folder after the switch fails, the new
   *     generation may or may not be the committed one after a power cut (either is whole), and the
   *     save must not be reported as durable.
   */
  public List<String> commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("commit() was already called");
    }
    checkOpen();
    SnapshotManifest m = new SnapshotManifest(entries, System.currentTimeMillis());
    SnapshotFile.write(
        generationFolder.resolve(SnapshotManifest.FILE_NAME),
        SnapshotManifest.FORMAT_VERSION,
        m::write);
    SnapshotFile.forceFolder(generationFolder);
    // From here the pointer may name the new generation even if forcing it fails below, so an
    // abandoned writer must no longer delete the generation.
    switching = true;
    Generations.commit(folder, generation);
    committed = true;
    try {
      Generations.prune(folder, generation, keep);
      deleteLegacyFiles();
    } finally {
      releaseLock();
    }
    return List.copyOf(m.entries().keySet());
  }

  /** Files of the flat, pre-generation layout are superseded by the first committed generation. */
  private void deleteLegacyFiles() throws IOException {
    try (DirectoryStream<Path> ds =
        Files.newDirectoryStream(folder, "*" + SnapshotManifest.EXTENSION)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Abandons an uncommitted save: deletes its generation folder and releases the folder's lock.
   * Does nothing after {@link #commit()}.
   */
  @Override
  public void close() throws IOException {
    if (committed || closed) {
      return;
    }
    closed = true;
    try {
      if (!switching) {
        Generations.deleteTree(generationFolder);
      }
    } finally {
      releaseLock();
    }
  }

  private void releaseLock() throws IOException {
    FileLock l = lock;
    lock = null;
    Generations.release(l);
  }

  /**
   * The parts carried over from the committed generation by {@link #update} and not written again
   * yet, in manifest order; empty for {@link #create}.
   */
  public List<String> carriedParts() {
    return List.copyOf(carried);
  }

  /** The folder this writer saves into. */
  public Path folder() {
    return folder;
  }

  /** The number of the generation this writer creates. */
  public long generation() {
    return generation;
  }

  @Override
  public String toString() {
    return "SnapshotWriter["
        + folder
        + ", generation "
        + generation
        + ", "
        + entries.keySet()
        + "]";
  }

  /** Options of a {@link SnapshotWriter}; {@link #create()} and {@link #update()} open one. */
  public static final class Builder {
    private final Path folder;
    private int keep = DEFAULT_KEPT_GENERATIONS;

    private Builder(Path folder) {
      this.folder = folder;
    }

    /**
     * How many committed generations to keep, the newest included (default {@value
     * SnapshotWriter#DEFAULT_KEPT_GENERATIONS}); older ones are deleted after each commit.
     */
    public Builder setKeptGenerations(int keep) {
      if (keep < 1 || keep > 1000) {
        throw new IllegalArgumentException(
            "keptGenerations ("
                + keep
                + ") must be between 1 and 1000; 2 keeps one to fall back on");
      }
      this.keep = keep;
      return this;
    }

    /** A writer of a new generation holding only the parts written to it. */
    public SnapshotWriter create() throws IOException {
      return new SnapshotWriter(folder, this, false);
    }

    /** A writer of a new generation that starts with every part of the committed one. */
    public SnapshotWriter update() throws IOException {
      return new SnapshotWriter(folder, this, true);
    }
  }
}
